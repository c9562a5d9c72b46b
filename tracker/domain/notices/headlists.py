"""Lists that write the head noun once: "các sở: Công Thương, Nông nghiệp và PTNT"."""

from __future__ import annotations

from collections.abc import Callable

from .patterns import vre
from .text import WORD_RE, fold_aligned

_HEAD_LIST = vre(r"\bcác\s+(?P<head>sở|phòng|ban|cục|chi cục|trung tâm)\s*:\s*")
_SEP = vre(r"\s*(?:,\s*(?:và\s+)?|và\s+)")
_MAX_WORDS = 10

#: Codes of the registry agency that a whole phrase names, or () if it names none exactly.
Lookup = Callable[[str], tuple[str, ...]]
#: (start, end, text as the officer would write it, codes)
Item = tuple[int, int, str, tuple[str, ...]]


def head_list_items(text: str, lookup: Lookup) -> list[Item]:
    """Return the items of every "các sở: A, B và C" list, each named with its head noun."""
    folded = fold_aligned(text)
    items: list[Item] = []
    for match in _HEAD_LIST.finditer(folded):
        head = text[match.start("head") : match.end("head")].capitalize()
        pos, first = match.end(), match.start()
        while True:
            item = _item_at(text, folded, pos, head, lookup)
            if item is None:
                break
            end, name, codes = item
            items.append((first, end, name, codes))
            sep = _SEP.match(folded, end)
            if not sep:
                break
            pos = first = sep.end()
    return items


def _item_at(
    text: str, folded: str, pos: int, head: str, lookup: Lookup
) -> tuple[int, str, tuple[str, ...]] | None:
    ends: list[int] = []
    for word in WORD_RE.finditer(folded, pos):
        gap = folded[(ends[-1] if ends else pos) : word.start()]
        if gap.strip(" -&") or len(ends) >= _MAX_WORDS:
            break
        ends.append(word.end())
    for end in reversed(ends):
        name = f"{head} {text[pos:end]}"
        codes = lookup(name)
        if codes:
            return end, name, codes
    return None
