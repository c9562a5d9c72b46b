"""The notice (văn bản) that directives come from."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.states import DocumentKind
from tracker.extensions import Model
from tracker.models.types import UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from tracker.models.task import Task
    from tracker.models.user import User


class Document(Model):
    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(sa.String(100), index=True)  #: as written: 75/TB-UBND
    kind: Mapped[DocumentKind] = mapped_column(str_enum(DocumentKind))
    issuer: Mapped[str] = mapped_column(sa.String(255))
    issued_on: Mapped[date | None]
    title: Mapped[str] = mapped_column(sa.Text)
    full_text: Mapped[str] = mapped_column(sa.Text, default="")
    #: the uploaded original, stored under UPLOAD_DIR by a random name
    original_filename: Mapped[str | None] = mapped_column(sa.String(255))
    original_stored_name: Mapped[str | None] = mapped_column(sa.String(100))
    original_content_type: Mapped[str | None] = mapped_column(sa.String(100))
    #: unique per confirmed import, so confirming the same review twice creates nothing twice
    import_key: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    #: the number as compared for duplicates (notices.duplicates.number_key), kept by the domain
    number_key: Mapped[str] = mapped_column(
        sa.String(100), index=True, default="", server_default=""
    )
    #: a fingerprint of the full text (notices.duplicates.text_key); none without text
    text_key: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    #: set when the office chose to import this notice although it repeats that one
    duplicate_of_id: Mapped[int | None] = mapped_column(sa.ForeignKey("document.id"))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    created_by: Mapped[User | None] = relationship()
    duplicate_of: Mapped[Document | None] = relationship(remote_side=[id])
    tasks: Mapped[list[Task]] = relationship(back_populates="document", order_by="Task.ordinal")

    def __repr__(self) -> str:
        return f"<Document {self.number}>"
