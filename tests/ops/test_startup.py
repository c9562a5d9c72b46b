"""Production start-up refuses, in one line naming the setting, what would go wrong later."""

from __future__ import annotations

import pytest

from tests.ops.conftest import GOOD_PRODUCTION, run

PREFIX = "The tracker cannot start: "


def refusal(result) -> list[str]:
    assert result.returncode != 0, result.stdout
    return [line for line in result.stderr.splitlines() if line.startswith(PREFIX)]


def test_a_good_production_environment_starts(production):
    result = run(["flask", "doctor"], production)
    assert PREFIX not in result.stderr
    assert "✓ settings: TRACKER_ENV=production" in result.stdout


@pytest.mark.parametrize("name", ["BASE_URL", "STANDING_OFFICE_EMAIL", "MAIL_DEFAULT_SENDER"])
def test_production_refuses_a_development_default(production, name):
    del production[name]
    line, *_ = refusal(run(["flask", "routes"], production))
    assert line.startswith(f"{PREFIX}{name} is left at its development default")


def test_production_needs_an_upload_folder_outside_the_code(production):
    del production["UPLOAD_DIR"]
    line, *_ = refusal(run(["flask", "routes"], production))
    assert "UPLOAD_DIR is not set" in line


def test_an_unwritable_upload_folder_is_refused_at_start(production, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    production["UPLOAD_DIR"] = str(blocker / "uploads")
    line, *_ = refusal(run(["flask", "routes"], production))
    assert line.startswith(f"{PREFIX}UPLOAD_DIR='{blocker / 'uploads'}' is not writable")


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("DUE_SOON_DAYS", "seven", "is not a whole number"),
        ("MAIL_PORT", "25x", "is not a whole number"),
        ("MAIL_TIMEOUT_SECONDS", "soon", "is not a number"),
        ("REMINDER_DAYS_BEFORE", "7;3", "is not a list of whole numbers"),
        ("MAIL_USE_TLS", "sometimes", "is neither true nor false"),
        ("TIMEZONE", "Asia/Hanoi City", "is not a time zone name"),
        ("DIGEST_TIME", "7h30", "is not a time HH:MM"),
        ("DIGEST_DAY_OF_WEEK", "someday", "is not a weekday"),
        ("LOG_FORMAT", "xml", "is neither plain nor json"),
    ],
)
def test_a_malformed_setting_is_named(production, name, value, says):
    production[name] = value
    line, *_ = refusal(run(["flask", "routes"], production))
    assert line.startswith(f"{PREFIX}{name}={value!r} {says}")


def test_secure_cookies_over_plain_http_are_explained(production):
    production["BASE_URL"] = "http://tracker.lan"
    line, *_ = refusal(run(["flask", "routes"], production))
    assert "session cookies are Secure" in line
    assert "SESSION_COOKIE_SECURE=false" in line


def test_plain_http_on_a_closed_intranet_starts_with_a_warning(production):
    production.update(BASE_URL="http://tracker.lan", SESSION_COOKIE_SECURE="false")
    result = run(["flask", "routes"], production)
    assert result.returncode == 0, result.stderr
    assert "SESSION_COOKIE_SECURE=false" in result.stderr
    assert "closed intranet" in result.stderr


def test_gunicorn_refuses_with_the_same_line(production):
    del production["STANDING_OFFICE_EMAIL"]
    result = run(
        ["gunicorn", "--preload", "--bind", "127.0.0.1:0", "wsgi:app"], production, timeout=60
    )
    line, *_ = refusal(result)
    assert "STANDING_OFFICE_EMAIL" in line


def test_every_good_setting_is_really_used(production):
    """The refusals above come from the one setting each test spoiled."""
    assert set(GOOD_PRODUCTION) <= set(production)
