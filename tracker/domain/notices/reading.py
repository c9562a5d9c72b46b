"""Reading a notice: `read_notice` puts header, layout, agencies and dates together."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from .agencies import AgencyIndex, AgencyRef, Mention
from .deadlines import AddWorkingDays, choose_deadline, find_dates, labelled_year
from .header import parse_header
from .layout import Paragraph, Unit
from .recurrence import find_recurrence, is_ongoing
from .result import KINDS, Flag, NoticeReading, ProposedDirective
from .roles import addressed, assign_roles, opens_assignment, unmatched_names
from .sections import Section, body_paragraphs, find_section
from .standard import standard_agency
from .text import normalize_text, words
from .units import assignment_units, section_units

_BARE_DATE = re.compile(
    r"(?i)(?:ngày\s+\d{1,2}\s+tháng|(?:ngày\s*)?\d{1,2}\s*[/.-]\s*\d{1,2}"
    r"|tháng\s+\d{1,2}\s*(?:/|năm))"
)


@dataclass(frozen=True)
class _Context:
    index: AgencyIndex
    year: int | None
    reference: date | None
    issued_on: date | None
    section_deadline: tuple[date, str] | None
    #: Who the directive heading speaks to ("Sở Tư pháp đề nghị các cơ quan, đơn vị ...").
    heading_lead: tuple[Mention, ...] = ()
    add_working_days: AddWorkingDays | None = None


def read_notice(
    text: str,
    agencies: Sequence[AgencyRef],
    issued_on: date | None = None,
    add_working_days: AddWorkingDays | None = None,
) -> NoticeReading:
    """Read a notice's text and propose its directives.

    add_working_days counts "trong N ngày làm việc" (the office's calendar; by default Monday
    to Friday less public holidays).
    """
    lines = normalize_text(text if isinstance(text, str) else "").split("\n")
    index = AgencyIndex(agencies)
    header = parse_header(lines, tuple(n for a in agencies for n in (a.name, *a.aliases)))
    index.set_issuer(header.issuer)
    index.set_addressees(header.addressees)
    issued = issued_on or header.issued_on
    year = issued.year if issued else header.year
    paragraphs = body_paragraphs(lines[header.body_start :])
    section = find_section(paragraphs)
    units, flags = _units(paragraphs, section, index)
    section_deadline = _section_deadline(section, year)
    reference = issued or (date(year, 1, 1) if year else None)
    heading_lead = addressed(section.heading, index.find(section.heading)) if section else []
    ctx = _Context(
        index, year, reference, issued, section_deadline, tuple(heading_lead), add_working_days
    )
    directives = [_directive(i + 1, unit, ctx) for i, unit in enumerate(units)]
    if not directives:
        flags.append(Flag("no_directives", "No directive was found in the notice."))
    return NoticeReading(
        issuer=header.issuer,
        number=header.number,
        issued_on=issued,
        year=year,
        title=header.title,
        kind=header.kind if header.kind in KINDS else "other",
        directive_section_heading=section.heading if section else None,
        section_deadline=section_deadline[0] if section_deadline else None,
        directives=directives,
        flags=flags,
    )


def _units(
    paragraphs: list[Paragraph],
    section: Section | None,
    index: AgencyIndex,
) -> tuple[list[Unit], list[Flag]]:
    def opens(clause: str) -> bool:
        """Whether a clause starts a new assignment."""
        return opens_assignment(clause, index.find(clause))

    def names_only(phrase: str) -> bool:
        """Whether a phrase is only agency names."""
        return bool(_names_only(phrase, index))

    if section is not None:
        return section_units(paragraphs, section.index, opens, names_only), []
    flag = Flag(
        "no_directive_section",
        "No heading introduces the directives; they were taken from sentences that assign tasks.",
    )
    return assignment_units(paragraphs, opens, names_only), [flag]


def _section_deadline(section: Section | None, year: int | None) -> tuple[date, str] | None:
    if section is None:
        return None
    # Only periods ("6 tháng cuối năm 2010") and bounded dates ("trước ngày ...") apply to the
    # section: a bare date in a lead-in sentence is the meeting's.
    hits = [h for h in find_dates(section.heading, year) if not _BARE_DATE.match(h.text)]
    return (max(h.value for h in hits), hits[-1].text) if hits else None


def _directive(ordinal: int, unit: Unit, ctx: _Context) -> ProposedDirective:
    text = unit.text
    lead, support = _roles(unit, ctx.index)
    if not lead and not unit.columns:
        lead = list(ctx.heading_lead)
    directive = ProposedDirective(ordinal, text, lead, support)
    directive.recurrence, _ = find_recurrence(text)
    directive.ongoing = is_ongoing(text)
    _set_deadline(directive, unit, ctx)
    directive.flags += _mention_flags(lead, support)
    if not lead:
        directive.flags.append(Flag("no_lead_agency", "No lead agency was recognised."))
    return directive


def _roles(unit: Unit, index: AgencyIndex) -> tuple[list[Mention], list[Mention]]:
    if any(role in ("lead", "support") for role, _, _ in unit.columns):
        return _table_roles(unit, index)
    roles = assign_roles(unit.text, index.find(unit.text))
    lead = list(roles.lead)
    if not lead and unit.context:
        lead = _context_lead(unit.context, index)
    return _standardised(lead, index), _standardised(list(roles.support), index)


def _standardised(mentions: list[Mention], index: AgencyIndex) -> list[Mention]:
    """Names the registry does not know, matched through the national list of standard names
    ("Sở NN&PTNT"), or to the body that took them over in 2025 ("Sở Kế hoạch và Đầu tư")."""
    out = []
    for mention in mentions:
        standard = standard_agency(mention.text) if mention.unmatched else None
        codes = index.codes_named(standard.name) if standard else ()
        successor = standard.successor if standard is not None and not codes else None
        if successor is not None:
            codes = index.codes_named(successor)
        if codes:
            mention = replace(
                mention,
                codes=codes,
                unmatched=False,
                merged_into=successor,
            )
        out.append(mention)
    return out


def _context_lead(context: str, index: AgencyIndex) -> list[Mention]:
    roles = assign_roles(context, index.find(context))
    if roles.lead:
        return list(roles.lead)
    return _names_only(context, index)


def _names_only(phrase: str, index: AgencyIndex) -> list[Mention]:
    """The agencies a phrase consists of ("Sở Y tế", "Phòng Kinh tế và UBND các xã"), or []."""
    mentions = index.find(phrase)
    if not mentions:
        mentions = unmatched_names(phrase)
    rest = phrase
    for mention in reversed(mentions):
        rest = rest[: mention.bounds[0]] + rest[mention.bounds[1] :]
    return mentions if mentions and len(words(rest)) <= 2 else []


def _table_roles(unit: Unit, index: AgencyIndex) -> tuple[list[Mention], list[Mention]]:
    found: dict[str, list[Mention]] = {"lead": [], "support": []}
    for role, start, end in unit.columns:
        if role not in found:
            continue
        cell = unit.text[start:end]
        mentions = index.find(cell)
        if not mentions:
            mentions = [
                Mention(part.strip(), (), None, True)
                for part in cell.split(",")
                if len(part.split()) >= 2
            ]
        found[role] = mentions
    return found["lead"], found["support"]


def _time_text(unit: Unit) -> str:
    for role, start, end in unit.columns:
        if role == "time":
            return unit.text[start:end]
    return unit.text


def _time_offset(unit: Unit) -> int:
    return next((start for role, start, _ in unit.columns if role == "time"), 0)


def _set_deadline(directive: ProposedDirective, unit: Unit, ctx: _Context) -> None:
    text, offset = _time_text(unit), _time_offset(unit)
    hits = find_dates(text, ctx.year, ctx.issued_on, ctx.add_working_days)
    if not hits and text is not unit.text:
        hits = labelled_year(text)
    choice = choose_deadline(hits, ctx.reference)
    if choice.hit is None and unit.fallback_time:
        fallback = choose_deadline(
            find_dates(unit.fallback_time, ctx.year, ctx.issued_on, ctx.add_working_days), None
        )
        if fallback.hit is not None:
            directive.deadline, directive.deadline_text = fallback.hit.value, fallback.hit.text
    elif choice.hit is not None:
        directive.deadline = choice.hit.value
        directive.deadline_text = choice.hit.text
        start = choice.hit.start + offset + (len(choice.hit.text) - len(choice.hit.text.lstrip()))
        directive.deadline_span = (start, start + len(choice.hit.text))
        directive.milestones = list(choice.milestones)
    if directive.deadline is None and ctx.section_deadline and not directive.ongoing:
        directive.deadline, directive.deadline_text = ctx.section_deadline
    if directive.deadline and ctx.reference and directive.deadline < ctx.reference:
        directive.flags.append(
            Flag(
                "deadline_before_issue",
                "The deadline is earlier than the notice's date.",
                {
                    "deadline": directive.deadline.isoformat(),
                    "issued_on": ctx.issued_on.isoformat() if ctx.issued_on else None,
                },
            )
        )


def _mention_flags(lead: list[Mention], support: list[Mention]) -> list[Flag]:
    flags = []
    for mention in lead + support:
        if mention.merged_into:
            flags.append(
                Flag(
                    "merged_agency",
                    f"'{mention.text}' was merged into '{mention.merged_into}' in 2025.",
                    {"mention": mention.text, "successor": mention.merged_into},
                )
            )
        if mention.candidates:
            flags.append(
                Flag(
                    "qualified_collective",
                    f"'{mention.text}' names only some of its level's agencies: choose them.",
                    {"mention": mention.text, "codes": list(mention.candidates)},
                )
            )
        elif mention.unmatched:
            flags.append(
                Flag(
                    "unknown_agency",
                    f"'{mention.text}' is not in the registry.",
                    {"mention": mention.text},
                )
            )
        elif len(mention.codes) > 1 and mention.collective_level is None:
            flags.append(
                Flag(
                    "ambiguous_agency",
                    f"'{mention.text}' matches several agencies.",
                    {"mention": mention.text, "codes": list(mention.codes)},
                )
            )
    return flags
