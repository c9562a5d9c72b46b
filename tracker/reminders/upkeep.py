"""Keeping the queue honest before a delivery run: held mail goes out once a server is
configured, mail no longer worth sending is dropped (after an outage: no reminder after its
deadline, one current digest per agency), and without a server due mail is held."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm

from tracker.extensions import db, rows_changed
from tracker.models import Notification, NotificationStatus
from tracker.reminders.outbox import NO_MAIL_SERVER

N = Notification
PENDING = NotificationStatus.PENDING


def hold_pending(now: datetime) -> int:
    """Without a mail server every due row is held, with the reason; the caller commits."""
    result = db.session.execute(
        sa.update(N)
        .where(N.status == PENDING, N.next_attempt_at <= now)
        .values(status=NotificationStatus.HELD, last_error=NO_MAIL_SERVER, claimed_until=None)
    )
    return rows_changed(result)


def unhold(now: datetime) -> int:
    """Mail held for want of a mail server goes back in the queue once one is configured
    (stale mail is then dropped or superseded as any other); the caller commits."""
    result = db.session.execute(
        sa.update(N)
        .where(N.status == NotificationStatus.HELD, N.last_error == NO_MAIL_SERVER)
        .values(status=PENDING, next_attempt_at=now, claimed_until=None, last_error=None)
    )
    return rows_changed(result)


#: what a dropped row says
NO_LONGER_USEFUL = "not sent: no longer useful (its time has passed)"
SUPERSEDED = "not sent: a newer one of the same kind replaces it"
#: kinds of which only the newest unsent one per agency and language is worth sending
SUPERSEDABLE = ("digest", "summary")


def drop_stale(now: datetime) -> int:
    """Drop unsent mail that is no longer worth sending: past its useful_until, or a digest or
    summary a newer one of the same agency and language replaces; the caller commits."""
    unsent = N.status.in_([PENDING, NotificationStatus.HELD])
    dropped = rows_changed(
        db.session.execute(
            sa.update(N)
            .where(unsent, N.useful_until.is_not(None), N.useful_until <= now)
            .values(
                status=NotificationStatus.DROPPED, last_error=NO_LONGER_USEFUL, claimed_until=None
            )
        )
    )
    newer = sa.orm.aliased(N)
    replaced = (
        sa.select(newer.id)
        .where(
            newer.kind == N.kind,
            sa.func.coalesce(newer.agency_id, 0) == sa.func.coalesce(N.agency_id, 0),
            newer.locale == N.locale,
            newer.created_at > N.created_at,
        )
        .exists()
    )
    dropped += rows_changed(
        db.session.execute(
            sa.update(N)
            .where(unsent, N.kind.in_(SUPERSEDABLE), replaced)
            .values(status=NotificationStatus.DROPPED, last_error=SUPERSEDED, claimed_until=None),
            execution_options={"synchronize_session": False},
        )
    )
    return dropped
