"""The registry indexed once for finding names, aliases and abbreviations in text.

Building the index is the costly part of reading a short notice, so it is cached per registry
(keyed on the tuple of `AgencyRef`s); the per-read state lives in `agencies.AgencyIndex`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .text import WORD_RE, fold_aligned


@dataclass(frozen=True)
class AgencyRef:
    """A registry agency as the reader sees it."""

    code: str
    name: str
    level: str
    aliases: tuple[str, ...] = ()
    parent_code: str | None = None


#: Long forms and the abbreviations written for them; both sides are compared as the short one.
_SYNONYMS = (
    ("ủy ban nhân dân", "ubnd"),
    ("hội đồng nhân dân", "hđnd"),
    ("mặt trận tổ quốc", "mttq"),
    ("ban chỉ đạo", "bcđ"),
    ("bộ chỉ huy", "bch"),
    ("kho bạc nhà nước", "kbnn"),
    ("ngân hàng nhà nước", "nhnn"),
    ("văn phòng", "vp"),
    ("thành phố", "tp"),
    ("thị xã", "tx"),
    ("trách nhiệm hữu hạn", "tnhh"),
    ("một thành viên", "mtv"),
    ("liên hiệp phụ nữ", "lhpn"),
)
_SYNONYM_TOKENS: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
for _long, _short in _SYNONYMS:
    _SYNONYM_TOKENS[fold_aligned(_long).split()[0]].append(
        (tuple(fold_aligned(_long).split()), fold_aligned(_short))
    )
#: Words that, right after a registry name, make it another body ("Công an" + "xã").
_LOWER_LEVEL = {
    fold_aligned(w) for w in ("xã", "huyện", "phường", "quận", "cấp", "thị", "tx", "tp")
}
#: Heads whose remaining words are often abbreviated by initials ("Sở TN&MT").
_ABBREVIABLE_HEADS = {fold_aligned(w) for w in ("sở", "ban", "hội", "cục", "chi cục", "trung tâm")}
_AND = fold_aligned("và")


class Token(NamedTuple):
    """A word of folded text, canonical for synonyms, with its offsets in the original."""

    start: int
    end: int
    word: str
    upper: bool


def tokens(text: str) -> list[Token]:
    """Return the canonical words of text (long forms folded to their abbreviations)."""
    folded = fold_aligned(text)
    raw = [
        Token(m.start(), m.end(), m.group(), text[m.start() : m.end()].isupper())
        for m in WORD_RE.finditer(folded)
    ]
    return _canonical(raw)


def _canonical(raw: list[Token]) -> list[Token]:
    out: list[Token] = []
    i = 0
    while i < len(raw):
        for long, short in _SYNONYM_TOKENS.get(raw[i].word, ()):
            n = len(long)
            if tuple(t.word for t in raw[i : i + n]) == long:
                out.append(Token(raw[i].start, raw[i + n - 1].end, short, False))
                i += n
                break
        else:
            out.append(raw[i])
            i += 1
    return out


@dataclass
class _Variant:
    words: tuple[str, ...]
    code: str
    is_name: bool


#: A registry name found in text: start, end, codes, and whether it is written as the name.
Hit = tuple[int, int, list[str], bool]


class Registry:
    """Names, aliases and abbreviations of a registry, and its parent tree; read-only."""

    def __init__(self, agencies: Sequence[AgencyRef]) -> None:
        self.agencies = {a.code: a for a in agencies}
        self._variants: dict[tuple[str, ...], list[_Variant]] = defaultdict(list)
        self._lengths: dict[str, set[int]] = defaultdict(set)
        self._abbrev: dict[tuple[str, str], set[str]] = defaultdict(set)
        for agency in agencies:
            for text, is_name in [(agency.name, True), *((a, False) for a in agency.aliases)]:
                self._add_variant(text, agency.code, is_name)
        self._lengths_desc = {w: sorted(n, reverse=True) for w, n in self._lengths.items()}
        self.roots = {code: self._walk_up(code) for code in self.agencies}
        self.by_level: dict[str, list[str]] = defaultdict(list)
        for agency in agencies:
            self.by_level[agency.level].append(agency.code)

    def _add_variant(self, text: str, code: str, is_name: bool) -> None:
        words = tuple(t.word for t in tokens(text))
        if not words:
            return
        self._store(_Variant(words, code, is_name))
        if "tinh" in words[1:-1] and text.split()[-1][:1].isupper():
            cut = len(words) - 1 - words[::-1].index("tinh")
            if cut >= 2:
                self._store(_Variant(words[: cut + 1], code, False))
        head = words[0]
        if head in _ABBREVIABLE_HEADS and len(words) >= 3:
            initials = "".join(w[0] for w in words[1:] if w != _AND)
            self._abbrev[(head, initials)].add(code)

    def _store(self, variant: _Variant) -> None:
        self._variants[variant.words].append(variant)
        self._lengths[variant.words[0]].add(len(variant.words))

    def _walk_up(self, code: str) -> str:
        seen = set()
        while self.agencies[code].parent_code and code not in seen:
            seen.add(code)
            parent = self.agencies[code].parent_code
            if parent not in self.agencies:
                break
            code = parent
        return code

    def codes_starting(self, prefix: tuple[str, ...]) -> list[str]:
        """Every agency whose name or alias starts with the given canonical words."""
        return [
            v.code
            for words, variants in self._variants.items()
            if words[: len(prefix)] == prefix
            for v in variants
        ]

    def hits(self, text: str) -> list[Hit]:
        """Return the registry names written in text, longest first, without overlaps."""
        toks = tokens(text)
        found_all: list[Hit] = []
        i = 0
        while i < len(toks):
            found = self._match_at(toks, i)
            abbrev = self._abbrev_at(toks, i)
            if found and abbrev and abbrev[0] == found[0]:
                found = (found[0], found[1] + abbrev[1], found[2])
            found = found or abbrev
            if found is None:
                i += 1
                continue
            n, codes, is_name = found
            found_all.append((toks[i].start, toks[i + n - 1].end, codes, is_name))
            i += n
        return found_all

    def _match_at(self, toks: list[Token], i: int) -> tuple[int, list[str], bool] | None:
        for n in self._lengths_desc.get(toks[i].word, ()):
            if i + n > len(toks):
                continue
            same = self._variants.get(tuple(t.word for t in toks[i : i + n]))
            if not same:
                continue
            nxt = toks[i + n] if i + n < len(toks) else None
            if (
                nxt is not None
                and nxt.word in _LOWER_LEVEL
                and nxt.start - toks[i + n - 1].end <= 1
            ):
                continue
            return n, [v.code for v in same], any(v.is_name for v in same)
        return None

    def _abbrev_at(self, toks: list[Token], i: int) -> tuple[int, list[str], bool] | None:
        head = toks[i].word
        if head not in _ABBREVIABLE_HEADS:
            return None
        j, letters = i + 1, ""
        while j < len(toks) and toks[j].upper and len(toks[j].word) <= 8:
            letters += toks[j].word
            j += 1
        codes = self._abbrev.get((head, letters))
        return (j - i, sorted(codes), False) if codes and j > i + 1 else None


@lru_cache(maxsize=8)
def _cached(agencies: tuple[AgencyRef, ...]) -> Registry:
    return Registry(agencies)


def registry_for(agencies: Sequence[AgencyRef]) -> Registry:
    """Return the registry's index, built once per distinct registry."""
    try:
        return _cached(tuple(agencies))
    except TypeError:  # an AgencyRef built with a list of aliases is not hashable
        return Registry(agencies)
