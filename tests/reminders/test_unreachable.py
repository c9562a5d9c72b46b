"""No agency is left out silently (tracker.domain.reachability): the pages say who mail cannot
reach and why, the outbox records the mail nobody got, the weekly summary lists them, and an
address the server refuses for good (5xx) is marked failing until it is corrected."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from tests.reminders.test_delivery import MONDAY_8AM, THURSDAY, run_all
from tracker.domain import agencies as registry
from tracker.domain.reachability import Unreachable, unreachable_agencies
from tracker.domain.states import AgencyLevel, Role
from tracker.extensions import db
from tracker.models import AgencyContact, Notification, NotificationStatus


def new_agency(system, now, code="bqlda", emails=()):
    agency = registry.create_agency(
        system, now, code=code, name="Ban Quản lý dự án tỉnh", level=AgencyLevel.DEPARTMENT,
        emails=list(emails),
    )  # fmt: skip
    db.session.commit()
    return agency


def test_why_an_agency_cannot_be_reached(agencies, system, now, make_user):
    bare = new_agency(system, now)
    assert unreachable_agencies([bare.id]) == {bare.id: Unreachable.NO_ADDRESS}
    assert agencies["ca-tinh"].id not in unreachable_agencies()  # it has a contact
    make_user(Role.AGENCY, bare, email="canbo@bqlda.example")
    assert unreachable_agencies([bare.id]) == {}  # an officer's account reaches it


def test_a_mail_without_recipient_is_recorded_as_such(agencies, system, now, give):
    bare = new_agency(system, now)
    assignment = give(bare, THURSDAY)
    row = db.session.scalars(
        sa.select(Notification).where(Notification.assignment_id == assignment.id)
    ).one()
    assert row.kind == "assignment_created" and row.to_addrs == []
    assert row.status == NotificationStatus.NO_RECIPIENT and "no_address" in row.last_error


def test_a_5xx_marks_the_contact_failing_until_corrected(mail_app, smtp, agencies, give, system):
    trangdinh = agencies["h-trangdinh"]
    give(trangdinh, THURSDAY)
    smtp.handler.reject.add("trangdinh@langson.example")
    run_all(MONDAY_8AM)
    contact = db.session.scalars(
        sa.select(AgencyContact).where(AgencyContact.agency_id == trangdinh.id)
    ).one()
    db.session.refresh(contact)
    # the sender's clock runs on from the job's instant while it delivers
    assert MONDAY_8AM <= contact.failing_since < MONDAY_8AM + timedelta(minutes=1)
    assert contact.failing_reason.startswith("550")
    assert unreachable_agencies([trangdinh.id]) == {trangdinh.id: Unreachable.ADDRESS_REFUSED}
    registry.update_agency(
        trangdinh, system, MONDAY_8AM, name=trangdinh.name, level=trangdinh.level, parent=None,
        active=True, aliases=[], emails=["vanphong@trangdinh.example"],
    )  # fmt: skip
    db.session.commit()
    assert unreachable_agencies([trangdinh.id]) == {}


def test_a_4xx_marks_nothing(agencies, now):
    from tracker.domain.reachability import mark_refused_replies

    assert mark_refused_replies({"trangdinh@langson.example": "450 mailbox busy"}, now) == 0
    whole_mail = {"trangdinh@langson.example": "SMTPSenderRefused: 550 sender unknown"}
    assert mark_refused_replies(whole_mail, now) == 0  # the sender's fault, not the address's
    assert unreachable_agencies([agencies["h-trangdinh"].id]) == {}


def test_the_weekly_summary_lists_them(mail_app, smtp, agencies, give, system, now):
    new_agency(system, now)
    give(agencies["h-trangdinh"], THURSDAY)
    run_all(MONDAY_8AM)
    summary = next(r for r in smtp.received if r.key.startswith("summary"))
    plain = summary.message.get_body(("plain",)).get_content()
    listed = plain.split("Cơ quan, đơn vị không gửi thư được (1):")[1]
    assert "- Ban Quản lý dự án tỉnh: chưa có địa chỉ e-mail" in listed
    assert "Tràng Định" not in listed


def test_the_agencies_page_filters_them(client, login, office, agencies, system, now):
    new_agency(system, now)
    page = login(office).get("/agencies?reach=unreachable").get_data(as_text=True)
    assert "Ban Quản lý dự án tỉnh" in page and "Công an tỉnh" not in page
    assert "Không gửi thư được: chưa có địa chỉ e-mail" in page
    every = client.get("/agencies").get_data(as_text=True)
    assert "Công an tỉnh" in every and "Ban Quản lý dự án tỉnh" in every


def test_the_assign_form_says_who_will_not_be_notified(
    client, login, office, agencies, system, now, office_actor
):
    from tracker.domain.work.tasks import create_task

    bare = new_agency(system, now)
    task = create_task(office_actor, now, text="Rà soát dự án.")
    db.session.commit()
    login(office)
    form = client.get(f"/tasks/{task.id}/assign").get_data(as_text=True)
    assert 'id="unreachable"' in form
    assert "<li>Ban Quản lý dự án tỉnh: chưa có địa chỉ e-mail</li>" in form
    done = client.post(
        f"/tasks/{task.id}/assign",
        data={"role": "lead", "agencies": [str(bare.id), str(agencies["ca-tinh"].id)]},
        follow_redirects=True,
    ).get_data(as_text=True)
    warning = done.split("chưa được thông báo vì không gửi thư được:")[1].split("</")[0]
    assert "Ban Quản lý dự án tỉnh (chưa có địa chỉ e-mail)" in warning
    assert "Công an tỉnh" not in warning
