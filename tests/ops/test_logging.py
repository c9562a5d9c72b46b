"""One line per request, secrets redacted; login events; the format by setting."""

from __future__ import annotations

import json
import logging

import pytest

from tests.conftest import PASSWORD
from tracker.ops.logs import Formatter, redact


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/link/abc.DEF-123", "/link/[secret]"),
        ("/link/abc.DEF/42", "/link/[secret]/42"),
        ("/password/reset/tok.en", "/password/reset/[secret]"),
        ("/calendar/s3cr3t.ics", "/calendar/[secret]"),
        ("/tasks/12", "/tasks/12"),
    ],
)
def test_secret_paths_are_redacted(path, logged):
    assert redact(path) == logged


def messages(caplog, name):
    return [r for r in caplog.records if r.name == name]


def test_a_request_line_hides_the_token(client, caplog):
    caplog.set_level(logging.INFO)
    client.get("/link/the-very-secret-token")
    [line] = messages(caplog, "tracker.request")
    assert line.getMessage().startswith("GET /link/[secret] 404 ")
    assert "the-very-secret-token" not in caplog.text


def test_login_logout_and_failures_are_logged(client, office, caplog):
    caplog.set_level(logging.INFO)
    client.post("/login", data={"email": office.email, "password": "not-the-password"})
    client.post("/login", data={"email": office.email, "password": PASSWORD})
    client.post("/logout")
    events = [(r.getMessage(), r.email) for r in messages(caplog, "tracker.auth")]
    assert events == [
        ("login failed", office.email),
        ("login", office.email),
        ("logout", office.email),
    ]


def test_the_lock_out_is_a_warning(client, office, caplog):
    caplog.set_level(logging.INFO)
    for _ in range(6):
        client.post("/login", data={"email": office.email, "password": "not-the-password"})
    [refused] = [r for r in messages(caplog, "tracker.auth") if r.levelname == "WARNING"]
    assert refused.getMessage() == "login refused: too many failed attempts"


def _record(**extra):
    record = logging.LogRecord("tracker.auth", logging.INFO, __file__, 1, "login", (), None)
    record.created = 1_780_000_000.25  # 2026-05-28T20:26:40.250Z
    record.__dict__.update(extra)
    return record


def test_plain_lines_have_an_iso_time_with_zone_and_the_level():
    line = Formatter("Asia/Ho_Chi_Minh", as_json=False).format(_record(client="10.0.0.5"))
    assert line == "2026-05-29T03:26:40.250+07:00 INFO tracker.auth login client=10.0.0.5"


def test_json_lines():
    line = Formatter("Asia/Ho_Chi_Minh", as_json=True).format(_record(client="10.0.0.5"))
    assert json.loads(line) == {
        "time": "2026-05-29T03:26:40.250+07:00",
        "level": "INFO",
        "logger": "tracker.auth",
        "message": "login",
        "client": "10.0.0.5",
    }
