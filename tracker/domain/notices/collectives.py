"""Collective phrases that name a whole level: "UBND các huyện, thành phố", "các sở, ngành"."""

from __future__ import annotations

from dataclasses import dataclass

from .patterns import STOP_RE, alternation, lower_same_length, vre
from .text import WORD_RE, fold_aligned

_DISTRICT = alternation(["huyện ủy", "thị ủy", "thành ủy", "huyện", "thành phố", "thị xã", "quận"])
#: "UBND các huyện, thành, thị" (Phú Thọ): short forms, only after a first full level word.
_DISTRICT_TAIL = alternation(
    ["huyện ủy", "thị ủy", "thành ủy", "huyện", "thành phố", "thị xã", "quận", "thành", "thị"]
)
_COMMUNE = alternation(["xã", "phường", "thị trấn"])
#: Anchored after a non-blank, so that split() over a run of blanks stays linear.
_SEP = r"(?<!\s)(?:\s*,\s*(?:và\s+)?|\s+và\s+)"
#: Heads for which a collective means the level's own governments (the registry's agencies).
_GOVERNING = [
    "chủ tịch ubnd",
    "chủ tịch ủy ban nhân dân",
    "ubnd",
    "ủy ban nhân dân",
    "ban chỉ đạo",
    "bcđ",
    "chính quyền",
    "cấp ủy",
    "thủ trưởng",
    "lãnh đạo",
]
_OTHER_HEADS = ["công an", "hđnd", "hội đồng nhân dân", "thường trực hđnd", "mttq", "ủy ban mttq"]
_HEAD = r"(?P<head>" + alternation(_GOVERNING + _OTHER_HEADS) + r")\s+"


def _level_list(words: str, tail: str | None = None) -> str:
    return rf"{words}\b(?:{_SEP}{tail or words}\b)*"


_LEVEL = vre(
    r"(?:" + _HEAD + r")?(?P<lead>các\s+|cấp\s+)?"
    r"(?:(?P<district>"
    + _level_list(_DISTRICT, _DISTRICT_TAIL)
    + r")|(?P<commune>"
    + _level_list(_COMMUNE)
    + r"))"
)
_CONTINUATION = vre(
    r"\s+và\s+(?:các\s+)?(?:(?P<district>"
    + _level_list(_DISTRICT)
    + r")|(?P<commune>"
    + _level_list(_COMMUNE)
    + r"))"
)
_FIXED = (
    (
        "department",
        vre(
            r"(?:thủ trưởng\s+)?các\s+(?:cơ quan chuyên môn(?:\s+thuộc\s+ubnd\s+tỉnh)?"
            r"|sở\s*,\s*ban\s*,\s*ngành|sở\s*,\s*ngành|ban\s*,\s*ngành|sở\s+ngành)"
            r"(?:\s*(?:,|\svà)\s*(?:đoàn thể|địa phương|đơn vị))?"
            r"(?:\s+(?:liên quan|thuộc\s+ubnd\s+tỉnh|thuộc\s+tỉnh|cấp\s+tỉnh|tỉnh)\b)?"
        ),
    ),
    (
        "organization",
        vre(
            r"các\s+(?:tổ chức chính trị\s*-\s*xã hội|đoàn thể chính trị\s*-\s*xã hội"
            r"|tổ chức thành viên|hội\s*,\s*đoàn thể|tổ chức đoàn thể|đoàn thể)"
            r"(?:\s+(?:tỉnh|cấp tỉnh)\b)?"
        ),
    ),
    (
        "addressees",
        vre(
            r"các\s+(?:cơ quan\s*,\s*đơn vị|cơ quan\s+đơn vị|đơn vị)(?:\s*,\s*địa phương)?"
            r"(?:\s+(?:liên quan|được giao|có liên quan)\b)?"
        ),
    ),
    ("commune", vre(r"(?:các\s+cấp\s+chính quyền\s+(?:ở\s+)?cơ sở|chính quyền\s+(?:ở\s+)?cơ sở)")),
)
_ALL_LEVELS = vre(
    r"(?P<head>ban chỉ đạo|bcđ|cấp ủy|ủy ban mttq|ủy ban mặt trận tổ quốc|hội [\w ]{2,25}?)"
    r"\s+các\s+cấp\b"
)
_SEP_RE = vre(_SEP)
_GOVERNING_FOLDED = {fold_aligned(h) for h in _GOVERNING}


@dataclass(frozen=True)
class CollectiveHit:
    """A collective phrase: the level it covers and the head noun written before it."""

    start: int
    end: int
    text: str
    level: str
    head: str
    governing: bool


def find_collectives(text: str) -> list[CollectiveHit]:
    """Return the collective phrases in text, in order and without overlaps."""
    folded = fold_aligned(text)
    hits = [
        CollectiveHit(
            m.start(),
            m.end(),
            text[m.start() : m.end()],
            "all",
            text[m.start() : m.end("head")],
            False,
        )
        for m in _ALL_LEVELS.finditer(folded)
    ]
    for level, pattern in _FIXED:
        hits += [
            CollectiveHit(m.start(), m.end(), text[m.start() : m.end()], level, "", True)
            for m in pattern.finditer(folded)
        ]
    hits += _level_hits(text, folded)
    hits.sort(key=lambda h: (h.start, -h.end))
    out: list[CollectiveHit] = []
    for hit in hits:
        if not out or hit.start >= out[-1].end:
            out.append(hit)
    return out


def _level_hits(text: str, folded: str) -> list[CollectiveHit]:
    hits: list[CollectiveHit] = []
    for m in _LEVEL.finditer(folded):
        listed = m.group("district") or m.group("commune")
        head = m.group("head") or ""
        if not m.group("lead") and not (head and _count_items(listed) > 1):
            continue
        level = "district" if m.group("district") else "commune"
        head_text = text[m.start("head") : m.end("head")] if head else ""
        governing = not head or head in _GOVERNING_FOLDED
        hits.append(
            CollectiveHit(
                m.start(), m.end(), text[m.start() : m.end()], level, head_text, governing
            )
        )
        more = _CONTINUATION.match(folded, m.end())
        if head and more:
            level2 = "district" if more.group("district") else "commune"
            span = more.span("district") if more.group("district") else more.span("commune")
            written = f"{head_text} {text[span[0] : span[1]]}"
            hits.append(CollectiveHit(span[0], span[1], written, level2, head_text, governing))
    return hits


def _count_items(listed: str) -> int:
    return len(_SEP_RE.split(listed))


#: What narrows a collective to some of its members: "(có đất rừng trên địa bàn)",
#: "có thủ tục hành chính". "có trách nhiệm", "có liên quan" are not qualifiers.
_QUALIFIER = vre(
    r"\s*(?:\(\s*(?:có|nơi|thuộc|được|đã|chưa|trong diện|không)\b[^()]{0,80}\)"
    r"|có\s+(?!liên quan\b|trách nhiệm\b|ý kiến\b|văn bản\b|báo cáo\b)(?=\w))"
)
_QUALIFIER_WORDS = 6


def qualifier_end(text: str, pos: int) -> int | None:
    """Where the qualifier written right after a collective ends, or None if there is none."""
    folded = fold_aligned(text)
    match = _QUALIFIER.match(folded, pos)
    if match is None:
        return None
    if match.group().rstrip().endswith(")"):
        return match.end()
    lower = lower_same_length(text)
    end = match.end()
    for count, word in enumerate(WORD_RE.finditer(folded, match.end())):
        if folded[end : word.start()].strip() or count >= _QUALIFIER_WORDS:
            break
        if count and STOP_RE.match(lower, word.start()):
            break
        end = word.end()
    return end if end > match.end() else None
