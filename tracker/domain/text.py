"""Vietnamese text helpers: comparison with or without diacritics."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
#: C0 controls and DEL, except tab, line feed and carriage return: no form needs them, and XML
#: (XLSX, DOCX) cannot hold them
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_control_characters(text: str) -> str:
    """`text` without the control characters that break exports (tab and newlines stay)."""
    return _CONTROLS.sub("", text)


def has_control_characters(text: str) -> bool:
    """Whether `text` holds a control character other than tab and newlines."""
    return _CONTROLS.search(text) is not None


def nfc(text: str) -> str:
    """Unicode NFC with runs of white space collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def fold(text: str) -> str:
    """Lower-case, without diacritics (đ → d): "Tuyên truyền" → "tuyen truyen"."""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower())
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.replace("đ", "d")
