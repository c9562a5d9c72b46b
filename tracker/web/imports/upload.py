"""The notice to read: pasted text, or the text taken from an uploaded file."""

from __future__ import annotations

from pathlib import PurePath

from flask import current_app
from flask_babel import lazy_gettext as _l

from tracker.domain.errors import InvalidInput
from tracker.domain.notices import NoticeFileError, extract_text
from tracker.domain.work.evidence import Upload
from tracker.web.imports.forms import ACCEPTED_SUFFIXES, ReadForm

#: the reader's reasons for refusing a file, in the user's language
FILE_ERRORS = {
    "empty_file": _l("The file is empty."),
    "binary_file": _l("The file is not readable text."),
    "corrupt_file": _l("The file is damaged or not what its name says; it could not be read."),
    "encrypted_pdf": _l("The PDF is password-protected; upload it without the password."),
    "scanned_pdf": _l(
        "The PDF has no text layer and OCR found no text in it; upload the .docx or a clearer scan."
    ),
    "ocr_unavailable": _l(
        "The PDF is a scan and OCR (tesseract-ocr, tesseract-ocr-vie) is not installed on this"
        " server; upload the .docx, or ask the administrator to install it."
    ),
    "no_text": _l("The file contains no text."),
    "archive_bomb": _l(
        "The .docx file unpacks to far more than a notice holds; it was refused for safety."
    ),
    "too_many_pages": _l("The PDF has too many pages for a notice; upload only the notice."),
    "too_much_text": _l("The file holds far more text than a notice; upload only the notice."),
    "pdf_too_slow": _l("The PDF takes too long to read; save it again as PDF or .docx."),
    "unsupported_type": _l("Upload a .txt, .docx or .pdf file."),
}


def max_bytes() -> int:
    """The largest notice file accepted (NOTICE_MAX_BYTES: MAX_NOTICE_MB, 10 by default)."""
    return int(current_app.config["NOTICE_MAX_BYTES"])


def notice_input(form: ReadForm) -> tuple[str, Upload | None]:
    """The notice's text and, for an upload, the file; InvalidInput says what is wrong."""
    storage = form.file.data
    if storage is not None and getattr(storage, "filename", ""):
        return _from_file(storage)
    text = (form.text.data or "").replace("\r\n", "\n")
    if not text.strip():
        raise InvalidInput(_l("Paste the notice's text or choose a file."), field="text")
    return text, None


def _from_file(storage) -> tuple[str, Upload]:
    limit = max_bytes()
    suffix = PurePath(storage.filename).suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise InvalidInput(FILE_ERRORS["unsupported_type"], field="file")
    data = storage.read(limit + 1)
    try:
        text = extract_text(storage.filename, data, max_bytes=limit)
    except NoticeFileError as error:
        message = FILE_ERRORS.get(error.code, FILE_ERRORS["corrupt_file"])
        if error.code == "file_too_large":
            message = _l("The file is larger than %(mb)s MB.", mb=_megabytes(limit))
        raise InvalidInput(message, field="file") from error
    return text, Upload(storage.filename, data)


def max_megabytes() -> str:
    """The limit as shown to users."""
    return _megabytes(max_bytes())


def _megabytes(limit: int) -> str:
    return f"{limit / (1024 * 1024):.3g}"
