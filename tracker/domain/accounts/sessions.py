"""Login sessions kept on the server (the brake on guessing is in brake.py).

The browser's cookie carries only a random token; the row holds its hash. A session ends at
logout, after a password change (the credentials version moves on), when idle too long, or
when it reaches its absolute age, whichever comes first.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from tracker.domain.clock import require_aware
from tracker.extensions import db
from tracker.models import User, UserSession

#: how often last_seen_at is written: not on every request
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class SessionLimits:
    """How long a session lives without activity, and at most."""

    idle: timedelta
    absolute: timedelta

    @classmethod
    def from_config(cls, config) -> SessionLimits:
        """Build from a Flask config mapping."""
        return cls(
            idle=timedelta(minutes=int(config.get("SESSION_IDLE_MINUTES", 60))),
            absolute=timedelta(hours=int(config.get("SESSION_ABSOLUTE_HOURS", 12))),
        )


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(
    user: User, now: datetime, ip: str | None, user_agent: str | None, device: str | None = None
) -> str:
    """Open a session for `user`; returns the token for the cookie (only its hash is kept).
    `device` is the browser's device cookie: its hash marks the browser as known."""
    require_aware(now)
    token = secrets.token_urlsafe(32)
    db.session.add(
        UserSession(
            user_id=user.id,
            token_hash=_hash(token),
            credentials_version=user.credentials_version,
            created_at=now,
            last_seen_at=now,
            ip_address=(ip or "")[:64] or None,
            user_agent=(user_agent or "")[:255] or None,
            device_hash=_hash(device) if device else None,
        )
    )
    user.last_login_at = now
    return token


def _is_live(row: UserSession, now: datetime, limits: SessionLimits) -> bool:
    user = row.user
    return (
        row.ended_at is None
        and user.active
        and row.credentials_version == user.credentials_version
        and now - row.last_seen_at <= limits.idle
        and now - row.created_at <= limits.absolute
    )


def session_user(token: str | None, now: datetime, limits: SessionLimits) -> User | None:
    """The user of a live session with this token, or None; marks the session as seen."""
    if not token:
        return None
    row = db.session.scalar(sa.select(UserSession).where(UserSession.token_hash == _hash(token)))
    if row is None or not _is_live(row, now, limits):
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
    return row.user


def end_session(token: str | None, now: datetime) -> None:
    """End the session with this token (logout): a copy of the cookie stops working."""
    if not token:
        return
    row = db.session.scalar(sa.select(UserSession).where(UserSession.token_hash == _hash(token)))
    if row is not None and row.ended_at is None:
        row.ended_at = now


def end_other_sessions(user: User, keep_token: str | None, now: datetime) -> None:
    """End every open session of `user` except the one with `keep_token`."""
    keep = _hash(keep_token) if keep_token else None
    rows = db.session.scalars(
        sa.select(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
    )
    for row in rows:
        if row.token_hash != keep:
            row.ended_at = now
