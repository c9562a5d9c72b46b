"""Keeping a notice import's draft between pages: owned by one user, gone after a few days."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from tracker.domain.clock import require_aware
from tracker.domain.notices.draft import NoticeDraft
from tracker.domain.notices.importing import StoredOriginal
from tracker.extensions import db
from tracker.models.import_draft import ImportDraft

DRAFT_LIFETIME = timedelta(days=3)


def create_draft(
    owner_id: int, draft: NoticeDraft, now: datetime, original: StoredOriginal | None = None
) -> ImportDraft:
    """Keep a new draft for its owner; its random id is the URL and the import key."""
    require_aware(now)
    row = ImportDraft(
        id=secrets.token_urlsafe(24),
        owner_id=owner_id,
        data=draft.to_json(),
        version=1,
        created_at=now,
        updated_at=now,
        expires_at=now + DRAFT_LIFETIME,
    )
    if original is not None:
        row.original_filename = original.filename
        row.original_stored_name = original.stored_name
        row.original_content_type = original.content_type
    db.session.add(row)
    return row


def owned_draft(draft_id: str, owner_id: int, now: datetime) -> ImportDraft | None:
    """The draft if it exists, belongs to `owner_id` and has not expired (a confirmed one
    stays reachable so a second submit finds its document)."""
    row = db.session.get(ImportDraft, draft_id)
    if row is None or row.owner_id != owner_id:
        return None
    if row.document_id is None and row.expires_at <= now:
        return None
    return row


def save_draft(row: ImportDraft, draft: NoticeDraft, now: datetime) -> None:
    """Store the corrected draft and give it a new version (and a new lease of life)."""
    row.data = draft.to_json()
    row.version += 1
    row.updated_at = now
    row.expires_at = now + DRAFT_LIFETIME


def stored_original(row: ImportDraft) -> StoredOriginal | None:
    """The file the draft was read from, if it came from an upload."""
    if not row.original_stored_name:
        return None
    return StoredOriginal(
        row.original_filename or "", row.original_stored_name, row.original_content_type or ""
    )


def open_drafts(owner_id: int, now: datetime) -> list[ImportDraft]:
    """The owner's drafts still in review, newest first."""
    return list(
        db.session.scalars(
            sa.select(ImportDraft)
            .where(
                ImportDraft.owner_id == owner_id,
                ImportDraft.document_id.is_(None),
                ImportDraft.expires_at > now,
            )
            .order_by(ImportDraft.updated_at.desc())
        )
    )


def purge_expired_drafts(now: datetime, upload_dir: str) -> int:
    """Delete expired drafts never confirmed, and the files they kept; returns how many."""
    expired = list(
        db.session.scalars(
            sa.select(ImportDraft).where(
                ImportDraft.expires_at <= now, ImportDraft.document_id.is_(None)
            )
        )
    )
    for row in expired:
        if row.original_stored_name:
            (Path(upload_dir) / row.original_stored_name).unlink(missing_ok=True)
        db.session.delete(row)
    return len(expired)
