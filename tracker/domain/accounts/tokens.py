"""Personal API tokens: shown once when made, kept only as a SHA-256 hash, revocable.

A token expires (a year unless asked otherwise), may be read-only, and dies with its owner's
password: a change, a reset or a deactivation revokes every token of the account."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from tracker.domain import audit
from tracker.domain.clock import require_aware
from tracker.domain.errors import InvalidInput, NotFound
from tracker.extensions import db
from tracker.models import ApiToken, User

PREFIX = "trk_"
#: last_used_at is written at most this often, so reads do not each cost a write
TOUCH_INTERVAL = timedelta(minutes=5)


def hash_secret(secret: str) -> str:
    """The stored form of a token or feed secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(
    user: User,
    name: str,
    now: datetime,
    *,
    days: int | None = 365,
    read_only: bool = False,
) -> tuple[ApiToken, str]:
    """A new token for `user`, valid `days` days (None: no expiry); returns the row and the
    secret, which is never shown again."""
    require_aware(now)
    if days is not None and not 1 <= days <= 3660:
        raise InvalidInput(_l("Choose between 1 and 3660 days."), field="days")
    name = (name or "").strip()
    if not name:
        raise InvalidInput(_l("Give the token a name."), field="name")
    if len(name) > 100:
        raise InvalidInput(_l("The name is too long."), field="name")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name,
        token_hash=hash_secret(secret),
        created_at=now,
        expires_at=now + timedelta(days=days) if days is not None else None,
        read_only=read_only,
    )
    db.session.add(token)
    changes = {"user": (None, user.email), "read_only": (None, read_only)}
    audit.record(None, "api_token.create", token, now, changes, name)
    return token, secret


def revoke_token(user: User, token_id: int, now: datetime) -> ApiToken:
    """Revoke one of `user`'s tokens (revoking twice changes nothing)."""
    require_aware(now)
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(_l("There is no such token."))
    if token.revoked_at is None:
        token.revoked_at = now
        audit.record(None, "api_token.revoke", token, now, {"user": (None, user.email)})
    return token


def user_tokens(user: User) -> list[ApiToken]:
    """A user's tokens, newest first."""
    stmt = sa.select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())
    return list(db.session.scalars(stmt))


def revoke_all_tokens(user: User, now: datetime) -> int:
    """Revoke every live token of `user` (their password changed, or they left); how many."""
    live = db.session.scalars(
        sa.select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    ).all()
    for token in live:
        token.revoked_at = now
    return len(live)


def token_for_secret(secret: str, now: datetime) -> ApiToken | None:
    """The live token (not revoked, not expired, its owner active) with this secret, or None;
    notes when it was last used."""
    if not secret or not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == hash_secret(secret)))
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    if token.expires_at is not None and token.expires_at <= now:
        return None
    if token.last_used_at is None or now - token.last_used_at > TOUCH_INTERVAL:
        token.last_used_at = now
    return token
