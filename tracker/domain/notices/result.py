"""What the reader returns: the proposed directives, their flags, the notice's header."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .agencies import Mention

KINDS = (
    "thong_bao_ket_luan",
    "chi_thi",
    "ke_hoach",
    "cong_van",
    "quyet_dinh",
    "thong_bao",
    "other",
)


@dataclass(frozen=True)
class Flag:
    """Something the officer should check; the UI translates it by its code."""

    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Return the flag as plain data."""
        return {"code": self.code, "message": self.message, "params": dict(self.params)}


@dataclass
class ProposedDirective:
    """One directive as the reader proposes it, for the officer to confirm or correct."""

    ordinal: int
    text: str
    lead: list[Mention] = field(default_factory=list)
    support: list[Mention] = field(default_factory=list)
    deadline: date | None = None
    deadline_text: str | None = None
    deadline_span: tuple[int, int] | None = None
    recurrence: str | None = None
    milestones: list[date] = field(default_factory=list)
    ongoing: bool = False
    flags: list[Flag] = field(default_factory=list)

    @property
    def lead_codes(self) -> list[str]:
        """The registry codes of the lead agencies, each once."""
        return list(dict.fromkeys(c for m in self.lead for c in m.codes))

    @property
    def support_codes(self) -> list[str]:
        """The registry codes of the supporting agencies that do not also lead."""
        lead = set(self.lead_codes)
        return [c for c in dict.fromkeys(c for m in self.support for c in m.codes) if c not in lead]

    def to_json(self) -> dict[str, Any]:
        """Return the directive in the format of the corpus' expected files."""
        out: dict[str, Any] = {
            "ordinal": self.ordinal,
            "text": self.text,
            "text_start": " ".join(self.text.split()[:8]),
            "lead": [m.text for m in self.lead],
            "support": [m.text for m in self.support],
            "lead_agencies": sorted(self.lead_codes),
            "support_agencies": sorted(self.support_codes),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_text": self.deadline_text,
            "deadline_span": list(self.deadline_span) if self.deadline_span else None,
            "recurrence": self.recurrence,
            "ongoing": self.ongoing,
            "flags": [f.to_json() for f in self.flags],
        }
        if len(self.milestones) > 1:
            out["milestones"] = [d.isoformat() for d in self.milestones]
        return out


@dataclass
class NoticeReading:
    """What the reader found in a notice."""

    issuer: str | None
    number: str | None
    issued_on: date | None
    year: int | None
    title: str | None
    kind: str
    directive_section_heading: str | None
    section_deadline: date | None
    directives: list[ProposedDirective] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Return the reading in the format of the corpus' expected files."""
        return {
            "issuer": self.issuer,
            "number": self.number,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "year": self.year,
            "title": self.title,
            "kind": self.kind,
            "directive_section_heading": self.directive_section_heading,
            "section_deadline": self.section_deadline.isoformat()
            if self.section_deadline
            else None,
            "flags": [f.to_json() for f in self.flags],
            "directives": [d.to_json() for d in self.directives],
        }
