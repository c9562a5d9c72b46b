"""A notice import in review: the reader's proposal as the officer corrects it, kept between
pages so a reload or a mistake loses nothing."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import Model
from tracker.models.types import UTCDateTime


class ImportDraft(Model):
    __tablename__ = "import_draft"

    #: random, in the URL; also the import key, so confirming twice creates one document
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    owner_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    #: the NoticeDraft as JSON (header and directives)
    data: Mapped[dict] = mapped_column(sa.JSON)
    #: bumped on every save: a form posted from an older page is not applied twice
    version: Mapped[int] = mapped_column(default=1)
    original_filename: Mapped[str | None] = mapped_column(sa.String(255))
    original_stored_name: Mapped[str | None] = mapped_column(sa.String(100))
    original_content_type: Mapped[str | None] = mapped_column(sa.String(100))
    #: set once confirmed: the document the import created
    document_id: Mapped[int | None] = mapped_column(sa.ForeignKey("document.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
