"""Getting the text out of an uploaded notice: plain text, .docx or .pdf."""

from __future__ import annotations

import io
import logging
import warnings
import zipfile
from pathlib import PurePath

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
_UNSUPPORTED = {".doc": "old Word .doc files", ".rtf": "RTF files", ".odt": "OpenDocument files"}


class NoticeFileError(Exception):
    """An uploaded file the reader cannot take text from; `code` is stable for the UI."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def extract_text(filename: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Return the text of a notice file, or raise NoticeFileError saying why not."""
    if not data:
        raise NoticeFileError("empty_file", "The file is empty.")
    if len(data) > max_bytes:
        raise NoticeFileError("file_too_large", f"The file is larger than {max_bytes} bytes.")
    suffix = PurePath(filename or "").suffix.lower()
    try:
        if suffix == ".docx" or (suffix not in _TEXT_SUFFIXES and data[:2] == b"PK"):
            text = _docx_text(data)
        elif suffix == ".pdf" or data[:5] == b"%PDF-":
            text = _pdf_text(data)
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
    if not text.strip():
        raise NoticeFileError("no_text", "The file contains no text.")
    return text


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


def _docx_text(data: bytes) -> str:
    import docx  # python-docx; imported here so the reader itself does not need it

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise NoticeFileError("corrupt_file", "The .docx file is damaged.")
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


def _pdf_text(data: bytes) -> str:
    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise NoticeFileError("encrypted_pdf", "The PDF is password-protected.")
        pages = [page.extract_text() or "" for page in reader.pages]
    text = "\n".join(pages)
    if pages and not text.strip():
        raise NoticeFileError(
            "scanned_pdf",
            "The PDF has no text layer (a scan); run it through OCR or upload the .docx.",
        )
    return text
