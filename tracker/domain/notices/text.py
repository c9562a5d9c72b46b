"""Text normalisation for Vietnamese notices.

`fold_aligned` maps every character to exactly one character, so offsets found in folded text are
offsets in the original: matching happens on folded text, results are cut from the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Tone marks (grave, acute, tilde, hook above, dot below). Dropping them makes old and new
#: tone placement ("hoà"/"hòa", "Uỷ"/"Ủy") and missing tones compare equal; vowel-quality
#: marks (â, ă, ê, ô, ơ, ư) are kept because they tell words apart.
_TONE_MARKS = {0x300, 0x301, 0x303, 0x309, 0x323}
#: Every blank but the line end (tabs, no-break and typographic spaces, separators).
_SPACES = re.compile(r"[^\S\n]")
#: Runs of blanks are capped: three spaces still mark a two-column header, and no pattern
#: ever meets a run long enough to make a leading ``\s*`` cost more than a few steps.
_SPACE_RUN = re.compile(r" {4,}")
_TRAILING = re.compile(r" +\n")
_BLANK_LINES = re.compile(r"\n{3,}")
_ZERO_WIDTH = re.compile(r"[\u200c\u200d\u2060\ufeff\u00ad]")
_MULTI_SPACE = re.compile(r" {2,}")
WORD_RE = re.compile(r"\w+")


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char)
    kept = "".join(c for c in decomposed if ord(c) not in _TONE_MARKS)
    folded = unicodedata.normalize("NFC", kept).lower().replace("đ", "d")
    return folded if len(folded) == 1 else char.lower()[:1] or char


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for start, end in ((0x41, 0x250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            char = chr(code)
            folded = _fold_char(char)
            if folded != char:
                table[code] = folded
    return table


_FOLD_TABLE = _build_table()


@lru_cache(maxsize=4096)
def fold_aligned(text: str) -> str:
    """Return a same-length, lower-case, tone-free form of NFC text for matching."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


def normalize_text(text: str) -> str:
    """Return text in NFC with unified line ends and bounded runs of blanks, keeping the lines."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    text = _ZERO_WIDTH.sub("", text).replace("\u200b", " ")
    text = _SPACE_RUN.sub("   ", _SPACES.sub(" ", text))
    return _BLANK_LINES.sub("\n\n", _TRAILING.sub("\n", text))


def collapse(text: str) -> str:
    """Return text on one line with single spaces."""
    return _MULTI_SPACE.sub(" ", text.replace("\n", " ")).strip()


def words(text: str) -> list[str]:
    """Return the words of text, folded."""
    return WORD_RE.findall(fold_aligned(text))


def is_upper_line(text: str) -> bool:
    """Tell whether a line is written in capitals (at least two letters, none lower-case)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def sentence_case(text: str) -> str:
    """Lower-case an all-capitals phrase, keeping common acronyms."""
    out = []
    for word in text.split(" "):
        out.append(word if word in _ACRONYMS else word.lower())
    return " ".join(out)


_ACRONYMS = {"UBND", "HĐND", "MTTQ", "TW", "CP", "TTg", "ANTQ", "ANTT", "BCĐ", "CAND", "NQ"}
