"""The outbox: an e-mail is recorded in the transaction that decides to send it."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from tracker.extensions import db
from tracker.models import Notification, NotificationStatus


def _clean_header(value: str) -> str:
    if "\r" in value or "\n" in value:
        raise ValueError("line break in an e-mail header value")
    return value


def record_mail(
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
    locale: str = "vi",
) -> Notification | None:
    """Add an outbox row unless one with `dedup_key` exists; the caller commits.

    Returns the new row, or None when the same mail was already recorded.
    """
    exists = db.session.scalar(
        sa.select(Notification.id).where(Notification.dedup_key == dedup_key)
    )
    if exists is not None:
        return None
    row = Notification(
        kind=kind,
        dedup_key=dedup_key,
        to_addrs=[_clean_header(a) for a in to],
        cc_addrs=[_clean_header(a) for a in (cc or [])],
        subject=_clean_header(subject),
        body_text=body_text,
        body_html=body_html,
        locale=locale,
        agency_id=agency_id,
        assignment_id=assignment_id,
        status=NotificationStatus.PENDING,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    db.session.add(row)
    return row
