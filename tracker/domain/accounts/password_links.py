"""Password links (reset, or set for a new account): signed, expiring, single-use.

The token names the user and their credentials version, which a new password moves on, so a
link works once. It is signed with the time `now` (the sender makes it at delivery), and its
age is checked against `now` too, so the application's clock decides, not the machine's.
"""

from __future__ import annotations

from datetime import datetime

from itsdangerous import BadSignature, TimestampSigner, URLSafeTimedSerializer

from tracker.domain.clock import require_aware
from tracker.extensions import db
from tracker.models import User

SALT = "password-reset"


def _serializer(secret_key: str, now: datetime) -> URLSafeTimedSerializer:
    at = int(require_aware(now).timestamp())
    signer = type("SignerAtNow", (TimestampSigner,), {"get_timestamp": lambda _self: at})
    return URLSafeTimedSerializer(secret_key, salt=SALT, signer=signer)


def make_password_token(secret_key: str, user: User, now: datetime) -> str:
    """A signed token naming the user and their current credentials version, dated `now`."""
    return _serializer(secret_key, now).dumps({"u": user.id, "v": user.credentials_version})


def user_for_password_token(
    secret_key: str, token: str, now: datetime, minutes: int
) -> User | None:
    """The user a valid, unexpired, unused token names; None otherwise."""
    try:
        data = _serializer(secret_key, now).loads(token, max_age=minutes * 60)
    except BadSignature:  # forged, expired, or dated after `now`
        return None
    user = db.session.get(User, data.get("u")) if isinstance(data, dict) else None
    if user is None or not user.active or user.credentials_version != data.get("v"):
        return None
    return user
