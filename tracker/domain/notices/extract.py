"""Getting the text out of an uploaded notice: plain text, .docx or .pdf."""

from __future__ import annotations

import io
import logging
import time
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
_UNSUPPORTED = {".doc": "old Word .doc files", ".rtf": "RTF files", ".odt": "OpenDocument files"}


@dataclass(frozen=True)
class ExtractLimits:
    """Bounds on what one upload may cost: hostile files are refused before they are parsed.

    The reader is linear, but a 10 MB file can still hold far more text than any notice; a
    notice of 100 pages has some 300,000 characters.
    """

    #: .docx: members, each member's and all members' declared uncompressed size, and the
    #: inflation ratio of any member over 1 MB (text XML deflates about 10:1, a bomb 1000:1).
    #: zipfile never inflates a member past its declared size, so checking that is enough.
    members: int = 1000
    member_bytes: int = 50 * 1024 * 1024
    total_bytes: int = 100 * 1024 * 1024
    ratio: int = 100
    #: .pdf: page-tree nodes walked (repeated references count each time), and seconds spent.
    pages: int = 500
    seconds: float = 20.0
    #: scanned PDFs: seconds of OCR in all (a page takes a few seconds).
    ocr_seconds: float = 120.0
    #: every kind of file: characters of text taken out.
    chars: int = 1_000_000


class NoticeFileError(Exception):
    """An uploaded file the reader cannot take text from; `code` is stable for the UI."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def extract_text(
    filename: str,
    data: bytes,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: ExtractLimits = ExtractLimits(),  # frozen: safe as a shared default
    ocr_command: str = "tesseract",
) -> str:
    """Return the text of a notice file, or raise NoticeFileError saying why not.

    A PDF without a text layer (a scan) is read with Tesseract (`ocr_command`).
    """
    if not data:
        raise NoticeFileError("empty_file", "The file is empty.")
    if len(data) > max_bytes:
        raise NoticeFileError("file_too_large", f"The file is larger than {max_bytes} bytes.")
    suffix = PurePath(filename or "").suffix.lower()
    try:
        if suffix == ".docx" or (suffix not in _TEXT_SUFFIXES and data[:2] == b"PK"):
            text = _docx_text(data, limits)
        elif suffix == ".pdf" or data[:5] == b"%PDF-":
            text = _pdf_text(data, limits, ocr_command)
        elif suffix in _UNSUPPORTED:
            raise NoticeFileError(
                "unsupported_type",
                f"{_UNSUPPORTED[suffix]} are not supported; "
                "save the notice as .docx, .pdf or .txt.",
            )
        elif suffix in _TEXT_SUFFIXES or suffix in {".csv", ".html", ".htm"}:
            text = _plain_text(data)
        else:
            raise NoticeFileError("unsupported_type", f"Files of type {suffix} are not supported.")
    except NoticeFileError:
        raise
    except Exception as error:
        raise NoticeFileError(
            "corrupt_file", f"The file could not be read ({type(error).__name__})."
        ) from error
    if len(text) > limits.chars:
        raise _too_much_text(limits)
    if not text.strip():
        raise NoticeFileError("no_text", "The file contains no text.")
    return text


def _too_much_text(limits: ExtractLimits) -> NoticeFileError:
    return NoticeFileError(
        "too_much_text", f"The file holds more than {limits.chars} characters of text."
    )


def _plain_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise NoticeFileError("binary_file", "The file is binary, not text.")
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
        break
    raise NoticeFileError("binary_file", "The file is not readable text.")


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    control = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    return control / len(sample) < 0.01


def _docx_text(data: bytes, limits: ExtractLimits) -> str:
    import docx  # python-docx; imported here so the reader itself does not need it

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise NoticeFileError("corrupt_file", "The .docx file is damaged.")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        _check_archive(archive.infolist(), limits)
    document = docx.Document(io.BytesIO(data))
    parts: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            parts += _table_rows(child)
    return "\n".join(parts)


def _check_archive(members: list[zipfile.ZipInfo], limits: ExtractLimits) -> None:
    """Refuse an archive that would inflate past the limits (a "zip bomb")."""
    if len(members) > limits.members:
        raise _bomb(f"it has {len(members)} parts")
    total = 0
    for member in members:
        size = member.file_size
        total += size
        if size > limits.member_bytes or total > limits.total_bytes:
            raise _bomb(f"it unpacks to more than {limits.member_bytes} bytes")
        if size > 1024 * 1024 and size > limits.ratio * max(member.compress_size, 1):
            raise _bomb(f"{member.filename} inflates more than {limits.ratio} times")


def _bomb(why: str) -> NoticeFileError:
    return NoticeFileError("archive_bomb", f"The .docx file is refused: {why}.")


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.iter():
        if not row.tag.endswith("}tr"):
            continue
        cells = []
        for cell in row.iterchildren():
            if cell.tag.endswith("}tc"):
                text = " ".join(
                    "".join(t.text or "" for t in p.iter() if t.tag.endswith("}t"))
                    for p in cell.iter()
                    if p.tag.endswith("}p")
                )
                cells.append(" ".join(text.split()))
        rows.append(" | ".join(cells))
    return rows


def _pdf_text(data: bytes, limits: ExtractLimits, ocr_command: str) -> str:
    import pypdf

    started = time.monotonic()
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise NoticeFileError("encrypted_pdf", "The PDF is password-protected.")
        _check_page_tree(reader, limits)
        pages: list[str] = []
        size = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            size += len(pages[-1])
            if size > limits.chars:
                raise _too_much_text(limits)
            if time.monotonic() - started > limits.seconds:
                raise NoticeFileError(
                    "pdf_too_slow", f"Reading the PDF took longer than {limits.seconds:g} s."
                )
        text = "\n".join(pages)
        if pages and not text.strip():
            text = _scanned_text(reader.pages, limits, started, ocr_command)
    return text


def _scanned_text(pages, limits: ExtractLimits, started: float, command: str) -> str:
    """A PDF without a text layer: read its page images with OCR."""
    from .ocr import OcrUnavailable, ocr_pages

    try:
        text = "\n".join(ocr_pages(pages, command, started + limits.ocr_seconds))
    except OcrUnavailable as error:
        raise NoticeFileError(
            "ocr_unavailable",
            f"The PDF is a scan and OCR is not available here ({error}); upload the .docx.",
        ) from error
    except (TimeoutError, RuntimeError) as error:  # pytesseract raises RuntimeError on timeout
        raise NoticeFileError(
            "pdf_too_slow", f"Reading the scan took longer than {limits.ocr_seconds:g} s."
        ) from error
    if not text.strip():
        raise NoticeFileError(
            "scanned_pdf",
            "The PDF has no text layer and OCR found no text in it; upload the .docx.",
        )
    if len(text) > limits.chars:
        raise _too_much_text(limits)
    return text


def _check_page_tree(reader, limits: ExtractLimits) -> None:
    """Walk the page tree by hand, counting every visit, before pypdf flattens it.

    A tree that lists one page thousands of times, or nests nodes that share their children,
    is small on disk and enormous once flattened.
    """
    root = reader.trailer["/Root"].get_object().get("/Pages")
    stack: list[Any] = [root]
    visited = 0
    while stack:
        node = stack.pop()
        node = node.get_object() if node is not None else None
        visited += 1
        if visited > limits.pages:
            raise NoticeFileError("too_many_pages", f"The PDF has more than {limits.pages} pages.")
        kids = node.get("/Kids") if node is not None and hasattr(node, "get") else None
        if kids is not None:
            stack.extend(kids.get_object())
