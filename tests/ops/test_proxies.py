"""TRUSTED_PROXIES: behind nginx, the sessions, the audit and the login brake see the client's
own address; without it, a forged X-Forwarded-For header changes nothing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.conftest import PASSWORD, make_app
from tracker.extensions import db
from tracker.models import UserSession

CLIENT = "203.0.113.7"


@pytest.fixture
def proxied(app, database_url, tmp_path):
    behind = make_app(database_url, tmp_path, TRUSTED_PROXIES=1)
    with behind.app_context():
        yield behind
        db.session.remove()


def _login(app, user, forwarded_for):
    client = app.test_client()
    response = client.post(
        "/login",
        data={"email": user.email, "password": PASSWORD},
        headers={"X-Forwarded-For": forwarded_for, "X-Forwarded-Proto": "https"},
    )
    assert response.status_code == 302
    return db.session.scalar(sa.select(UserSession.ip_address).order_by(UserSession.id.desc()))


def test_one_trusted_proxy_gives_the_client_address(proxied, office):
    assert _login(proxied, office, f"198.51.100.1, {CLIENT}") == CLIENT


def test_without_trusted_proxies_the_header_is_ignored(app, office):
    assert _login(app, office, CLIENT) == "127.0.0.1"


def test_the_login_brake_counts_per_real_address(proxied, office, make_user):
    client = proxied.test_client()
    for _ in range(5):
        client.post(
            "/login",
            data={"email": "nobody@example.gov.vn", "password": "wrong-password-1"},
            headers={"X-Forwarded-For": "198.51.100.9"},
        )
    blocked = client.post(
        "/login",
        data={"email": "nobody@example.gov.vn", "password": "wrong-password-1"},
        headers={"X-Forwarded-For": "198.51.100.9"},
    )
    assert blocked.status_code == 429
    # a colleague behind the same nginx, from another PC, is not locked out
    assert _login(proxied, office, CLIENT) == CLIENT
