"""The draft of a notice import: what the reader proposed, as the officer corrects it.

Plain data and the edits the review page offers (merge, split, drop, add); it round-trips
through JSON so it can wait in the database between pages.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from tracker.domain.notices import NoticeReading, ProposedDirective
from tracker.domain.states import AgencyLevel, DocumentKind, Recurrence

_SENTENCE_END = re.compile(r"(?<=[.;!?…])\s+(?=\S)|\n+")


@dataclass
class NewAgencyProposal:
    """An agency the notice names that the registry lacks; created only if accepted."""

    name: str
    role: str  #: "lead" or "support"
    level: str = AgencyLevel.DEPARTMENT.value
    accepted: bool = False
    email: str = ""  #: where its mail goes; without one it cannot be notified
    parent_code: str = ""  #: the registry agency it sits under, if any


@dataclass
class MentionNote:
    """How the notice names an agency, shown to the officer beside the chosen codes."""

    text: str
    role: str
    collective_level: str | None = None
    codes: list[str] = field(default_factory=list)


@dataclass
class DraftDirective:
    text: str = ""
    lead: list[str] = field(default_factory=list)  #: registry codes
    support: list[str] = field(default_factory=list)
    new_agencies: list[NewAgencyProposal] = field(default_factory=list)
    mentions: list[MentionNote] = field(default_factory=list)
    deadline: date | None = None
    deadline_text: str | None = None
    #: where deadline_text sits in text; None when it came from a heading
    deadline_span: tuple[int, int] | None = None
    recurrence: str = Recurrence.NONE.value
    ongoing: bool = False
    #: the officer accepts a deadline earlier than the notice's date
    accept_early: bool = False
    flags: list[str] = field(default_factory=list)  #: the reader's flag codes
    milestones: list[date] = field(default_factory=list)


@dataclass
class DraftHeader:
    issuer: str = ""
    number: str = ""
    issued_on: date | None = None
    year: int | None = None
    title: str = ""
    kind: str = DocumentKind.OTHER.value
    section_heading: str | None = None


@dataclass
class NoticeDraft:
    header: DraftHeader
    directives: list[DraftDirective] = field(default_factory=list)
    full_text: str = ""
    flags: list[str] = field(default_factory=list)  #: the reader's flag codes for the notice
    #: the officer chose to import it although the tracker already has it (notices.duplicates)
    allow_duplicate: bool = False

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data (dates as ISO strings)."""
        return _plain(asdict(self))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NoticeDraft:
        """The draft stored by `to_json`."""
        header = dict(data["header"])
        header["issued_on"] = _day(header.get("issued_on"))
        return cls(
            header=DraftHeader(**header),
            directives=[_directive_from_json(d) for d in data["directives"]],
            full_text=data.get("full_text", ""),
            flags=list(data.get("flags", [])),
            allow_duplicate=bool(data.get("allow_duplicate")),
        )


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _directive_from_json(data: dict[str, Any]) -> DraftDirective:
    data = dict(data)
    data["deadline"] = _day(data.get("deadline"))
    data["milestones"] = [date.fromisoformat(d) for d in data.get("milestones", [])]
    span = data.get("deadline_span")
    data["deadline_span"] = tuple(span) if span else None
    data["new_agencies"] = [NewAgencyProposal(**n) for n in data.get("new_agencies", [])]
    data["mentions"] = [MentionNote(**m) for m in data.get("mentions", [])]
    return DraftDirective(**data)


def draft_from_reading(reading: NoticeReading, text: str) -> NoticeDraft:
    """The reader's proposal as a draft for the review page."""
    header = DraftHeader(
        issuer=reading.issuer or "",
        number=reading.number or "",
        issued_on=reading.issued_on,
        year=reading.year,
        title=reading.title or "",
        kind=reading.kind if reading.kind in set(DocumentKind) else DocumentKind.OTHER.value,
        section_heading=reading.directive_section_heading,
    )
    directives = [_draft_directive(d) for d in reading.directives]
    flags = [f.code for f in reading.flags]
    return NoticeDraft(header=header, directives=directives, full_text=text, flags=flags)


def _draft_directive(proposed: ProposedDirective) -> DraftDirective:
    mentions = [(m, "lead") for m in proposed.lead] + [(m, "support") for m in proposed.support]
    new = {}
    for mention, role in mentions:
        if mention.unmatched and mention.text not in new:
            new[mention.text] = NewAgencyProposal(name=mention.text, role=role)
    return DraftDirective(
        text=proposed.text,
        lead=list(proposed.lead_codes),
        support=list(proposed.support_codes),
        new_agencies=list(new.values()),
        mentions=[
            MentionNote(m.text, role, m.collective_level, list(m.codes)) for m, role in mentions
        ],
        deadline=proposed.deadline,
        deadline_text=proposed.deadline_text,
        deadline_span=proposed.deadline_span,
        recurrence=proposed.recurrence or Recurrence.NONE.value,
        ongoing=proposed.ongoing,
        flags=[f.code for f in proposed.flags],
        milestones=list(proposed.milestones),
    )


def deadline_reference(header: DraftHeader) -> date | None:
    """The date deadlines must not precede: the notice's date, else 1 January of its year."""
    if header.issued_on:
        return header.issued_on
    return date(header.year, 1, 1) if header.year else None


def early_deadlines(draft: NoticeDraft) -> set[int]:
    """Positions of directives whose deadline is earlier than the notice's date."""
    reference = deadline_reference(draft.header)
    if reference is None:
        return set()
    return {
        i
        for i, d in enumerate(draft.directives)
        if d.deadline and not d.ongoing and d.deadline < reference
    }


def deadline_span_in_text(directive: DraftDirective) -> tuple[int, int] | None:
    """Where the deadline's phrase is in the (possibly edited) text, if it still is."""
    phrase, text = directive.deadline_text, directive.text
    if not phrase:
        return None
    span = directive.deadline_span
    if span and 0 <= span[0] < span[1] <= len(text) and text[span[0] : span[1]] == phrase:
        return span
    if span is None:
        return None  # the phrase came from a heading; a look-alike in the text is not it
    start = text.find(phrase)
    return (start, start + len(phrase)) if start >= 0 else None


def sentence_starts(text: str) -> list[int]:
    """Offsets where a sentence (or line) begins after the first: the places to split."""
    return [m.end() for m in _SENTENCE_END.finditer(text) if m.end() < len(text)]


def _union(first: list, second: list) -> list:
    return list(dict.fromkeys([*first, *second]))


def merge_with_next(draft: NoticeDraft, index: int) -> None:
    """Join directive `index` and the one after it into one."""
    if not 0 <= index < len(draft.directives) - 1:
        return
    first, second = draft.directives[index], draft.directives.pop(index + 1)
    offset = len(first.text) + 1
    first.text = f"{first.text}\n{second.text}"
    first.lead = _union(first.lead, second.lead)
    first.support = [c for c in _union(first.support, second.support) if c not in first.lead]
    known = {n.name for n in first.new_agencies}
    first.new_agencies += [n for n in second.new_agencies if n.name not in known]
    first.mentions += second.mentions
    if first.deadline is None and second.deadline is not None:
        first.deadline, first.deadline_text = second.deadline, second.deadline_text
        span = second.deadline_span
        first.deadline_span = (span[0] + offset, span[1] + offset) if span else None
        first.accept_early = second.accept_early
    if first.recurrence == Recurrence.NONE.value:
        first.recurrence = second.recurrence
    first.ongoing = first.ongoing and second.ongoing
    first.flags = _union(first.flags, second.flags)
    first.milestones = sorted(set(first.milestones) | set(second.milestones))


def split_at(draft: NoticeDraft, index: int, offset: int) -> None:
    """Cut directive `index` in two at `offset` in its text; both halves keep its agencies."""
    if not 0 <= index < len(draft.directives):
        return
    whole = draft.directives[index]
    head, tail = whole.text[:offset].rstrip(), whole.text[offset:].lstrip()
    if not head or not tail:
        return
    tail_start = len(whole.text) - len(tail)
    span = deadline_span_in_text(whole)
    second = DraftDirective(**{**asdict_shallow(whole), "text": tail})
    second.lead, second.support = list(whole.lead), list(whole.support)
    second.new_agencies = [NewAgencyProposal(**asdict(n)) for n in whole.new_agencies]
    second.mentions, second.flags = list(whole.mentions), list(whole.flags)
    whole.text = head
    whole.deadline_span = span if span and span[1] <= len(head) else None
    second.deadline_span = (
        (span[0] - tail_start, span[1] - tail_start) if span and span[0] >= tail_start else None
    )
    draft.directives.insert(index + 1, second)


def asdict_shallow(directive: DraftDirective) -> dict[str, Any]:
    """The directive's fields, not copied (the caller replaces the mutable ones)."""
    return {name: getattr(directive, name) for name in directive.__dataclass_fields__}


def drop(draft: NoticeDraft, index: int) -> None:
    """Remove directive `index` (it is not a task)."""
    if 0 <= index < len(draft.directives):
        del draft.directives[index]


def add_after(draft: NoticeDraft, index: int) -> None:
    """Insert an empty directive after `index` (-1: first)."""
    position = max(-1, min(index, len(draft.directives) - 1)) + 1
    draft.directives.insert(position, DraftDirective())
