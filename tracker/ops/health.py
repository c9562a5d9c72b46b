"""What the tracker knows about its own state: the schema against the newest migration, the
scheduler's last heartbeat, the outbox backlog. Read by /readyz, `flask doctor` and /metrics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.exc import SQLAlchemyError

from tracker.extensions import db
from tracker.models import JobRun, Notification, NotificationStatus

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent.parent / "migrations"
#: the scheduler delivers every minute; older than this, it is not running
HEARTBEAT_LIMIT = timedelta(minutes=5)
#: pending mail older than this means delivery is stuck
BACKLOG_LIMIT = timedelta(minutes=15)


@cache
def head_revisions() -> frozenset[str]:
    """The newest migration(s) shipped with this code."""
    return frozenset(ScriptDirectory(str(MIGRATIONS_DIR)).get_heads())


def current_revisions() -> frozenset[str]:
    """The migration(s) the database is at (empty when it was never migrated)."""
    with db.engine.connect() as conn:
        return frozenset(MigrationContext.configure(conn).get_current_heads())


def schema_at_head() -> bool:
    return current_revisions() == head_revisions()


def heartbeat() -> datetime | None:
    """When a scheduler last finished a delivery run (it runs every minute)."""
    return db.session.scalar(sa.select(JobRun.last_finished_at).where(JobRun.name == "deliver"))


@dataclass(frozen=True)
class Backlog:
    pending: int
    overdue: int  #: pending and due for longer than BACKLOG_LIMIT
    failed: int
    held: int


def outbox_backlog(now: datetime) -> Backlog:
    """Counts of mail not yet sent, in one query."""
    n = Notification
    status_is = lambda status: sa.func.count().filter(n.status == status)  # noqa: E731
    row = db.session.execute(
        sa.select(
            status_is(NotificationStatus.PENDING),
            sa.func.count().filter(
                n.status == NotificationStatus.PENDING, n.next_attempt_at < now - BACKLOG_LIMIT
            ),
            status_is(NotificationStatus.FAILED),
            status_is(NotificationStatus.HELD),
        )
    ).one()
    return Backlog(*row)


def readiness(now: datetime) -> tuple[dict, bool]:
    """The /readyz report and whether the web application can serve pages."""
    report: dict = {"database": "ok"}
    try:
        current = current_revisions()
    except SQLAlchemyError as error:
        db.session.rollback()
        return {"database": f"unreachable: {type(error).__name__}"}, False
    head = head_revisions()
    at_head = current == head
    report["schema"] = {"current": sorted(current), "head": sorted(head), "at_head": at_head}
    if current != head:
        return report, False
    beat = heartbeat()
    report["scheduler"] = {
        "last_heartbeat": beat.isoformat() if beat else None,
        "heartbeat_age_seconds": round((now - beat).total_seconds()) if beat else None,
        "ok": beat is not None and now - beat <= HEARTBEAT_LIMIT,
    }
    backlog = outbox_backlog(now)
    report["outbox"] = {
        "pending": backlog.pending,
        "overdue": backlog.overdue,
        "failed": backlog.failed,
        "held": backlog.held,
    }
    return report, True
