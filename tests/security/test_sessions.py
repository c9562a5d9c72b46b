"""Items 13, 14 and 17: the session token rotates on a password change, a `next` with control
characters is refused before any session exists, and the production cookie is `__Host-`."""

from __future__ import annotations

import sqlalchemy as sa

from tests.conftest import PASSWORD, make_app
from tracker.extensions import db
from tracker.models import UserSession

NEW_PASSWORD = "bamboo-river-lantern-42"


def test_password_change_rotates_this_sessions_token(app, office):
    client = app.test_client()
    client.post("/login", data={"email": office.email, "password": PASSWORD})
    before = client.get_cookie("session").value
    response = client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "repeat_password": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert client.get("/tasks").status_code == 200  # this browser goes on
    assert client.get_cookie("session").value != before
    thief = app.test_client()  # a copy of the cookie taken before the change
    thief.set_cookie("session", before)
    assert thief.get("/tasks").status_code == 302
    live = db.session.scalars(
        sa.select(UserSession).where(
            UserSession.user_id == office.id, UserSession.ended_at.is_(None)
        )
    ).all()
    assert len(live) == 1


def test_next_with_control_characters_is_refused_before_the_session(app, client, office):
    for bad in ("/tasks\r\nSet-Cookie: x=1", "/tasks\nx", "/tasks\tx"):
        response = client.post(
            "/login", data={"email": office.email, "password": PASSWORD, "next": bad}
        )
        assert response.status_code == 400
        with client.session_transaction() as cookie:
            assert "sid" not in cookie
    assert db.session.scalar(sa.select(sa.func.count(UserSession.id))) == 0
    fine = client.post(
        "/login", data={"email": office.email, "password": PASSWORD, "next": "/documents"}
    )
    assert fine.headers["Location"] == "/documents"
    # the other controls never reach the view: every posted field loses them (item 5)
    cleaned = app.test_client().post(
        "/login", data={"email": office.email, "password": PASSWORD, "next": "/tasks\x00\x7f"}
    )
    assert cleaned.headers["Location"] == "/tasks"


def test_a_backslash_next_is_not_followed(client, office):
    response = client.post(
        "/login", data={"email": office.email, "password": PASSWORD, "next": "/\\evil.example"}
    )
    assert response.headers["Location"] == "/"


#: production refuses development defaults for these (tracker/ops/startup.py)
PRODUCTION_SETTINGS = {
    "BASE_URL": "https://t.example",
    "STANDING_OFFICE_EMAIL": "thuongtruc@t.example",
    "MAIL_DEFAULT_SENDER": "theodoi@t.example",
}


def test_production_over_https_names_the_cookie_host_only(database_url, tmp_path, _schema):
    app = make_app(
        database_url,
        tmp_path,
        **PRODUCTION_SETTINGS,
        ENV_NAME="production",
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_NAME="session",
    )
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-session"
    client = app.test_client()
    response = client.post("/language", data={"lang": "en"}, base_url="https://t.example")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
    plain = make_app(
        database_url,
        tmp_path,
        **PRODUCTION_SETTINGS,
        ENV_NAME="production",
        SESSION_COOKIE_SECURE=False,
    )
    assert plain.config["SESSION_COOKIE_NAME"] == "session"
