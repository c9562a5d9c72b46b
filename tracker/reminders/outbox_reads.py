"""What the outbox page reads: mails an office user may see, searched and paged.

Account mails (password links) are for administrators' eyes only: an office user neither
lists nor opens them. No stored body holds a usable link in any case (tracker.reminders.links).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from tracker.extensions import db
from tracker.models import JobRun, Notification, NotificationStatus, SchedulerLease

PAGE_SIZE = 50


def _visible(query, admin: bool):
    return query if admin else query.where(Notification.user_id.is_(None))


def search_outbox(text: str, status: str | None, page: int, *, admin: bool):
    """Mails matching `text` (subject, recipients, key) and `status`, newest first."""
    query = _visible(sa.select(Notification).order_by(Notification.id.desc()), admin)
    if status in {s.value for s in NotificationStatus}:
        query = query.where(Notification.status == NotificationStatus(status))
    if text:
        pattern = f"%{text.strip()}%"
        query = query.where(
            sa.or_(
                Notification.subject.ilike(pattern),
                Notification.dedup_key.ilike(pattern),
                sa.cast(Notification.to_addrs, sa.String).ilike(pattern),
            )
        )
    return db.paginate(query, page=page, per_page=PAGE_SIZE, error_out=False)


def visible_mail(notification_id: int, *, admin: bool) -> Notification | None:
    """The mail, if this reader may open it."""
    query = _visible(sa.select(Notification).where(Notification.id == notification_id), admin)
    return db.session.scalar(query)


@dataclass(frozen=True)
class SchedulerState:
    """What the outbox page says about the jobs: each one's last run, and the scheduler's
    heartbeat (its lease, renewed before every job)."""

    runs: list[JobRun]
    holder: str | None
    lease_until: datetime | None

    def alive(self, now: datetime) -> bool:
        return self.lease_until is not None and self.lease_until > now


def scheduler_state() -> SchedulerState:
    """The job runs and the lease, in two small queries."""
    runs = list(db.session.scalars(sa.select(JobRun).order_by(JobRun.name)))
    lease = db.session.get(SchedulerLease, "scheduler")
    return SchedulerState(
        runs, lease.holder if lease else None, lease.expires_at if lease else None
    )
