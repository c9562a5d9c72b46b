"""Evidence files: which types and sizes are accepted, and how they are kept.

Files are stored under the upload folder by a random name; the user's filename is kept,
cleaned, for display only. The type is decided from the extension *and* the content.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from flask_babel import lazy_gettext as _l

from tracker.domain import audit
from tracker.domain.errors import InvalidInput
from tracker.domain.permissions import Actor
from tracker.domain.work.files import write_with_transaction
from tracker.extensions import db
from tracker.models import Assignment, Attachment, ProgressUpdate

MAX_FILES = 5
_OLE = b"\xd0\xcf\x11\xe0"  # old Word/Excel
_ZIP = b"PK\x03\x04"  # docx, xlsx, odt, ods
#: extension -> (content type, accepted leading bytes; None: plain text)
ALLOWED = {
    "pdf": ("application/pdf", (b"%PDF",)),
    "png": ("image/png", (b"\x89PNG",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "doc": ("application/msword", (_OLE,)),
    "xls": ("application/vnd.ms-excel", (_OLE,)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (_ZIP,),
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (_ZIP,)),
    "odt": ("application/vnd.oasis.opendocument.text", (_ZIP,)),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", (_ZIP,)),
    "txt": ("text/plain; charset=utf-8", None),
}


@dataclass(frozen=True)
class Upload:
    """A file as received: the name the user gave and its bytes."""

    filename: str
    data: bytes


def clean_filename(name: str) -> str:
    """The last path part, NFC, without control characters, at most 200 characters."""
    base = PurePosixPath((name or "").replace("\\", "/")).name
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip(" .")
    return base[-200:] or "file"


def _content_type(upload: Upload, max_bytes: int) -> str:
    name = clean_filename(upload.filename)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED:
        raise InvalidInput(
            _l(
                "“%(name)s”: this type of file is not accepted (accepted: %(types)s).",
                name=name,
                types=", ".join(sorted(ALLOWED)),
            ),
            field="files",
        )
    if not upload.data:
        raise InvalidInput(_l("“%(name)s” is empty.", name=name), field="files")
    if len(upload.data) > max_bytes:
        raise InvalidInput(
            _l(
                "“%(name)s” is larger than %(mb)s MB.",
                name=name,
                mb=max_bytes // (1024 * 1024) or 1,
            ),
            field="files",
        )
    content_type, signatures = ALLOWED[extension]
    ok = b"\x00" not in upload.data if signatures is None else upload.data.startswith(signatures)
    if not ok:
        raise InvalidInput(
            _l("“%(name)s” is not really a .%(ext)s file.", name=name, ext=extension),
            field="files",
        )
    return content_type


def check_uploads(uploads: list[Upload], max_bytes: int) -> None:
    """Refuse the whole batch if any file is not acceptable (nothing is stored)."""
    if len(uploads) > MAX_FILES:
        raise InvalidInput(_l("Attach at most %(n)s files.", n=MAX_FILES), field="files")
    for upload in uploads:
        _content_type(upload, max_bytes)


def store_evidence(
    assignment: Assignment,
    update: ProgressUpdate | None,
    uploads: list[Upload],
    actor: Actor,
    now: datetime,
    upload_dir: str,
    max_bytes: int,
) -> list[Attachment]:
    """Keep each file under a random name and record it on the assignment (a file is removed
    again if the caller's transaction does not commit)."""
    check_uploads(uploads, max_bytes)
    folder = Path(upload_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stored = []
    for upload in uploads:
        stored_name = secrets.token_hex(20)
        write_with_transaction(db.session(), folder / stored_name, upload.data)
        attachment = Attachment(
            assignment=assignment,
            update=update,
            filename=clean_filename(upload.filename),
            stored_name=stored_name,
            content_type=_content_type(upload, max_bytes),
            size=len(upload.data),
            sha256=hashlib.sha256(upload.data).hexdigest(),
            uploaded_by_id=actor.user_id,
            created_at=now,
        )
        db.session.add(attachment)
        stored.append(attachment)
    if stored:
        names = ", ".join(a.filename for a in stored)
        audit.record(actor, "evidence.add", assignment, now, {"files": (None, names)})
    return stored


def stored_path(attachment: Attachment, upload_dir: str) -> Path:
    """Where an attachment's bytes are."""
    return Path(upload_dir) / attachment.stored_name
