"""Personal API tokens: shown once when made, kept only as a SHA-256 hash, revocable."""

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


def create_token(user: User, name: str, now: datetime) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the secret, which is never shown again."""
    require_aware(now)
    name = (name or "").strip()
    if not name:
        raise InvalidInput(_l("Give the token a name."), field="name")
    if len(name) > 100:
        raise InvalidInput(_l("The name is too long."), field="name")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, token_hash=hash_secret(secret), created_at=now)
    db.session.add(token)
    audit.record(None, "api_token.create", token, now, {"user": (None, user.email)}, name)
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


def user_for_token(secret: str, now: datetime) -> User | None:
    """The active user a live token belongs to, or None; notes when it was last used."""
    if not secret or not secret.startswith(PREFIX):
        return None
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == hash_secret(secret)))
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    if token.last_used_at is None or now - token.last_used_at > TOUCH_INTERVAL:
        token.last_used_at = now
    return token.user
