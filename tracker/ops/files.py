"""Uploaded files against the database: every attachment's bytes against its stored sha256,
the files the database names but the folder lacks, the files nobody names (orphans)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from tracker.extensions import db
from tracker.models import Attachment, Document, ImportDraft

CHUNK = 1024 * 1024


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def stored_files(folder: Path) -> set[str]:
    """Every file under `folder`, as paths relative to it (write checks are not files)."""
    if not folder.exists():
        return set()
    return {
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and not path.name.startswith(".write-check-")
    }


@dataclass
class FileReport:
    checked: int = 0
    mismatched: list[str] = field(default_factory=list)  #: bytes differ from the stored sha256
    missing: list[str] = field(default_factory=list)  #: named by the database, not on disk
    orphaned: list[str] = field(default_factory=list)  #: on disk, named by nothing

    @property
    def ok(self) -> bool:
        return not self.mismatched and not self.missing


def verify_files(folder: Path) -> FileReport:
    """Compare the upload folder with what the database says it holds."""
    report = FileReport()
    on_disk = stored_files(folder)
    hashed = dict(db.session.execute(sa.select(Attachment.stored_name, Attachment.sha256)).all())
    named_only = set(
        db.session.scalars(
            sa.union(
                sa.select(Document.original_stored_name),
                sa.select(ImportDraft.original_stored_name),
            )
        )
    ) - {None}
    for name, expected in sorted(hashed.items()):
        if name not in on_disk:
            report.missing.append(name)
            continue
        report.checked += 1
        if sha256_of(folder / name) != expected:
            report.mismatched.append(name)
    for name in sorted(named_only - hashed.keys()):
        if name in on_disk:
            report.checked += 1
        else:
            report.missing.append(name)
    report.orphaned = sorted(on_disk - hashed.keys() - named_only)
    return report
