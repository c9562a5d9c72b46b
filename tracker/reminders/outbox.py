"""The outbox: an e-mail is recorded in the transaction that decides to send it."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from tracker.extensions import db, rows_changed
from tracker.models import Notification, NotificationStatus

#: what a HELD row says, on the outbox page and in last_error
NO_MAIL_SERVER = "not sent: no mail server configured"
_LINE_BREAKS = ("\r", "\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def _clean_header(value: str) -> str:
    """Refuse a header value that could start a new header (any kind of line break)."""
    if any(mark in value for mark in _LINE_BREAKS):
        raise ValueError("line break in an e-mail header value")
    return value


def _addresses(values: list[str]) -> list[str]:
    """Recipients, checked and without repeats (case-insensitive), in their given order."""
    seen, result = set(), []
    for value in values:
        address = _clean_header(value.strip())
        if "@" not in address or "," in address or " " in address:
            raise ValueError(f"not a single e-mail address: {address!r}")
        if address.lower() not in seen:
            seen.add(address.lower())
            result.append(address)
    return result


def record_mail(*, dedup_key: str, **fields) -> Notification | None:
    """Add an outbox row unless one with `dedup_key` exists; the caller commits.

    Returns the new row, or None when the same mail was already recorded.
    """
    exists = db.session.scalar(
        sa.select(Notification.id).where(Notification.dedup_key == dedup_key)
    )
    if exists is not None:
        return None
    row = new_mail(dedup_key=dedup_key, **fields)
    db.session.add(row)
    return row


def new_mail(
    *,
    kind: str,
    dedup_key: str,
    to: list[str],
    subject: str,
    body_text: str,
    body_html: str,
    now: datetime,
    cc: list[str] | None = None,
    agency_id: int | None = None,
    assignment_id: int | None = None,
    user_id: int | None = None,
    locale: str = "vi",
    useful_until: datetime | None = None,
) -> Notification:
    """A pending outbox row, its headers checked (not yet added to the session)."""
    return Notification(
        kind=kind,
        dedup_key=dedup_key,
        to_addrs=_addresses(to),
        cc_addrs=[a for a in _addresses(cc or []) if a.lower() not in {t.lower() for t in to}],
        subject=_clean_header(subject),
        body_text=body_text,
        body_html=body_html,
        locale=locale,
        agency_id=agency_id,
        assignment_id=assignment_id,
        user_id=user_id,
        useful_until=useful_until,
        status=NotificationStatus.PENDING,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )


def record_mail_once(**fields) -> Notification | None:
    """Add an outbox row inside a savepoint; the unique dedup key decides, with no look-up
    first (the sweeps filter known keys in one query): when the key exists, whoever recorded
    it, only this mail is undone, not the transaction."""
    try:
        with db.session.begin_nested():
            row = new_mail(**fields)
            db.session.add(row)
            db.session.flush()
    except IntegrityError:
        return None
    return row


def resend(notification: Notification, now: datetime) -> bool:
    """Put a failed or held mail back in the queue, attempts and retry window reset, for the
    recipients who have not had it yet (those refused are tried again); the caller commits."""
    if notification.status not in (NotificationStatus.FAILED, NotificationStatus.HELD):
        return False
    notification.status = NotificationStatus.PENDING
    notification.attempts = 0
    notification.next_attempt_at = now
    notification.claimed_until = None
    notification.retry_until = None
    notification.refused_to = {}
    return True


#: what may be put back in the queue, one by one or in bulk
REQUEUEABLE = (NotificationStatus.FAILED, NotificationStatus.HELD, NotificationStatus.DROPPED)


def requeue(now: datetime, statuses, *, kind: str | None = None, with_accounts=True) -> int:
    """Put every failed, held or dropped mail of `statuses` (and `kind`) back in the queue,
    as `resend` does for one (a mail still not worth sending is dropped again); the caller
    commits. Returns how many."""
    chosen = [NotificationStatus(s) for s in statuses if NotificationStatus(s) in REQUEUEABLE]
    stmt = sa.update(Notification).where(Notification.status.in_(chosen))
    if kind:
        stmt = stmt.where(Notification.kind == kind)
    if not with_accounts:
        stmt = stmt.where(Notification.user_id.is_(None))
    values = {
        "status": NotificationStatus.PENDING,
        "attempts": 0,
        "next_attempt_at": now,
        "claimed_until": None,
        "retry_until": None,
        "refused_to": {},
    }
    return rows_changed(db.session.execute(stmt.values(**values)))
