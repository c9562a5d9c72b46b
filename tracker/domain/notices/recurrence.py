"""Recurring duties ("hằng tháng") and ongoing ones ("thường xuyên")."""

from __future__ import annotations

from .patterns import vre
from .text import fold_aligned

_EVERY = r"(?:hằng|hàng|mỗi|định kỳ(?: hằng| hàng)?)\s+"
_RULES = (
    ("weekly", vre(r"\b" + _EVERY + r"tuần\b")),
    ("monthly", vre(r"\b" + _EVERY + r"tháng\b")),
    ("quarterly", vre(r"\b" + _EVERY + r"quý\b(?!\s+(?:định|trình|hoạch|chế|mô))")),
    (
        "semiannual",
        vre(
            r"\b(?:định kỳ\s+(?:6|sáu)\s+tháng|(?:6|sáu)\s+tháng\s+(?:một|1)\s+lần"
            r"|(?:hằng|hàng|mỗi|định kỳ)\s+nửa\s+năm)\b"
        ),
    ),
    ("yearly", vre(r"\b" + _EVERY + r"năm\b")),
)
#: "chi thường xuyên" is recurrent expenditure, a budget line, not a standing duty.
_ONGOING = vre(r"(?<!\bchi )\bthường xuyên\b")


def find_recurrence(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the first recurrence named in text and where it is written."""
    folded = fold_aligned(text)
    found: list[tuple[int, int, str]] = []
    for name, pattern in _RULES:
        match = pattern.search(folded)
        if match:
            found.append((match.start(), match.end(), name))
    if not found:
        return None, None
    start, end, name = min(found)
    return name, (start, end)


def is_ongoing(text: str) -> bool:
    """Tell whether text sets a standing duty ("thường xuyên") rather than a one-off task."""
    return bool(_ONGOING.search(fold_aligned(text)))
