"""Agencies as the reader sees them, and finding the registry's agencies in text."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .collectives import CollectiveHit, find_collectives
from .text import WORD_RE, fold

LEVELS = ("province", "department", "committee", "organization", "district", "commune")


@dataclass(frozen=True)
class AgencyRef:
    """A registry agency as the reader sees it."""

    code: str
    name: str
    level: str
    aliases: tuple[str, ...] = ()
    parent_code: str | None = None


@dataclass(frozen=True)
class Mention:
    """An agency named in a directive: as written, and the registry codes it stands for."""

    text: str
    codes: tuple[str, ...] = ()
    collective_level: str | None = None
    unmatched: bool = False
    span: tuple[int, int] | None = field(default=None, compare=False)


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
    _SYNONYM_TOKENS[fold(_long).split()[0]].append((tuple(fold(_long).split()), fold(_short)))
#: Words that, right after a registry name, make it another body ("Công an" + "xã").
_LOWER_LEVEL = {fold(w) for w in ("xã", "huyện", "phường", "quận", "cấp", "thị", "tx", "tp")}
#: Heads whose remaining words are often abbreviated by initials ("Sở TN&MT").
_ABBREVIABLE_HEADS = {fold(w) for w in ("sở", "ban", "hội", "cục", "chi cục", "trung tâm")}
_AND = fold("và")
_LOCALITIES = fold("địa phương")


class _Token(NamedTuple):
    start: int
    end: int
    word: str
    upper: bool


def _tokens(text: str) -> list[_Token]:
    folded = fold(text)
    raw = [
        _Token(m.start(), m.end(), m.group(), text[m.start() : m.end()].isupper())
        for m in WORD_RE.finditer(folded)
    ]
    return _canonical(raw)


def _canonical(tokens: list[_Token]) -> list[_Token]:
    out: list[_Token] = []
    i = 0
    while i < len(tokens):
        for long, short in _SYNONYM_TOKENS.get(tokens[i].word, ()):
            n = len(long)
            if tuple(t.word for t in tokens[i : i + n]) == long:
                out.append(_Token(tokens[i].start, tokens[i + n - 1].end, short, False))
                i += n
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


@dataclass
class _Variant:
    words: tuple[str, ...]
    code: str
    is_name: bool


class AgencyIndex:
    """The registry indexed for finding agency names, aliases and abbreviations in text."""

    def __init__(self, agencies: Sequence[AgencyRef]) -> None:
        self.agencies = {a.code: a for a in agencies}
        self._variants: dict[tuple[str, ...], list[_Variant]] = defaultdict(list)
        self._lengths: dict[str, set[int]] = defaultdict(set)
        self._abbrev: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._roots: dict[str, str] = {}
        self._found: dict[str, list[Mention]] = {}
        self.root: str | None = None
        for agency in agencies:
            for text, is_name in [(agency.name, True), *((a, False) for a in agency.aliases)]:
                self._add_variant(text, agency.code, is_name)
        self._lengths_desc = {w: sorted(n, reverse=True) for w, n in self._lengths.items()}

    def _add_variant(self, text: str, code: str, is_name: bool) -> None:
        words = tuple(t.word for t in _tokens(text))
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

    def set_issuer(self, issuer: str | None) -> None:
        """Prefer, among same-named agencies, those under the issuer's top-level agency."""
        self.root = None
        self._found.clear()
        if issuer:
            hits = self._registry_hits(issuer)
            if hits and len(hits[0][2]) == 1:
                self.root = self._root_of(hits[0][2][0])

    def _root_of(self, code: str) -> str:
        if code not in self._roots:
            self._roots[code] = self._walk_up(code)
        return self._roots[code]

    def _walk_up(self, code: str) -> str:
        seen = set()
        while code in self.agencies and self.agencies[code].parent_code and code not in seen:
            seen.add(code)
            parent = self.agencies[code].parent_code
            if parent not in self.agencies:
                break
            code = parent
        return code

    def prefer_local(self, codes: Iterable[str]) -> tuple[str, ...]:
        """Keep the codes under the issuer's top-level agency, if any of them are."""
        codes = tuple(dict.fromkeys(codes))
        if self.root is None:
            return codes
        local = tuple(c for c in codes if self._root_of(c) == self.root)
        return local or codes

    def level_codes(self, level: str) -> tuple[str, ...]:
        """Every agency of a level, those under the issuer first if there are any."""
        return self.prefer_local(a.code for a in self.agencies.values() if a.level == level)

    def codes_starting(self, head: str) -> tuple[str, ...]:
        """Every agency whose name or alias starts with the given words."""
        prefix = tuple(t.word for t in _tokens(head))
        found = [
            v.code
            for words, variants in self._variants.items()
            if words[: len(prefix)] == prefix
            for v in variants
        ]
        return self.prefer_local(found)

    def _registry_hits(self, text: str) -> list[tuple[int, int, tuple[str, ...], bool]]:
        tokens = _tokens(text)
        hits: list[tuple[int, int, tuple[str, ...], bool]] = []
        i = 0
        while i < len(tokens):
            found = self._match_at(tokens, i)
            abbrev = self._abbrev_at(tokens, i)
            if found and abbrev and abbrev[0] == found[0]:
                found = (found[0], found[1] + abbrev[1], found[2])
            found = found or abbrev
            if found is None:
                i += 1
                continue
            n, codes, is_name = found
            hits.append((tokens[i].start, tokens[i + n - 1].end, self.prefer_local(codes), is_name))
            i += n
        return hits

    def _match_at(self, tokens: list[_Token], i: int) -> tuple[int, list[str], bool] | None:
        for n in self._lengths_desc.get(tokens[i].word, ()):
            if i + n > len(tokens):
                continue
            same = self._variants.get(tuple(t.word for t in tokens[i : i + n]))
            if not same:
                continue
            nxt = tokens[i + n] if i + n < len(tokens) else None
            if (
                nxt is not None
                and nxt.word in _LOWER_LEVEL
                and nxt.start - tokens[i + n - 1].end <= 1
            ):
                continue
            return n, [v.code for v in same], any(v.is_name for v in same)
        return None

    def _abbrev_at(self, tokens: list[_Token], i: int) -> tuple[int, list[str], bool] | None:
        head = tokens[i].word
        if head not in _ABBREVIABLE_HEADS:
            return None
        j, letters = i + 1, ""
        while j < len(tokens) and tokens[j].upper and len(tokens[j].word) <= 8:
            letters += tokens[j].word
            j += 1
        codes = self._abbrev.get((head, letters))
        return (j - i, sorted(codes), False) if codes and j > i + 1 else None

    def find(self, text: str) -> list[Mention]:
        """Return the registry agencies and collective phrases named in text, in order."""
        if text not in self._found:
            if len(self._found) > 4096:
                self._found.clear()
            self._found[text] = self._find(text)
        return list(self._found[text])

    def _find(self, text: str) -> list[Mention]:
        mentions = [
            Mention(_clean(text[s:e]), codes, None, False, (s, e))
            for s, e, codes, _ in self._registry_hits(text)
        ]
        collective = [self._collective_mention(text, hit) for hit in find_collectives(text)]
        merged = sorted(collective + mentions, key=lambda m: (m.span[0], -m.span[1]))
        out: list[Mention] = []
        for mention in merged:
            if out and mention.span[0] < out[-1].span[1]:
                continue
            out.append(mention)
        return _merge_parentheses(text, out, self)

    def _collective_mention(self, text: str, hit: CollectiveHit) -> Mention:
        if hit.level == "all":
            codes = self.codes_starting(hit.head)
        elif hit.governing:
            codes = self.level_codes(hit.level)
            if hit.level == "department" and _LOCALITIES in fold(hit.text):
                codes += self.level_codes("district")
        else:
            codes = tuple(
                c for c in self.codes_starting(hit.head) if self.agencies[c].level == hit.level
            )
        return Mention(hit.text, codes, hit.level, False, (hit.start, hit.end))

    def is_official_name(self, mention: Mention) -> bool:
        """Tell whether a mention is written as an agency's registry name (not an alias)."""
        hits = self._registry_hits(mention.text)
        return bool(hits) and hits[0][3]


_LEADING_FORCE = re.compile(r"^lực lượng\s+(?=[A-ZĐÀ-Ỹ])", re.IGNORECASE)


def _clean(text: str) -> str:
    return _LEADING_FORCE.sub("", text)


def _merge_parentheses(text: str, mentions: list[Mention], index: AgencyIndex) -> list[Mention]:
    """Fold "cơ quan Thường trực (Công an tỉnh)" into one mention, preferring the real name."""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        current = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and set(nxt.codes) & set(current.codes):
            between = text[current.span[1] : nxt.span[0]]
            after = text[nxt.span[1] : nxt.span[1] + 2]
            if between.strip() == "(" and after.lstrip().startswith(")"):
                close = text.index(")", nxt.span[1]) + 1
                keep = (
                    nxt
                    if index.is_official_name(nxt) and not index.is_official_name(current)
                    else current
                )
                out.append(Mention(keep.text, keep.codes, None, False, (current.span[0], close)))
                i += 2
                continue
        out.append(current)
        i += 1
    return out
