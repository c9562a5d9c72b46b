"""The outbox page and signed links' expiry and revocation."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.reminders.test_delivery import MONDAY_8AM, THURSDAY, run_all
from tracker.domain.accounts.links import issue_link, resolve_link, revoke_link
from tracker.domain.states import Role
from tracker.extensions import db
from tracker.models import Notification, NotificationStatus


@pytest.fixture
def office_client(app, office, login, client):
    if "auth.login" not in app.view_functions:
        pytest.skip("the login page is not there yet")
    return login(office)


def test_outbox_says_no_mail_server_and_resends_a_held_mail(app, agencies, give, office_client):
    give(agencies["h-trangdinh"], THURSDAY)
    run_all(MONDAY_8AM)
    page = office_client.get("/outbox/?q=Tràng")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Chưa gửi: chưa cấu hình máy chủ thư" in text  # the banner and each held row
    assert "Tổng hợp hằng tuần" in text  # the kind, in words
    row = db.session.scalar(sa.select(Notification).where(Notification.kind == "digest"))
    shown = office_client.get(f"/outbox/{row.id}").get_data(as_text=True)
    assert "Tăng cường tuyên truyền" in shown
    assert "Tổng hợp hằng tuần" in shown and "Chưa gửi: chưa cấu hình máy chủ thư" in shown
    assert "not sent" not in shown and row.dedup_key not in shown  # no English, no inner key
    import re

    token = re.search(r'name="csrf_token" value="([^"]+)"', shown).group(1)
    office_client.post(f"/outbox/{row.id}/resend", data={"csrf_token": token})
    db.session.refresh(row)
    assert row.status == NotificationStatus.PENDING


def test_preview_shows_the_next_digest_without_recording_it(app, agencies, give, office_client):
    give(agencies["h-trangdinh"], THURSDAY)
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Notification))
    page = office_client.get(f"/outbox/preview/{agencies['h-trangdinh'].id}")
    assert page.status_code == 200 and "Tăng cường tuyên truyền" in page.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == before


def test_agency_officers_cannot_see_the_outbox(app, agencies, make_user, login):
    if "auth.login" not in app.view_functions:
        pytest.skip("the login page is not there yet")
    officer = make_user(Role.AGENCY, agencies["h-trangdinh"])
    assert login(officer).get("/outbox/").status_code == 404


def test_links_expire_and_can_be_revoked(app, agencies):
    key, agency = app.config["SECRET_KEY"], agencies["h-trangdinh"]
    token = issue_link(key, agency.id, MONDAY_8AM, 14)
    db.session.commit()
    assert resolve_link(key, token, MONDAY_8AM + timedelta(days=13)) is not None
    assert resolve_link(key, token, MONDAY_8AM + timedelta(days=14)) is None
    assert resolve_link("another-key", token, MONDAY_8AM) is None
    link = resolve_link(key, token, MONDAY_8AM)
    revoke_link(link, MONDAY_8AM)
    db.session.commit()
    assert resolve_link(key, token, MONDAY_8AM) is None


def _failed_mails(mail_app, smtp, count=3):
    from tests.reminders.test_smtp_scenarios import record
    from tracker.reminders.sender import deliver_pending

    record(count)
    smtp.handler.refuse["MAIL"] = "550 5.7.1 Not now"
    deliver_pending(MONDAY_8AM, mail_app.config)
    smtp.handler.refuse.clear()
    assert _statuses() == {NotificationStatus.FAILED}


def _statuses():
    db.session.expire_all()
    return set(db.session.scalars(sa.select(Notification.status)))


def test_flask_reminders_requeue_puts_failed_mail_back_in_bulk(mail_app, smtp, runner):
    _failed_mails(mail_app, smtp)
    result = runner.invoke(args=["reminders", "requeue", "--now", MONDAY_8AM.isoformat()])
    assert result.exit_code == 0 and "requeued 3" in result.output
    assert _statuses() == {NotificationStatus.PENDING}
    runner.invoke(args=["reminders", "send", "--now", MONDAY_8AM.isoformat()])
    assert _statuses() == {NotificationStatus.SENT} and len(smtp.received) == 3


def test_the_outbox_page_requeues_in_bulk_and_shows_the_jobs_and_the_scheduler(
    mail_app, smtp, office_client
):
    import re

    from tracker.reminders.jobs import run_job
    from tracker.reminders.lease import LeaderLease

    page = office_client.get("/outbox/").get_data(as_text=True)
    assert "Bộ lập lịch không chạy" in page  # no heartbeat yet
    _failed_mails(mail_app, smtp)
    run_job("sweep", MONDAY_8AM)
    assert LeaderLease(holder="may-chu:42").acquire(MONDAY_8AM)
    mail_app.config["FIXED_NOW"] = MONDAY_8AM
    page = office_client.get("/outbox/?status=failed").get_data(as_text=True)
    assert "Bộ lập lịch đang chạy (may-chu:42)" in page
    assert "sweep" in page and "recorded" in page  # the job's last run and result
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    answer = office_client.post("/outbox/requeue", data={"csrf_token": token, "status": "failed"})
    assert answer.status_code == 302
    assert _statuses() == {NotificationStatus.PENDING}
