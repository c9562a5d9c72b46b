"""Agencies (cơ quan, đơn vị), their aliases in notices and their contacts."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.states import AgencyLevel
from tracker.extensions import Model
from tracker.models.types import UTCDateTime, str_enum, utcnow


class Agency(Model):
    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(64), unique=True)  #: short stable code
    name: Mapped[str] = mapped_column(sa.String(255))
    level: Mapped[AgencyLevel] = mapped_column(str_enum(AgencyLevel))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("agency.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    parent: Mapped[Agency | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Agency]] = relationship(back_populates="parent")
    aliases: Mapped[list[AgencyAlias]] = relationship(
        back_populates="agency", cascade="all, delete-orphan", order_by="AgencyAlias.id"
    )
    contacts: Mapped[list[AgencyContact]] = relationship(
        back_populates="agency", cascade="all, delete-orphan", order_by="AgencyContact.id"
    )

    @property
    def head_contact(self) -> AgencyContact | None:
        heads = [c for c in self.contacts if c.is_head]
        return heads[0] if heads else (self.contacts[0] if self.contacts else None)

    def __repr__(self) -> str:
        return f"<Agency {self.code}>"


class AgencyAlias(Model):
    """Another spelling or abbreviation of the agency's name, as notices write it."""

    __tablename__ = "agency_alias"
    __table_args__ = (sa.UniqueConstraint("agency_id", "alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agency.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(sa.String(255))

    agency: Mapped[Agency] = relationship(back_populates="aliases")


class AgencyContact(Model):
    __tablename__ = "agency_contact"
    __table_args__ = (sa.UniqueConstraint("agency_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agency.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(sa.String(255))
    name: Mapped[str | None] = mapped_column(sa.String(255))
    is_head: Mapped[bool] = mapped_column(default=False)  #: receives escalations
    #: when the mail server first refused this address for good (5xx); cleared by a new address
    failing_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failing_reason: Mapped[str | None] = mapped_column(sa.String(500))  #: the server's answer

    agency: Mapped[Agency] = relationship(back_populates="contacts")
