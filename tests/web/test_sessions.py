"""Logging in and out: server-side sessions, timeouts, the brake on guessing, resets."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from tests.conftest import NOW, PASSWORD
from tests.reminders.conftest import deliver_to_loopback
from tracker.extensions import db
from tracker.models import Notification


def _log_in(client, user, password=PASSWORD):
    return client.post("/login", data={"email": user.email, "password": password})


def test_logout_ends_the_session_so_a_copied_cookie_stops_working(app, office):
    first = app.test_client()
    assert _log_in(first, office).status_code == 302
    cookie = first.get_cookie("session").value
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    assert thief.get("/tasks").status_code == 200
    first.post("/logout")
    assert thief.get("/tasks").status_code == 302
    assert first.get("/tasks").status_code == 302


def test_password_change_ends_other_sessions_but_keeps_this_one(app, office):
    here, elsewhere = app.test_client(), app.test_client()
    _log_in(here, office)
    _log_in(elsewhere, office)
    new = "another-long-password"
    response = here.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": new, "repeat_password": new},
    )
    assert response.status_code == 302
    assert here.get("/tasks").status_code == 200
    assert elsewhere.get("/tasks").status_code == 302
    assert _log_in(app.test_client(), office, new).status_code == 302


def test_wrong_current_password_is_refused_next_to_the_field(client, login, office):
    login(office)
    page = client.post(
        "/account/password",
        data={"current_password": "nope", "new_password": "x" * 12, "repeat_password": "x" * 12},
    )
    assert "This is not your current password" in page.get_data(as_text=True) or (
        "Đây không phải mật khẩu hiện tại" in page.get_data(as_text=True)
    )


def test_too_many_failures_lock_the_account_for_a_minute(app, client, office):
    for _ in range(app.config["LOGIN_FAILURES_BEFORE_DELAY"]):
        assert _log_in(client, office, "wrong-password").status_code == 200
    blocked = _log_in(client, office)  # even the right password, now
    assert blocked.status_code == 429
    assert "thử lại sau vài phút" in blocked.get_data(as_text=True)
    app.config["FIXED_NOW"] = NOW + timedelta(days=3650)  # a minute (and more) later
    assert _log_in(client, office).status_code == 302


def test_idle_and_absolute_timeouts(app, client, office):
    app.config["FIXED_NOW"] = NOW
    _log_in(client, office)
    idle = timedelta(minutes=app.config["SESSION_IDLE_MINUTES"])
    app.config["FIXED_NOW"] = NOW + idle - timedelta(minutes=1)
    assert client.get("/tasks").status_code == 200
    app.config["FIXED_NOW"] = NOW + 2 * idle + timedelta(minutes=1)
    assert client.get("/tasks").status_code == 302
    _log_in(client, office)
    start = app.config["FIXED_NOW"]
    for hours in range(1, app.config["SESSION_ABSOLUTE_HOURS"] + 1):
        app.config["FIXED_NOW"] = start + timedelta(hours=hours) - timedelta(minutes=5)
        assert client.get("/tasks").status_code == 200
    app.config["FIXED_NOW"] = start + timedelta(
        hours=app.config["SESSION_ABSOLUTE_HOURS"], minutes=1
    )
    assert client.get("/tasks").status_code == 302


def test_password_reset_by_email_works_once(app, client, office):
    app.config["FIXED_NOW"] = NOW
    response = client.post("/password/forgot", data={"email": office.email.upper()})
    assert response.status_code == 302
    mail = db.session.scalar(sa.select(Notification).where(Notification.kind == "password_reset"))
    assert mail.to_addrs == [office.email]
    [delivered] = deliver_to_loopback(app, NOW)  # the link's token is made at delivery
    body = delivered.message.get_body(("plain",)).get_content()
    link = re.search(r"http://localhost(/password/reset/\S+)", body).group(1)
    assert client.get(link).status_code == 200
    new = "a-brand-new-password"
    assert client.post(link, data={"new_password": new, "repeat_password": new}).status_code == 302
    assert client.get(link).status_code == 400  # single use
    assert _log_in(client, office, new).status_code == 302


def test_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post("/password/forgot", data={"email": "nobody@test.example"})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(Notification.id))) == 0


def test_language_switch_is_remembered_for_the_user(client, login, office):
    login(office)
    assert "Nhiệm vụ" in client.get("/tasks").get_data(as_text=True)
    client.post("/language", data={"lang": "en", "next": "/tasks"})
    assert "No task matches" in client.get("/tasks").get_data(as_text=True)
    db.session.refresh(office)
    assert office.locale == "en"


def test_login_ignores_a_next_address_elsewhere(client, office):
    response = client.post(
        "/login",
        data={"email": office.email, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.headers["Location"] == "/"
