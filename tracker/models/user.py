"""People who log in, and what keeps their sessions and tokens honest."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.states import Role
from tracker.extensions import Model, db
from tracker.models.agency import Agency
from tracker.models.types import UTCDateTime, str_enum, utcnow


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(255), unique=True)  #: stored lower-case
    name: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role))
    agency_id: Mapped[int | None] = mapped_column(sa.ForeignKey("agency.id"), index=True)
    locale: Mapped[str] = mapped_column(sa.String(8), default="vi")
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    #: bumped on password change: every older session and reset link stops working
    credentials_version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    agency: Mapped[Agency | None] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


class UserSession(Model):
    """A server-side login session; the cookie only carries its random token."""

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    credentials_version: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ip_address: Mapped[str | None] = mapped_column(sa.String(64))
    user_agent: Mapped[str | None] = mapped_column(sa.String(255))
    #: hash of the browser's device cookie: a later login from it passes the brake
    device_hash: Mapped[str | None] = mapped_column(sa.String(64), index=True)

    user: Mapped[User] = relationship()


class Throttle(Model):
    """A counter that slows down guessing: failed logins per account, per address, failed API
    tokens, reset requests. Counted atomically in one statement (see accounts/throttle.py)."""

    __tablename__ = "throttle"

    key: Mapped[str] = mapped_column(sa.String(400), primary_key=True)  #: "account:a@b.vn"
    count: Mapped[int] = mapped_column(default=0)
    last_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: no attempt is taken under this key before then
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ApiToken(Model):
    """A personal API token; only its hash is kept, the token is shown once."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(100))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: None: never expires (only when asked for)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: may only read (GET), never change anything
    read_only: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    user: Mapped[User] = relationship()
