"""`flask scheduler` stopped (SIGTERM) or killed (SIGKILL) during its catch-up and during a
job: nothing is lost, a stop waits for the running job before giving the lease up, and a new
scheduler starts cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.reminders.test_smtp_scenarios import record
from tracker.domain.clock import utc_now
from tracker.extensions import db
from tracker.models import Notification, NotificationStatus, SchedulerLease
from tracker.reminders.jobs import run_job

pytestmark = pytest.mark.slow
MAILS = 12


def _env(database_url, smtp, tmp_path) -> dict:
    return {
        **os.environ,
        "TRACKER_ENV": "test",
        "DATABASE_URL": database_url,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp.port),
        "TRACKER_INSTANCE_DIR": str(tmp_path),
    }


def _scheduler(env, *extra) -> subprocess.Popen:
    command = [sys.executable, "-m", "flask", "--app", "tests.reminders.child_app", "scheduler"]
    return subprocess.Popen(
        [*command, *extra], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def _wait_for(check, seconds=60.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _statuses() -> Counter:
    db.session.rollback()
    return Counter(db.session.scalars(sa.select(Notification.status)))


def _lease():
    db.session.rollback()
    return db.session.get(SchedulerLease, "scheduler")


def _arrivals(smtp) -> Counter:
    return Counter(smtp.handler.delivered_keys())


def _all_sent_once(smtp, repeats_allowed=0) -> None:
    """Every recorded mail sent and arrived; repeated arrivals at most `repeats_allowed`
    (the catch-up's sweep may record mails of its own besides ours)."""
    assert set(_statuses()) == {NotificationStatus.SENT}
    recorded = set(db.session.scalars(sa.select(Notification.dedup_key)))
    arrivals = _arrivals(smtp)
    assert set(arrivals) == recorded and len(recorded) >= MAILS
    assert sum(arrivals.values()) - len(arrivals) <= repeats_allowed


def test_sigterm_during_the_catch_up_delivery_finishes_the_mail_in_flight_and_leaves_cleanly(
    mail_app, smtp, database_url, tmp_path
):
    record(MAILS, to=["a@so-noivu.example"])
    smtp.handler.delay = 0.3
    child = _scheduler(_env(database_url, smtp, tmp_path))
    _wait_for(lambda: len(smtp.received) >= 2)
    child.send_signal(signal.SIGTERM)
    out, _ = child.communicate(timeout=60)
    assert child.returncode == 0, out.decode()
    assert "Traceback" not in out.decode()
    assert _lease() is None  # given up, after the job ended
    counts = _statuses()
    assert counts[NotificationStatus.PENDING] > 0  # it really stopped early
    assert set(counts) <= {NotificationStatus.SENT, NotificationStatus.PENDING}
    # nothing lost: the next run sends the rest (they were released, not left claimed)
    smtp.handler.delay = 0
    run_job("deliver", utc_now())
    _all_sent_once(smtp)


def test_sigterm_during_a_scheduled_job_keeps_the_lease_until_the_job_has_ended(
    mail_app, smtp, database_url, tmp_path
):
    child = _scheduler(_env(database_url, smtp, tmp_path))  # catch-up finds nothing
    _wait_for(lambda: _lease() is not None)
    record(MAILS, to=["a@so-noivu.example"])
    smtp.handler.delay = 0.3
    _wait_for(lambda: len(smtp.received) >= 1, seconds=90)  # the every-minute delivery job
    child.send_signal(signal.SIGTERM)
    sent_at_signal = len(smtp.received)
    _wait_for(lambda: _lease() is None)  # given up: from now on nothing may be sent
    arrived_at_release = len(smtp.received)
    out, _ = child.communicate(timeout=60)
    assert child.returncode == 0, out.decode()
    assert len(smtp.received) == arrived_at_release  # the job had ended before the release
    assert len(smtp.received) <= sent_at_signal + 1  # only the mail in flight went on
    smtp.handler.delay = 0
    run_job("deliver", utc_now())
    _all_sent_once(smtp)


def test_sigkill_during_the_catch_up_loses_nothing_and_a_new_scheduler_starts_cleanly(
    mail_app, smtp, database_url, tmp_path
):
    record(MAILS, to=["a@so-noivu.example"])
    smtp.handler.delay = 0.3
    env = _env(database_url, smtp, tmp_path)
    child = _scheduler(env)
    _wait_for(lambda: len(smtp.received) >= 2)
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    smtp.handler.delay = 0
    newcomer = _scheduler(env, "--no-catch-up")  # starts (idle while the dead lease lasts)
    while b" started" not in (line := newcomer.stdout.readline()):
        assert line, "the new scheduler did not start"
    newcomer.send_signal(signal.SIGTERM)
    out, _ = newcomer.communicate(timeout=60)
    assert newcomer.returncode == 0, out.decode()
    # the dead sender's claim lapses; then everything goes, the mail in flight at most twice
    run_job("deliver", utc_now() + timedelta(minutes=11))
    _all_sent_once(smtp, repeats_allowed=1)
