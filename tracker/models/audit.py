"""The audit trail: who did what to which object, when, with the changed fields."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import Model
from tracker.models.types import UTCDateTime
from tracker.models.user import User


class AuditEvent(Model):
    __tablename__ = "audit_event"
    __table_args__ = (sa.Index("ix_audit_event_object", "object_type", "object_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    #: who acted when there was no login (a signed e-mail link, the scheduler, a CLI command)
    actor_label: Mapped[str | None] = mapped_column(sa.String(255))
    action: Mapped[str] = mapped_column(sa.String(64))  #: e.g. assignment.confirm
    object_type: Mapped[str] = mapped_column(sa.String(32))
    object_id: Mapped[int]
    #: {"field": [old, new]} as JSON-friendly values
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    note: Mapped[str | None] = mapped_column(sa.Text)

    actor: Mapped[User | None] = relationship()
