"""Agencies as the reader sees them, and finding the registry's agencies in one notice."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .collectives import CollectiveHit, find_collectives, qualifier_end
from .headlists import head_list_items
from .registry import AgencyRef, Hit, registry_for, tokens
from .text import fold_aligned

__all__ = ["LEVELS", "AgencyIndex", "AgencyRef", "Mention"]

LEVELS = ("province", "department", "committee", "organization", "district", "commune")


@dataclass(frozen=True)
class Mention:
    """An agency named in a directive: as written, and the registry codes it stands for."""

    text: str
    codes: tuple[str, ...] = ()
    collective_level: str | None = None
    unmatched: bool = False
    span: tuple[int, int] | None = field(default=None, compare=False)
    #: A collective narrowed by a qualifier ("các sở, ngành có thủ tục hành chính"): not
    #: expanded, its level's agencies kept as the candidates the officer chooses from.
    candidates: tuple[str, ...] = field(default=(), compare=False)
    #: The body that took over a name the registry no longer has ("Sở Kế hoạch và Đầu tư").
    merged_into: str | None = field(default=None, compare=False)

    @property
    def bounds(self) -> tuple[int, int]:
        """Where the mention stands in the text read (only mentions added by hand have none)."""
        if self.span is None:
            raise ValueError(f"{self.text!r} was not found in a text")
        return self.span


_LOCALITIES = fold_aligned("địa phương")
_GOVERNMENT = re.compile(r"^(?:ubnd|vp ubnd|van phong ubnd)\s+")


class AgencyIndex:
    """The registry as seen from one notice: its issuer's province first, its addressees."""

    def __init__(self, agencies: Sequence[AgencyRef]) -> None:
        self.registry = registry_for(agencies)
        self.agencies = self.registry.agencies
        self._found: dict[str, list[Mention]] = {}
        self.root: str | None = None
        self.issuer_codes: tuple[str, ...] = ()
        self.addressees: tuple[str, ...] = ()

    def set_issuer(self, issuer: str | None) -> None:
        """Prefer, among same-named agencies, those under the issuer's top-level agency."""
        self.root = None
        self.issuer_codes = ()
        self._found.clear()
        if not issuer:
            return
        hits = self.registry.hits(issuer)
        if not hits:
            return
        codes = list(dict.fromkeys(hits[0][2]))
        if len(codes) > 1:  # "Sở Tư pháp tỉnh Bến Tre": the place tells which province
            codes = [
                c for c in codes if self._place_of(self.registry.roots[c]) in fold_aligned(issuer)
            ]
        if len(set(codes)) == 1:
            self.issuer_codes = (codes[0],)
            self.root = self.registry.roots[codes[0]]

    def _place_of(self, root: str) -> str:
        """ "UBND tỉnh Bến Tre" -> "tinh ben tre": the words a name of its province ends with."""
        name = " ".join(t.word for t in tokens(self.agencies[root].name))
        return _GOVERNMENT.sub("", name) or name

    def set_addressees(self, text: str) -> None:
        """Read the "Kính gửi" list: "các cơ quan, đơn vị" in the body then means them."""
        self._found.clear()
        codes = [c for m in self.find(text) for c in m.codes]
        self.addressees = tuple(c for c in dict.fromkeys(codes) if c not in self.issuer_codes)
        self._found.clear()

    def prefer_local(self, codes: Iterable[str]) -> tuple[str, ...]:
        """Keep the codes under the issuer's top-level agency, if any of them are."""
        codes = tuple(dict.fromkeys(codes))
        if self.root is None:
            return codes
        local = tuple(c for c in codes if self.registry.roots.get(c) == self.root)
        return local or codes

    def level_codes(self, level: str) -> tuple[str, ...]:
        """Every agency of a level, those under the issuer first if there are any."""
        return self.prefer_local(self.registry.by_level.get(level, ()))

    def codes_starting(self, head: str) -> tuple[str, ...]:
        """Every agency whose name or alias starts with the given words."""
        prefix = tuple(t.word for t in tokens(head))
        return self.prefer_local(self.registry.codes_starting(prefix))

    def _registry_hits(self, text: str) -> list[tuple[int, int, tuple[str, ...], bool]]:
        return [(s, e, self.prefer_local(codes), n) for s, e, codes, n in self.registry.hits(text)]

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
        listed = [
            Mention(name, codes, None, False, (s, e))
            for s, e, name, codes in head_list_items(text, self._exact_codes)
        ]
        merged = sorted(listed + collective + mentions, key=lambda m: (m.bounds[0], -m.bounds[1]))
        out: list[Mention] = []
        for mention in merged:
            if out and mention.bounds[0] < out[-1].bounds[1]:
                continue
            out.append(mention)
        return _merge_parentheses(text, out, self)

    def codes_named(self, phrase: str) -> tuple[str, ...]:
        """The codes of the agency a whole phrase names, or ()."""
        return self._exact_codes(phrase)

    def _exact_codes(self, phrase: str) -> tuple[str, ...]:
        hits = self._registry_hits(phrase)
        whole = len(hits) == 1 and hits[0][0] == 0 and hits[0][1] == len(phrase)
        return hits[0][2] if whole else ()

    def _collective_mention(self, text: str, hit: CollectiveHit) -> Mention:
        if hit.level == "addressees":
            codes = self.addressees
        elif hit.level == "all":
            codes = self.codes_starting(hit.head)
        elif hit.governing:
            codes = self.level_codes(hit.level)
            if hit.level == "department" and _LOCALITIES in fold_aligned(hit.text):
                codes += self.level_codes("district")
        else:
            codes = tuple(
                c for c in self.codes_starting(hit.head) if self.agencies[c].level == hit.level
            )
        qualified = qualifier_end(text, hit.end)
        if qualified:
            return Mention(
                text[hit.start : qualified], (), hit.level, False, (hit.start, qualified), codes
            )
        return Mention(hit.text, codes, hit.level, False, (hit.start, hit.end))

    def is_official_name(self, mention: Mention) -> bool:
        """Tell whether a mention is written as an agency's registry name (not an alias)."""
        hits: list[Hit] = self.registry.hits(mention.text)
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
            between = text[current.bounds[1] : nxt.bounds[0]]
            after = text[nxt.bounds[1] : nxt.bounds[1] + 2]
            if between.strip() == "(" and after.lstrip().startswith(")"):
                close = text.index(")", nxt.bounds[1]) + 1
                keep = (
                    nxt
                    if index.is_official_name(nxt) and not index.is_official_name(current)
                    else current
                )
                out.append(Mention(keep.text, keep.codes, None, False, (current.bounds[0], close)))
                i += 2
                continue
        out.append(current)
        i += 1
    return out
