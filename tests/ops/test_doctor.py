"""`flask doctor`: one ✓/✗ line per check, against a real SMTP server on loopback."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.reminders.conftest import SmtpServer, free_port
from tracker.domain.clock import utc_now
from tracker.extensions import db
from tracker.models import JobRun


@pytest.fixture
def smtp():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def heartbeat(app):
    def beat(age: timedelta):
        row = db.session.get(JobRun, "deliver") or JobRun(name="deliver")
        row.last_finished_at = utc_now() - age
        db.session.add(row)
        db.session.commit()

    return beat


def lines(result) -> dict[str, str]:
    return {
        line.split(":")[0][2:]: line
        for line in result.output.splitlines()
        if line[:2] in {"✓ ", "✗ "}
    }


def test_all_well_exits_zero_and_sends_the_test_mail(app, runner, smtp, heartbeat):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, MAIL_TIMEOUT_SECONDS=5)
    heartbeat(timedelta(seconds=40))
    result = runner.invoke(args=["doctor", "--send-test", "it@example.gov.vn"])
    assert result.exit_code == 0, result.output
    seen = lines(result)
    for what in ("settings", "database", "schema", "upload folder", "mail server", "scheduler"):
        assert seen[what].startswith("✓"), result.output
    assert seen["outbox"].startswith("✓ outbox: 0 pending")
    assert seen["test mail"] == "✓ test mail: to it@example.gov.vn"
    [mail] = smtp.received
    assert mail.rcpt_tos == ["it@example.gov.vn"]
    assert "flask doctor" in mail.message["Subject"]


def test_a_mail_server_that_is_down_and_a_silent_scheduler_fail(app, runner, heartbeat):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_TIMEOUT_SECONDS=2)
    heartbeat(timedelta(minutes=20))
    result = runner.invoke(args=["doctor"])
    assert result.exit_code != 0
    seen = lines(result)
    assert seen["mail server"].startswith("✗ mail server: 127.0.0.1:")
    assert "ConnectionRefusedError" in seen["mail server"]
    assert seen["scheduler"].startswith("✗ scheduler: last heartbeat 1200 s ago")
    assert "2 check(s) failed" in result.output


def test_no_scheduler_ever_is_a_failure(app, runner):
    result = runner.invoke(args=["doctor"])
    assert result.exit_code != 0
    assert "✗ scheduler: no delivery recorded yet" in result.output


def test_an_unwritable_upload_folder_fails(app, runner, heartbeat, tmp_path):
    heartbeat(timedelta(seconds=10))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    app.config["UPLOAD_DIR"] = str(blocker / "uploads")
    result = runner.invoke(args=["doctor"])
    assert result.exit_code != 0
    assert lines(result)["upload folder"].startswith("✗ upload folder: UPLOAD_DIR=")
