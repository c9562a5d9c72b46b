"""`flask demo` outside development, and why a CSRF check refused, in the log."""

from __future__ import annotations

import logging

import pytest

from tests.conftest import PASSWORD, make_app
from tracker.demo import DEMO_PASSWORD
from tracker.extensions import db


def test_demo_refuses_in_production(app, runner):
    app.config["ENV_NAME"] = "production"
    result = runner.invoke(args=["demo"])
    assert result.exit_code != 0
    assert "--allow-production" in result.output
    assert "published password" in result.output


def test_demo_in_production_with_the_flag_never_uses_the_published_password(app, runner):
    app.config["ENV_NAME"] = "production"
    result = runner.invoke(args=["demo", "--allow-production", "--today", "2026-06-15"])
    assert result.exit_code == 0, result.output
    assert DEMO_PASSWORD not in result.output
    client = app.test_client()
    refused = client.post(
        "/login", data={"email": "thuongtruc@demo.example", "password": DEMO_PASSWORD}
    )
    assert refused.status_code == 200  # the form again, with "wrong e-mail or password"
    password = result.output.split("password: ")[1].split()[0]
    ok = client.post("/login", data={"email": "thuongtruc@demo.example", "password": password})
    assert ok.status_code == 302


@pytest.fixture
def strict(app, database_url, tmp_path):
    protected = make_app(database_url, tmp_path, WTF_CSRF_ENABLED=True, SESSION_COOKIE_SECURE=True)
    with protected.app_context():
        yield protected
        db.session.remove()


def test_a_csrf_refusal_is_logged_with_its_reason(strict, office, caplog):
    caplog.set_level(logging.WARNING, logger="tracker.web")
    client = strict.test_client()
    response = client.post("/login", data={"email": office.email, "password": PASSWORD})
    assert response.status_code == 400
    [record] = [r for r in caplog.records if r.name == "tracker.web"]
    message = record.getMessage()
    assert "request refused: POST /login from 127.0.0.1" in message
    assert "The CSRF token is missing." in message
    assert "Secure but this request came over plain HTTP" in message
