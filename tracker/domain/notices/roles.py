"""Who leads a directive, who supports it, and who only receives its report."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .agencies import Mention
from .names import unmatched_at
from .patterns import NOT_ASSIGNING, lower_same_length, vre
from .text import WORD_RE, fold_aligned

_ASSIGN_ANYWHERE = vre(
    r"\b(?:giao(?:\s+(?:cho|trách nhiệm(?:\s+cho)?|nhiệm vụ(?:\s+cho)?))?|ủy quyền cho"
    r"|phân công(?:\s+cho)?)\s+"
)
#: "trong thời gian tới," between the verb and the agencies it speaks to.
_WHEN = r"(?:(?:trong\s+)?thời gian tới|từ nay đến [^,;.:]{1,20}|trước mắt)\s*,?\s+"
_ASSIGN_AT_START = vre(r"(?:đề nghị|yêu cầu)\s+(?:cho\s+)?(?:" + _WHEN + r")?")
#: After a speaker ("Bộ trưởng ... chỉ đạo X ..."), "chỉ đạo" assigns too.
_SPEAKER_VERB = vre(r"(?:giao|đề nghị|yêu cầu|chỉ đạo)\s+(?:cho\s+)?(?:" + _WHEN + r")?")
#: "[Đối với ..., ]Chủ tịch UBND tỉnh giao/yêu cầu/đề nghị X": the speaker assigns to X.
_SPEAKER = vre(
    r"(?:[^;.:]{0,300}?,\s*)?(?:đồng chí\s+)?(?:phó\s+)?(?:chủ tịch|thường trực|ban thường vụ"
    r"|ubnd|ủy ban nhân dân|lãnh đạo|chính phủ|thủ tướng|bộ trưởng|ban chỉ đạo|tỉnh ủy|thành ủy"
    r"|giám đốc|bộ\s+\w+(?:\s+\w+)?)"
    r"\b[^,;.:]{0,60}?\s(?=(?:giao|yêu cầu|đề nghị|chỉ đạo)\b)"
)
#: "phối hợp với X", and "phối hợp X" without "với" (a list of agencies must follow).
#: "Căn cứ ..., yêu cầu X ...": the verb after the sentence's opening phrase.
_ASSIGN_AFTER_COMMA = vre(r",\s+(?:đồng thời\s+)?(?:yêu cầu|đề nghị)\s+(?:cho\s+)?")
_SUPPORT = vre(r"\bphối hợp(?:\s+chặt chẽ)?\s+(?:(?:với|cùng)\s+)?")
_BETWEEN = vre(r"\bgiữa\s+")
_WITH = vre(r"\s*(?:với|và)\s+")
_BARE_COOP = vre(r"\s*(?:cùng\s+)?phối hợp\b(?!\s+(?:chặt chẽ\s+)?(?:với|cùng)\b)")
_LEADS_AFTER = vre(r"\s*(?:,\s*)?(?:chủ trì|chịu trách nhiệm|có trách nhiệm)\b")
#: Titles written before an agency ("Giám đốc Sở Y tế"): the agency is what is assigned.
_TITLE = vre(
    r"(?:đồng chí\s+)?(?:phó\s+)?(?:giám đốc|chủ tịch|thủ trưởng|trưởng ban|chánh văn phòng"
    r"|chỉ huy trưởng|bí thư|cục trưởng|chi cục trưởng|trưởng phòng|tổng giám đốc)\s+"
)
#: A subject followed by one of these assigns to someone else ("UBND tỉnh giao Sở X ...").
_DELEGATES = vre(r"\s*(?:giao|đề nghị|yêu cầu)\b")
_POSSESSIVE = vre(
    r"\b(?:điều hành|hoạt động|vai trò|trách nhiệm|chức năng|nhiệm vụ)(?:\s+[^\s,;.]+){0,3}"
    r"\s+của\s+"
)
_LIST_SEP = vre(r"\s*(?:,\s*(?:và\s+)?|và\s+|cùng\s+)")
#: Supports may be separated by ";": "phối hợp Sở A; Viễn thông B; UBND cấp xã ...".
_SUPPORT_SEP = vre(r"\s*(?:[,;]\s*(?:và\s+)?|và\s+|cùng\s+)")
#: A news agency's tag before the text: "(Chinhphu.vn) - ".
_SOURCE_TAG = vre(r"\([\w.]{2,30}\)\s*[-–—]?\s*")
#: "Đồng chí Nguyễn Văn A, Giám đốc Sở X báo cáo ...": a person at a meeting, not a task.
_PERSON = vre(r"(?:đồng chí|ông|bà)\s+[A-ZĐÀ-Ỹ][^,;.:]{1,40},\s*")
#: A subject that proposes ("Sở X đề xuất UBND tỉnh giao ...") assigns nothing yet.
_PROPOSES = vre(r"\s*(?:đề xuất|kiến nghị|xin)\b")
_CLAUSE_END = re.compile(r"[.;:!?\n]")
_INTRO = vre(r"(?:riêng\s+|đồng thời\s+|[^,;.:()]{1,30},\s*)")
#: An opening phrase of two short clauses: "Theo phân cấp, ủy quyền, Sở X chủ trì ...".
_LONG_INTRO = vre(
    r"(?:theo|căn cứ|trên cơ sở|để|sau khi|đối với|về)\s[^,;.:()]{1,30},\s*[^,;.:()]{1,30},\s*"
)


@dataclass(frozen=True)
class Roles:
    """The lead and support mentions of one directive."""

    lead: tuple[Mention, ...]
    support: tuple[Mention, ...]


def assign_roles(text: str, mentions: list[Mention]) -> Roles:
    """Tell lead agencies from supporting ones; recipients and objects get no role."""
    finder = _ListFinder(text, mentions)
    folded = fold_aligned(text)
    lead: list[Mention] = []
    support: list[Mention] = []
    cooperating: list[Mention] = []
    supports = {
        m.span
        for match in _SUPPORT.finditer(folded)
        for m in finder.list_at(match.end(), unmatched=True, separator=_SUPPORT_SEP)
    }
    for start in _clause_starts(text):
        if not any(m.bounds[0] < start < m.bounds[1] for m in mentions):  # "các sở: A, B"
            # A clause that only continues a support list ("phối hợp A; B; C thực hiện")
            # does not make its first item a lead.
            lead += [m for m in finder.subject_at(start) if m.span not in supports]
            cooperating += finder.cooperating_at(start)
    for match in _ASSIGN_ANYWHERE.finditer(folded):
        if _is_verb_giao(text, match.start()):
            lead += finder.list_at(match.end(), unmatched=True)
    for match in _ASSIGN_AFTER_COMMA.finditer(folded):
        lead += finder.list_at(match.end(), unmatched=True)
    for match in _SUPPORT.finditer(folded):
        support += finder.list_at(match.end(), unmatched=True, separator=_SUPPORT_SEP)
    for match in _BETWEEN.finditer(folded):
        if "phôi hơp" in folded[_clause_start(folded, match.start()) : match.start()]:
            first = finder.list_at(match.end(), unmatched=False)
            lead += first
            with_match = _WITH.match(folded, first[-1].bounds[1]) if first else None
            if with_match:
                support += finder.list_at(with_match.end(), unmatched=True)
    for mention in mentions:
        if _LEADS_AFTER.match(folded, mention.bounds[1]):
            lead.append(mention)
    # "Sở A chủ trì; Sở B, Sở C phối hợp": B and C support, unless no one else leads.
    others = [m for m in lead if m not in cooperating]
    if others and cooperating:
        lead, support = others, support + cooperating
    if not lead:
        first_clause = _CLAUSE_END.split(folded, maxsplit=1)[0]
        possessive = _POSSESSIVE.search(first_clause)
        if possessive:
            lead += finder.list_at(possessive.end(), unmatched=False)
    return _dedupe(lead, support)


def _is_verb_giao(text: str, pos: int) -> bool:
    """Tell "giao" (to assign) from "giáo" in "Tuyên giáo", "Giáo dục" (folding drops tones)."""
    word = text[pos : pos + 4].lower()
    return not word.startswith("gi") or word == "giao"


def _dedupe(lead: list[Mention], support: list[Mention]) -> Roles:
    lead_out: dict[tuple[int, int] | None, Mention] = {}
    for mention in sorted(lead, key=lambda m: m.span or (0, 0)):
        lead_out.setdefault(mention.span, mention)
    taken = set(lead_out)
    support_out: dict[tuple[int, int] | None, Mention] = {}
    for mention in sorted(support, key=lambda m: m.span or (0, 0)):
        if mention.span not in taken:
            support_out.setdefault(mention.span, mention)
    return Roles(tuple(lead_out.values()), tuple(support_out.values()))


def _clause_start(folded: str, pos: int) -> int:
    ends = [m.end() for m in _CLAUSE_END.finditer(folded, 0, pos)]
    return ends[-1] if ends else 0


def _clause_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _CLAUSE_END.finditer(text)]


class _ListFinder:
    """Reads lists of agency names ("Sở A, Sở B và UBND các huyện") from a position."""

    def __init__(self, text: str, mentions: list[Mention]) -> None:
        self.text = text
        self.folded = fold_aligned(text)
        self.lower = lower_same_length(text)
        self.by_start = {m.bounds[0]: m for m in mentions}

    def list_at(
        self, pos: int, unmatched: bool, chair: bool = True, separator: re.Pattern[str] = _LIST_SEP
    ) -> list[Mention]:
        """Return the agencies listed from pos on; titles before them are skipped.

        With chair=False, "Chủ tịch UBND tỉnh ..." is not read as the agency: at the start of a
        sentence the chair is usually the one who speaks, not the one assigned.
        """
        items: list[Mention] = []
        while True:
            pos = _skip_spaces(self.folded, pos)
            title = _TITLE.match(self.folded, pos)
            if title and "chu tich" in title.group() and not chair:
                title = None
            if title and title.end() in self.by_start:
                pos = title.end()
            item = self.by_start.get(pos) or (
                unmatched_at(self.text, self.folded, self.lower, pos) if unmatched else None
            )
            if item is None:
                break
            items.append(item)
            sep = separator.match(self.folded, item.bounds[1])
            if not sep:
                break
            pos = sep.end()
        return items

    def subject_at(self, pos: int) -> list[Mention]:
        """Return the agencies a clause assigns to: "Đề nghị X ...", or "X <verb> ..."."""
        pos = _skip_spaces(self.folded, pos)
        tag = _SOURCE_TAG.match(self.folded, pos)
        pos = tag.end() if tag else pos
        if _PERSON.match(self.folded, pos):
            return []
        intro = _INTRO.match(self.folded, pos)
        speaker = _SPEAKER.match(self.folded, pos)
        longer = _LONG_INTRO.match(self.folded, pos)
        starts = [pos, *(m.end() for m in (intro, longer, speaker) if m)]
        for start in starts:
            verb = _SPEAKER_VERB if speaker and start == speaker.end() else _ASSIGN_AT_START
            assign = verb.match(self.folded, start) or self._giao_at(start)
            if assign:
                items = self.list_at(assign.end(), unmatched=True)
                if items:
                    return items
            items = self.list_at(start, unmatched=pos == 0 or start > pos, chair=False)
            if items and _PROPOSES.match(self.folded, items[-1].bounds[1]):
                return []
            delegated = _DELEGATES.match(self.folded, items[-1].bounds[1]) if items else None
            if delegated and _is_verb_giao(
                self.text, _skip_spaces(self.folded, items[-1].bounds[1])
            ):
                listed = self.list_at(_skip_spaces(self.folded, delegated.end()), unmatched=True)
                if listed:  # "Bộ Xây dựng đề nghị UBND các tỉnh ...": they are the leads
                    return listed
            if items and self._verb_follows(items[-1].bounds[1]):
                return items
        return []

    def speaks(self, pos: int) -> bool:
        """Whether a clause opens with a speaker who assigns ("Chủ tịch UBND tỉnh yêu cầu")."""
        pos = _skip_spaces(self.folded, pos)
        speaker = _SPEAKER.match(self.folded, pos)
        return speaker is not None and bool(_SPEAKER_VERB.match(self.folded, speaker.end()))

    def cooperating_at(self, pos: int) -> list[Mention]:
        """Return "Sở B, Sở C" in "Sở B, Sở C phối hợp ..." (no "với": they support)."""
        items = self.list_at(_skip_spaces(self.folded, pos), unmatched=True, chair=False)
        return items if items and _BARE_COOP.match(self.folded, items[-1].bounds[1]) else []

    def _giao_at(self, pos: int) -> re.Match[str] | None:
        match = _ASSIGN_ANYWHERE.match(self.folded, pos)
        return match if match and _is_verb_giao(self.text, pos) else None

    def _verb_follows(self, pos: int) -> bool:
        delegates = _DELEGATES.match(self.folded, pos)
        if delegates and _is_verb_giao(self.text, _skip_spaces(self.folded, pos)):
            return False
        rest = self.folded[pos : pos + 200]
        if rest.lstrip().startswith("(") and ")" in rest:
            rest = rest[rest.index(")") + 1 :]
        rest = rest[:40]
        if rest.lstrip().startswith(("- ", "– ")):  # "Sở X - cơ quan thường trực ..., giúp ..."
            return True
        if rest.lstrip().startswith(("(", ":")) or not rest.strip():
            return False
        word = WORD_RE.search(rest)
        return (
            word is not None and word.group() not in NOT_ASSIGNING and rest.lstrip()[:1].isalpha()
        )


def _skip_spaces(folded: str, pos: int) -> int:
    while pos < len(folded) and folded[pos] in " \t":
        pos += 1
    return pos


def opens_assignment(clause: str, mentions: list[Mention]) -> bool:
    """Tell whether a clause starts a new assignment ("giao Sở X ...", "Sở X chủ trì ...")."""
    finder = _ListFinder(clause, mentions)
    if finder.subject_at(0) or finder.speaks(0):
        return True
    offset = len(clause) - len(clause.lstrip())
    match = _ASSIGN_ANYWHERE.match(fold_aligned(clause), offset)
    if not match or not _is_verb_giao(clause, match.start()):
        return False
    return bool(finder.list_at(match.end(), unmatched=True))


def unmatched_names(phrase: str) -> list[Mention]:
    """Read a phrase that is a list of agency names the registry does not know."""
    return _ListFinder(phrase, []).list_at(0, unmatched=True)


_ADDRESSING = vre(r"\b(?:đề nghị|yêu cầu|giao)\s+(?:cho\s+)?")


def addressed(text: str, mentions: list[Mention]) -> list[Mention]:
    """The agencies a lead-in speaks to ("..., Sở Tư pháp đề nghị các cơ quan, đơn vị ...")."""
    finder = _ListFinder(text, mentions)
    folded = fold_aligned(text)
    for match in reversed(list(_ADDRESSING.finditer(folded))):
        if _is_verb_giao(text, match.start()):
            items = finder.list_at(match.end(), unmatched=False)
            if items:
                return items
    return []
