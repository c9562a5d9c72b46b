"""The outbox, signed access links, calendar feeds, the office's days off, the scheduler lease."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.states import NotificationStatus
from tracker.extensions import Model
from tracker.models.agency import Agency
from tracker.models.types import UTCDateTime, str_enum, utcnow
from tracker.models.user import User


class Notification(Model):
    """One e-mail, recorded in the transaction that decided to send it."""

    __tablename__ = "notification"
    __table_args__ = (
        # The sender's sweep: rows still due, oldest first.
        sa.Index(
            "ix_notification_due",
            "next_attempt_at",
            postgresql_where=sa.text("status = 'pending'"),
            sqlite_where=sa.text("status = 'pending'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(40), index=True)
    #: e.g. "reminder:42:2026-12-01:d7"; unique, so a decision is never recorded twice
    dedup_key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    agency_id: Mapped[int | None] = mapped_column(sa.ForeignKey("agency.id"), index=True)
    assignment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("assignment.id"), index=True)
    #: the account an account mail is for (its link is made for this user at delivery)
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    to_addrs: Mapped[list] = mapped_column(sa.JSON, default=list)
    cc_addrs: Mapped[list] = mapped_column(sa.JSON, default=list)
    subject: Mapped[str] = mapped_column(sa.String(500))
    body_text: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    locale: Mapped[str] = mapped_column(sa.String(8), default="vi")
    status: Mapped[NotificationStatus] = mapped_column(
        str_enum(NotificationStatus), default=NotificationStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: set while a sender holds the row, so a second sender leaves it alone
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message_id: Mapped[str | None] = mapped_column(sa.String(255))
    #: recipients the server accepted already (a retry goes to the others only)
    delivered_to: Mapped[list | None] = mapped_column(sa.JSON, default=list)
    #: recipients refused for good (5xx): address -> the server's reply
    refused_to: Mapped[dict | None] = mapped_column(sa.JSON, default=dict)
    #: temporary errors are retried until then (set at the first one)
    retry_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: not worth sending after this (a reminder after its deadline); None: always
    useful_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    agency: Mapped[Agency | None] = relationship()


class AccessLink(Model):
    """A revocable, expiring link that lets an agency report without a password."""

    __tablename__ = "access_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agency.id"), index=True)
    assignment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("assignment.id"))
    nonce: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    agency: Mapped[Agency] = relationship()


class CalendarFeed(Model):
    """A secret iCalendar URL of an agency's deadlines (no agency: the office's, everything)."""

    __tablename__ = "calendar_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int | None] = mapped_column(sa.ForeignKey("agency.id"), index=True)
    #: who made it: the feed dies when they are deactivated (None: made before owners existed)
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    agency: Mapped[Agency | None] = relationship()
    owner: Mapped[User | None] = relationship()


class CalendarDay(Model):
    """A day the office sets apart from the holiday calendar: a compensatory day off, or a
    Saturday worked in exchange."""

    __tablename__ = "calendar_day"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True)
    is_day_off: Mapped[bool]
    label: Mapped[str] = mapped_column(sa.String(255), default="")


class SchedulerLease(Model):
    """Who may run the scheduled jobs now; renewed by the holder, taken over when it lapses."""

    __tablename__ = "scheduler_lease"

    name: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(sa.String(128))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class JobRun(Model):
    """When each sweep last ran, for the outbox page and for catching up after downtime."""

    __tablename__ = "job_run"

    name: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    last_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_result: Mapped[str | None] = mapped_column(sa.Text)
