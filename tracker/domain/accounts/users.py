"""Accounts: creating users, passwords (argon2), deactivation."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l

from tracker.domain import audit
from tracker.domain.accounts.passwords import check_new_password
from tracker.domain.accounts.tokens import revoke_all_tokens
from tracker.domain.agencies import normalise_email
from tracker.domain.errors import InvalidInput
from tracker.domain.permissions import Actor
from tracker.domain.reports.feeds import revoke_feeds_of
from tracker.domain.states import Role
from tracker.extensions import db
from tracker.models import Agency, User


@lru_cache(maxsize=4)
def _hasher_for(time_cost: int, memory_cost: int) -> tuple[PasswordHasher, str]:
    hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost)
    #: verified against when the account does not exist, so timing does not reveal which exist
    return hasher, hasher.hash("not-a-real-password-for-timing")


def _hasher() -> tuple[PasswordHasher, str]:
    """argon2id with the configured cost (argon2-cffi's defaults unless the tests lower them)."""
    config = current_app.config if has_app_context() else {}
    return _hasher_for(
        int(config.get("ARGON2_TIME_COST", 3)), int(config.get("ARGON2_MEMORY_COST", 65536))
    )


def hash_password(password: str, user: User | None = None) -> str:
    """An argon2id hash of `password`, after checking it is long, uncommon and not made of
    `user`'s e-mail or name."""
    check_new_password(password, user.email if user else "", user.name if user else "")
    return _hasher()[0].hash(password)


def verify_password(user: User | None, password: str) -> bool:
    """Whether `password` is `user`'s; rehashes when argon2's parameters changed."""
    hasher, dummy = _hasher()
    stored = user.password_hash if user and user.password_hash else dummy
    try:
        hasher.verify(stored, password or "")
    except (VerificationError, InvalidHashError):
        return False
    if user is None or not user.password_hash:
        return False
    if hasher.check_needs_rehash(stored):
        user.password_hash = hasher.hash(password)
    return True


def find_user(email: str) -> User | None:
    """The account with this e-mail (case-insensitive), if any."""
    return db.session.scalar(sa.select(User).where(User.email == (email or "").strip().lower()))


def create_user(
    actor: Actor | None,
    now: datetime,
    *,
    email: str,
    role: Role | str,
    password: str | None,
    name: str = "",
    agency: Agency | None = None,
    locale: str = "vi",
) -> User:
    """Create an account; agency officers need an agency, other roles have none."""
    email = normalise_email(email)
    role = Role(role)
    if find_user(email):
        raise InvalidInput(_l("An account with this e-mail already exists."), field="email")
    if role == Role.AGENCY and agency is None:
        raise InvalidInput(_l("An agency officer needs an agency."), field="agency")
    if role != Role.AGENCY:
        agency = None
    user = User(
        email=email,
        name=(name or email.split("@")[0]).strip(),
        role=role,
        agency=agency,
        locale=locale if locale in ("vi", "en") else "vi",
        active=True,
        password_hash=None,
        created_at=now,
    )
    if password:
        user.password_hash = hash_password(password, user)
    db.session.add(user)
    audit.record(actor, "user.create", user, now, {"email": (None, email), "role": (None, role)})
    return user


def set_password(user: User, actor: Actor | None, password: str, now: datetime) -> None:
    """Set a new password; every existing session, reset link and API token stops working."""
    user.password_hash = hash_password(password, user)
    user.credentials_version += 1
    revoke_all_tokens(user, now)
    audit.record(actor, "user.password", user, now)


def set_active(user: User, actor: Actor, active: bool, now: datetime) -> None:
    """Deactivate (or reactivate) an account; a deactivated user cannot log in."""
    changes = audit.set_fields(user, {"active": active})
    if changes:
        user.credentials_version += 1
        if not active:
            revoke_all_tokens(user, now)
            revoke_feeds_of(user, now)
        audit.record(actor, "user.active", user, now, changes)


def all_users() -> list[User]:
    """Every account, by role then e-mail."""
    return list(db.session.scalars(sa.select(User).order_by(User.role, User.email)))
