"""Event mails as they arrive: returned for rework, extension approved or rejected, deadline
changed; subjects from the Vietnamese catalogue; links that work."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from babel.support import Translations

from tests.reminders.test_delivery import MONDAY_8AM, THURSDAY
from tracker.domain import workflow
from tracker.domain.calendar import WorkCalendar
from tracker.domain.permissions import actor_for_user
from tracker.domain.states import Role
from tracker.domain.work.assignment import change_deadline, decide_extension, request_extension
from tracker.extensions import db
from tracker.reminders.jobs import run_job
from tracker.reminders.settings import ReminderSettings
from tracker.reminders.summary import SUMMARY_TOP_ITEMS, plan_summary

TITLE = "Kiểm tra công tác phòng cháy, chữa cháy tại chợ trung tâm"
CATALOGUES = Path(__file__).resolve().parents[2] / "tracker" / "translations"


@pytest.fixture
def officer(make_user, agencies):
    return make_user(Role.AGENCY, agencies["h-trangdinh"], email="canbo@trangdinh.example")


@pytest.fixture
def assignment(give, agencies, officer):
    return give(agencies["h-trangdinh"], THURSDAY, title=TITLE)


def arrived(smtp, prefix: str):
    """Deliver what is pending, then the one mail whose dedup key starts with `prefix`."""
    run_job("deliver", MONDAY_8AM + timedelta(hours=1))
    [mail] = [r for r in smtp.received if r.key.startswith(prefix)]
    return mail, mail.message.get_body(("plain",)).get_content(), _html(mail)


def _html(mail) -> str:
    return mail.message.get_body(("html",)).get_content()


def vietnamese(msgid: str, **values) -> str:
    """What the compiled Vietnamese catalogue says for `msgid` (not a copy of it)."""
    text = Translations.load(str(CATALOGUES), ["vi"]).ugettext(msgid)
    assert text != msgid, f"{msgid!r} is not translated"
    return text % values if values else text


def test_returned_for_rework_arrives_with_the_reason(
    mail_app, smtp, assignment, officer, office_actor, policy
):
    workflow.report_completion(assignment, actor_for_user(officer), "Đã xong", MONDAY_8AM, policy)
    workflow.return_for_rework(assignment, office_actor, "Thiếu biên bản kiểm tra", MONDAY_8AM)
    db.session.commit()
    mail, plain, html = arrived(smtp, "returned:")
    assert mail.rcpt_tos == ["trangdinh@langson.example", officer.email]
    assert mail.message["Subject"] == vietnamese("Returned for rework: %(title)s", title=TITLE)
    lead = vietnamese("The standing office returned your completion report for rework:")
    reason = vietnamese("Reason: %(reason)s", reason="Thiếu biên bản kiểm tra")
    for body in (plain, html):
        assert lead in body and reason in body and TITLE in body


@pytest.mark.parametrize("approve", [True, False])
def test_extension_decision_arrives(
    mail_app, smtp, assignment, officer, office_actor, policy, approve
):
    request = request_extension(
        assignment, actor_for_user(officer), date(2026, 7, 10), "Chờ kinh phí", MONDAY_8AM, policy
    )
    db.session.commit()
    decide_extension(request, office_actor, approve, MONDAY_8AM, note="Ý kiến của Thường trực")
    db.session.commit()
    mail, plain, html = arrived(smtp, "extension:")
    if approve:
        subject = vietnamese(
            "Extension approved: %(title)s, new deadline %(deadline)s",
            title=TITLE,
            deadline="10/07/2026",
        )
        lead = vietnamese(
            "Your extension request was approved. The new deadline is %(day)s.", day="10/07/2026"
        )
        detail = vietnamese("Note: %(note)s", note="Ý kiến của Thường trực")
    else:
        subject = vietnamese("Extension not approved: %(title)s", title=TITLE)
        lead = vietnamese(
            "Your extension request was not approved; the deadline stays %(day)s.",
            day="25/06/2026",
        )
        detail = vietnamese("Reason: %(reason)s", reason="Ý kiến của Thường trực")
    assert mail.message["Subject"] == subject
    for body in (plain, html):
        assert lead in body and detail in body


def test_deadline_changed_arrives_with_both_dates_and_a_working_link(
    mail_app, smtp, assignment, office_actor, client
):
    change_deadline(assignment, office_actor, date(2026, 6, 30), "Theo chỉ đạo mới", MONDAY_8AM)
    db.session.commit()
    mail, plain, html = arrived(smtp, "deadline:")
    assert mail.message["Subject"] == vietnamese(
        "Deadline changed: %(title)s, now %(deadline)s", title=TITLE, deadline="30/06/2026"
    )
    moved = vietnamese(
        "The standing office changed the deadline of this assignment from %(old)s to %(new)s.",
        old="25/06/2026",
        new="30/06/2026",
    )
    for body in (plain, html):
        assert moved in body and "Theo chỉ đạo mới" in body
    path = re.search(r"http://localhost(/link/[^\s#\"]+)", plain).group(1)
    mail_app.config["FIXED_NOW"] = MONDAY_8AM
    page = client.get(path)
    assert page.status_code == 200 and TITLE in page.get_data(as_text=True)


def test_subjects_come_from_the_catalogue_in_each_recipients_language(
    mail_app, smtp, agencies, give, make_user
):
    english = make_user(Role.AGENCY, agencies["h-trangdinh"], email="en@trangdinh.example")
    english.locale = "en"
    db.session.commit()
    made = give(agencies["h-trangdinh"], THURSDAY, title=TITLE)
    run_job("deliver", MONDAY_8AM)
    by_key = {r.key: r for r in smtp.received}
    vi_copy, en_copy = by_key[f"created:{made.id}"], by_key[f"created:{made.id}:en"]
    assert vi_copy.message["Subject"] == vietnamese("New assignment: %(title)s", title=TITLE)
    assert vi_copy.rcpt_tos == ["trangdinh@langson.example"]
    assert en_copy.message["Subject"] == f"New assignment: {TITLE}"
    assert en_copy.rcpt_tos == ["en@trangdinh.example"]
    lead = "The standing office has given your agency a new assignment:"
    assert vietnamese(lead) in vi_copy.message.get_body(("plain",)).get_content()
    assert lead in en_copy.message.get_body(("plain",)).get_content()


@pytest.mark.slow
def test_the_office_summary_shows_the_top_of_each_list_and_stays_small(app, agencies, give):
    settings, five = ReminderSettings.from_config(app.config), list(agencies.values())[:5]

    def add(count):
        for n in range(count):
            give(
                five[n % 5],
                date(2026, 6, 1),
                title="Việc đã quá hạn",
                at=datetime(2026, 5, 1, tzinfo=UTC),
            )

    def summary():
        [mail] = plan_summary(MONDAY_8AM, settings, WorkCalendar.load())
        return mail.built

    add(SUMMARY_TOP_ITEMS + 5)
    small = summary()
    add(2 * SUMMARY_TOP_ITEMS)
    big = summary()
    for built, total in ((small, SUMMARY_TOP_ITEMS + 5), (big, 3 * SUMMARY_TOP_ITEMS + 5)):
        assert built.body_text.count("Việc đã quá hạn") == SUMMARY_TOP_ITEMS  # the top only
        assert f"({total})" in built.body_text  # the whole count
        assert "/tasks?status=overdue" in built.body_text  # and where the whole list is
    size = lambda built: len(built.body_text) + len(built.body_html)  # noqa: E731
    # three times the work, about the same size (only which agency names are on top differ)
    assert size(big) < 1.15 * size(small)
