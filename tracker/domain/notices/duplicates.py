"""Whether a notice is already in the tracker, before it is imported a second time.

A notice is the same as one already recorded when, after normalising, it has the same issuer,
number and date, or the same or nearly the same text. Normalising folds case and diacritics,
drops spaces and a leading "Số:", and writes "UBND" out in full. Nearly the same text is three
in four of its three-word runs shared (Jaccard over word trigrams); it is looked for among the
notices sharing the number or the date and the latest `RECENT` notices, which is where a second
reading of the same notice lands even when the reader misread its header. A second copy is
created only by an explicit choice, recorded on the new document (`Document.duplicate_of_id`)
and in its history.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from tracker.domain.errors import DomainError
from tracker.domain.text import fold
from tracker.extensions import db
from tracker.models import Document

#: share of word trigrams two texts have in common to count as nearly the same
NEAR_TEXT = 0.75
#: how many of the latest notices are compared by text whatever their header
RECENT = 100
_WORD = re.compile(r"\w+")
_NUMBER_NOISE = re.compile(r"^so\s*:?|[\s.,;:]+$|\s+")
_ISSUER_ABBREVIATIONS = {"ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan"}


class DuplicateNotice(DomainError):
    """The notice is already in the tracker; importing again needs an explicit choice."""

    code = "duplicate"

    def __init__(self, existing: Document):
        super().__init__(
            _l(
                "This notice is already in the tracker as %(number)s (notice %(id)s). "
                "Open it, or choose to import a second copy on purpose.",
                number=existing.number,
                id=existing.id,
            ),
            field="allow_duplicate",
        )
        self.existing = existing


@dataclass(frozen=True)
class Match:
    """A notice already recorded that the one being imported repeats, and why."""

    document: Document
    same_header: bool  #: same issuer, number and date
    same_text: bool
    similarity: float  #: share of word trigrams in common, 0 to 1


def number_key(number: str) -> str:
    """A document number as compared: "Số: 120 /TB-UBND." → "120/tb-ubnd"."""
    return _NUMBER_NOISE.sub("", fold(number or ""))[:100]


def issuer_key(issuer: str) -> str:
    """An issuer as compared: "UBND tỉnh Lạng Sơn" and "Ủy ban nhân dân tỉnh Lạng Sơn" agree."""
    words = [_ISSUER_ABBREVIATIONS.get(w, w) for w in _WORD.findall(fold(issuer or ""))]
    return " ".join(words)


def text_key(text: str) -> str | None:
    """A fingerprint of the text, blind to case, diacritics, spacing and punctuation."""
    words = _WORD.findall(fold(text or ""))
    return hashlib.sha256(" ".join(words).encode()).hexdigest() if words else None


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(fold(text or ""))
    return {tuple(words[i : i + 3]) for i in range(max(len(words) - 2, 1))} if words else set()


def similarity(first: str, second: str) -> float:
    """The share of word trigrams two texts have in common (0 to 1)."""
    a, b = _trigrams(first), _trigrams(second)
    return len(a & b) / len(a | b) if a and b else 0.0


def _candidates(number_k: str, text_k: str | None, issued_on: date | None) -> list[Document]:
    """The notices sharing the number, the date or the text (by index), and the latest ones."""
    conditions = [Document.text_key == text_k] if text_k else []
    if number_k:
        conditions.append(Document.number_key == number_k)
    if issued_on is not None:
        conditions.append(Document.issued_on == issued_on)
    latest = sa.select(Document.id).order_by(Document.id.desc()).limit(RECENT)
    wanted = sa.or_(Document.id.in_(latest.scalar_subquery()), *conditions)
    return list(db.session.scalars(sa.select(Document).where(wanted).limit(RECENT + 200)))


def find_duplicates(
    issuer: str, number: str, issued_on: date | None, full_text: str, *, limit: int = 5
) -> list[Match]:
    """The notices already recorded that this one repeats, the closest first (one query)."""
    number_k, text_k = number_key(number), text_key(full_text)
    issuer_k, matches = issuer_key(issuer), []
    for document in _candidates(number_k, text_k, issued_on):
        same_header = bool(number_k) and (
            document.number_key == number_k
            and document.issued_on == issued_on
            and issuer_key(document.issuer) == issuer_k
        )
        same_text = text_k is not None and document.text_key == text_k
        near = 1.0 if same_text else similarity(full_text, document.full_text)
        if same_header or near >= NEAR_TEXT:
            matches.append(Match(document, same_header, same_text, near))
    matches.sort(key=lambda m: (not m.same_header, -m.similarity, m.document.id))
    return matches[:limit]
