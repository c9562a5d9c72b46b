"""No usable link in the outbox: tokens are made at delivery; account mails are for admins."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from tests.conftest import NOW, PASSWORD
from tests.reminders.conftest import deliver_to_loopback
from tests.reminders.test_delivery import MONDAY_8AM, THURSDAY, run_all
from tracker.domain.states import Role
from tracker.extensions import db
from tracker.models import Notification
from tracker.reminders.links import redacted

RESET = re.compile(r"/password/reset/([^\s\"'<#]+)")
ACCESS = re.compile(r"/link/([^\s\"'<#]+)")


def _candidates(pattern, *texts) -> set[str]:
    return {match for text in texts for match in pattern.findall(text)}


def test_an_office_user_cannot_take_the_admin_account_through_the_outbox(
    app, make_user, login, client
):
    app.config["FIXED_NOW"] = NOW
    admin = make_user(Role.ADMIN, email="quantri@test.example")
    office = make_user(Role.OFFICE, email="vanphong@test.example")
    # anyone asks for a reset of the admin's password
    assert (
        app.test_client().post("/password/forgot", data={"email": admin.email}).status_code == 302
    )
    mail = db.session.scalar(sa.select(Notification).where(Notification.kind == "password_reset"))
    # the office user neither lists it, finds it, opens it nor resends it
    login(office)
    for page in ("/outbox/", "/outbox/?q=quantri", "/outbox/?status=pending"):
        assert admin.email not in client.get(page).get_data(as_text=True)
    assert client.get(f"/outbox/{mail.id}").status_code == 404
    assert client.post(f"/outbox/{mail.id}/resend").status_code in (400, 404)
    # nothing stored anywhere in the mail is a working link: try every candidate there is
    stored = (mail.body_text, mail.body_html, mail.subject, mail.dedup_key)
    for token in _candidates(RESET, *stored):
        assert client.get(f"/password/reset/{token}").status_code == 400
    # the admin sees the mail, without a link in it
    admin_client = app.test_client()
    admin_client.post("/login", data={"email": admin.email, "password": PASSWORD})
    shown = admin_client.get(f"/outbox/{mail.id}")
    assert shown.status_code == 200 and "quantri@test.example" in shown.get_data(as_text=True)
    for token in _candidates(RESET, shown.get_data(as_text=True)):
        assert app.test_client().get(f"/password/reset/{token}").status_code == 400
    # the admin's own mailbox gets the working link, made at delivery
    [delivered] = deliver_to_loopback(app, NOW + timedelta(minutes=1))
    assert delivered.rcpt_tos == [admin.email]
    [token] = _candidates(RESET, delivered.message.get_body(("plain",)).get_content())
    app.config["FIXED_NOW"] = NOW + timedelta(minutes=30)
    assert app.test_client().get(f"/password/reset/{token}").status_code == 200
    # stored after delivery too: still nothing usable in the outbox
    db.session.refresh(mail)
    assert token not in mail.body_text and token not in mail.body_html


def test_a_password_link_works_for_its_minutes_counted_from_delivery(app, make_user):
    app.config["FIXED_NOW"] = NOW
    user = make_user(Role.OFFICE, email="chamtre@test.example")
    app.test_client().post("/password/forgot", data={"email": user.email})
    late = NOW + timedelta(hours=5)  # the mail server was down for five hours
    [delivered] = deliver_to_loopback(app, late)
    [token] = _candidates(RESET, delivered.message.get_body(("plain",)).get_content())
    app.config["FIXED_NOW"] = late + timedelta(minutes=59)
    assert app.test_client().get(f"/password/reset/{token}").status_code == 200
    app.config["FIXED_NOW"] = late + timedelta(minutes=61)
    assert app.test_client().get(f"/password/reset/{token}").status_code == 400


def test_the_outbox_holds_no_working_access_link_and_the_delivered_one_works_on_arrival(
    app, agencies, give, make_user, login, client
):
    give(agencies["h-trangdinh"], THURSDAY)
    run_all(MONDAY_8AM)  # no mail server: held, with no link made
    digest = db.session.scalar(sa.select(Notification).where(Notification.kind == "digest"))
    login(make_user(Role.OFFICE, email="vanphong@test.example"))
    shown = client.get(f"/outbox/{digest.id}").get_data(as_text=True)
    app.config["FIXED_NOW"] = MONDAY_8AM
    for token in _candidates(ACCESS, shown, digest.body_text, digest.body_html):
        assert app.test_client().get(f"/link/{token}").status_code == 404
    # five days later the mail server is there: the link counts its 14 days from then
    later = MONDAY_8AM + timedelta(days=5)
    db.session.execute(sa.update(Notification).values(status="pending", next_attempt_at=later))
    db.session.commit()
    received = deliver_to_loopback(app, later)
    mail = next(r for r in received if r.key == digest.dedup_key)
    [token] = _candidates(ACCESS, mail.message.get_body(("plain",)).get_content())
    app.config["FIXED_NOW"] = later + timedelta(days=13)  # past 14 days from the decision
    assert app.test_client().get(f"/link/{token}").status_code == 200
    app.config["FIXED_NOW"] = later + timedelta(days=14, minutes=1)
    assert app.test_client().get(f"/link/{token}").status_code == 404


def test_tokens_stored_by_older_versions_are_hidden_on_the_outbox_page():
    body = "Mở: http://x/link/IjRkTTVHX3lrWnFoZ2ZfdTJqN3Bz.AbCdEfGh#a4 hoặc http://x/password/reset/eyJ1Ijo0fQ.Z.x-y_z1234567"
    shown = redacted(body, "[…]")
    assert shown == "Mở: http://x/link/[…]#a4 hoặc http://x/password/reset/[…]"


def test_a_new_accounts_set_password_mail_is_for_admins_and_its_link_made_at_delivery(
    app, make_user, login, client
):
    app.config["FIXED_NOW"] = NOW
    admin = make_user(Role.ADMIN, email="quantri@test.example")
    login(admin)
    form = {"email": "moi@test.example", "name": "Cán bộ mới", "role": "office", "agency": ""}
    assert client.post("/users/new", data={**form, "locale": "vi"}).status_code == 302
    mail = db.session.scalar(sa.select(Notification).where(Notification.kind == "set_password"))
    assert mail.to_addrs == ["moi@test.example"] and mail.subject.startswith("Tài khoản")
    assert not _candidates(RESET, mail.body_text.replace("{tracker:password-token}", ""))
    office = app.test_client()
    office_user = make_user(Role.OFFICE, email="vanphong@test.example")
    office.post("/login", data={"email": office_user.email, "password": PASSWORD})
    assert office.get(f"/outbox/{mail.id}").status_code == 404
    [delivered] = deliver_to_loopback(app, NOW)
    [token] = _candidates(RESET, delivered.message.get_body(("plain",)).get_content())
    assert app.test_client().get(f"/password/reset/{token}").status_code == 200
