"""The leader lease: only one scheduler acts at a time, even across hosts.

Everywhere: a SchedulerLease row with an expiry, renewed by its holder and taken over once it
lapses. On PostgreSQL also a session-level advisory lock held on a dedicated connection: the
server releases it the moment that process or connection dies, so a crashed leader is
replaced at the next tick rather than when its row expires.
"""

from __future__ import annotations

import contextlib
import os
import socket
import uuid
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, IntegrityError

from tracker.extensions import db, rows_changed
from tracker.models import SchedulerLease

#: the advisory lock's key: any fixed 64-bit number unique to this use
ADVISORY_KEY = 0x7472_6163_6B65_72  # "tracker"


def default_holder() -> str:
    """host:pid:random, so a restarted process is a new holder."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class LeaderLease:
    """Acquire or renew with `acquire(now)` before every job; `release()` on the way out."""

    def __init__(self, name: str = "scheduler", holder: str | None = None, ttl=None):
        self.name = name
        self.holder = holder or default_holder()
        self.ttl = ttl or timedelta(minutes=3)
        self._lock_conn: sa.Connection | None = None

    def acquire(self, now: datetime) -> bool:
        """True when this process is the leader until now + ttl (renewing the row)."""
        if db.engine.dialect.name == "postgresql" and not self._hold_advisory_lock():
            return False
        return self._take_row(now, force=self._lock_conn is not None)

    def _take_row(self, now: datetime, force: bool) -> bool:
        lease = SchedulerLease
        takeable = sa.or_(lease.holder == self.holder, lease.expires_at < now)
        stmt = sa.update(lease).where(lease.name == self.name)
        if not force:  # with the advisory lock we know any other holder is gone
            stmt = stmt.where(takeable)
        values = {"holder": self.holder, "expires_at": now + self.ttl}
        try:
            if rows_changed(db.session.execute(stmt.values(**values))) == 0:
                exists = db.session.get(SchedulerLease, self.name)
                if exists is not None:
                    db.session.rollback()
                    return False
                db.session.add(SchedulerLease(name=self.name, **values))
            db.session.commit()
        except IntegrityError:  # another process inserted the row first
            db.session.rollback()
            return False
        return True

    def _hold_advisory_lock(self) -> bool:
        if self._lock_conn is not None and self._still_locked():
            return True
        self._close_lock_conn()
        conn = db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        # Out of the pool: closing it must end the database session and so free the lock; a
        # pooled connection would go back to the pool still holding it.
        conn.detach()
        got = conn.scalar(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY})
        if got:
            self._lock_conn = conn
        else:
            conn.close()
        return bool(got)

    def _still_locked(self) -> bool:
        if self._lock_conn is None:
            return False
        try:
            count = self._lock_conn.scalar(
                sa.text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                    "AND pid = pg_backend_pid() AND granted"
                )
            )
        except DBAPIError:
            return False
        return bool(count)

    def _close_lock_conn(self) -> None:
        if self._lock_conn is not None:
            with contextlib.suppress(DBAPIError):
                self._lock_conn.close()
            self._lock_conn = None

    def release(self) -> None:
        """Give the lease up (on a clean shutdown), so another scheduler takes over at once."""
        db.session.execute(
            sa.delete(SchedulerLease).where(
                SchedulerLease.name == self.name, SchedulerLease.holder == self.holder
            )
        )
        db.session.commit()
        self._close_lock_conn()
