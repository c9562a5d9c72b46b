"""Vietnamese text helpers: comparison with or without diacritics."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Unicode NFC with runs of white space collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def fold(text: str) -> str:
    """Lower-case, without diacritics (đ → d): "Tuyên truyền" → "tuyen truyen"."""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower())
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.replace("đ", "d")
