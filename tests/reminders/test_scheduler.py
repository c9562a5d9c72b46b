"""The leader lease and `flask scheduler`: one leader at a time, another takes over when it dies,
and two scheduler processes at once deliver every mail once."""

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

from tests.reminders.test_delivery import MONDAY_8AM, THURSDAY
from tracker.extensions import db
from tracker.models import Notification, NotificationStatus, SchedulerLease
from tracker.reminders.lease import LeaderLease


def test_a_dead_leaders_lease_lapses_and_another_takes_over(app):
    ttl = timedelta(minutes=3)
    first, second = LeaderLease(holder="host-a:1", ttl=ttl), LeaderLease(holder="host-b:2", ttl=ttl)
    assert first.acquire(MONDAY_8AM)
    assert not second.acquire(MONDAY_8AM + timedelta(minutes=1))
    assert first.acquire(MONDAY_8AM + timedelta(minutes=2))  # the holder renews
    first._close_lock_conn()  # the holder dies: no release, its row stays until it lapses
    # The server frees a closed connection's advisory lock a moment later, not at once.
    _wait_until(lambda: not _advisory_lock_held(), seconds=30)
    assert second.acquire(MONDAY_8AM + timedelta(minutes=2) + ttl + timedelta(seconds=1))
    assert db.session.get(SchedulerLease, "scheduler").holder == "host-b:2"
    assert not first.acquire(MONDAY_8AM + timedelta(minutes=6))  # a comeback stays idle
    second.release()


def _advisory_lock_held() -> bool:
    """Whether any session holds an advisory lock in this test's database (PostgreSQL)."""
    if db.engine.dialect.name != "postgresql":
        return False
    query = (
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
        " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    )
    held = db.session.scalar(sa.text(query))
    db.session.rollback()
    return bool(held)


def _scheduler(env) -> subprocess.Popen:
    command = [sys.executable, "-m", "flask", "--app", "tests.reminders.child_app", "scheduler"]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def _wait_until(check, seconds=60.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def _all_sent() -> bool:
    db.session.rollback()  # a fresh snapshot
    rows = db.session.execute(sa.select(Notification.status)).scalars().all()
    return bool(rows) and set(rows) == {NotificationStatus.SENT}


def _leader_pid() -> int | None:
    db.session.rollback()
    lease = db.session.get(SchedulerLease, "scheduler")
    return int(lease.holder.split(":")[1]) if lease else None


def _stop(child: subprocess.Popen) -> str:
    if child.poll() is None:
        child.send_signal(signal.SIGTERM)
    out, _err = child.communicate(timeout=30)
    return out.decode()


@pytest.mark.postgres_only
def test_two_scheduler_processes_deliver_once_and_a_live_one_takes_over(
    mail_app, smtp, agencies, give, database_url, is_postgres, tmp_path
):
    if not is_postgres:
        pytest.skip("needs PostgreSQL (advisory locks, concurrent processes)")
    for n, agency in enumerate(sorted(agencies.values(), key=lambda a: a.id)[:10]):
        give(agency, THURSDAY, title=f"Nhiệm vụ {n}", at=MONDAY_8AM)
    env = {
        **os.environ,
        "TRACKER_ENV": "test",
        "DATABASE_URL": database_url,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp.port),
        "TRACKER_INSTANCE_DIR": str(tmp_path),
    }
    pair = [_scheduler(env), _scheduler(env)]
    _wait_until(lambda: _all_sent() and _leader_pid() is not None)
    leader = next(child for child in pair if child.pid == _leader_pid())
    leader.send_signal(signal.SIGKILL)  # dies without releasing its lease
    leader.wait(10)
    give(agencies["h-trangdinh"], THURSDAY, title="Giao sau khi máy chủ dừng", at=MONDAY_8AM)
    newcomer = _scheduler(env)  # the advisory lock died with the leader: a live one takes over
    alive = {child.pid for child in pair if child is not leader} | {newcomer.pid}
    # Whichever live process gets the lock first leads: the survivor or the newcomer.
    _wait_until(lambda: _all_sent() and _leader_pid() in alive)
    outputs = [_stop(child) for child in [*pair, newcomer]]
    assert sum("another scheduler is the leader" in out for out in outputs) >= 1
    recorded = set(db.session.scalars(sa.select(Notification.dedup_key)))
    counts = Counter(smtp.handler.delivered_keys())
    assert set(counts) == recorded and set(counts.values()) == {1}
