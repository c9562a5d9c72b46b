"""The official progress reports (báo cáo tình hình thực hiện, báo cáo sơ kết) as data.

One `OfficialReport` describes everything a report says; `official_docx` and `official_pdf`
lay the same report out as Nghị định 30/2020/NĐ-CP asks. The fixed wording of the document is
Vietnamese whatever the interface language: an administrative document of a Vietnamese office
is written in Vietnamese (NĐ 30/2020, Điều 8), so it is kept here, not in the translations.
The names of statuses and roles come in as `Names`, resolved by the caller from the labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from babel.numbers import format_decimal

from tracker.domain.states import AssignmentRole, TimeStatus, WorkState

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
#: the official statuses in the order the summary lists them
STATUS_ORDER = (
    TimeStatus.DONE_ON_TIME,
    TimeStatus.DONE_LATE,
    TimeStatus.ON_TRACK,
    TimeStatus.DUE_SOON,
    TimeStatus.OVERDUE,
    TimeStatus.NO_DEADLINE,
)


@dataclass(frozen=True)
class Letterhead:
    """Who issues the report and who signs it (from the settings; blanks are lines to fill)."""

    parent_body: str = ""  #: cơ quan chủ quản, e.g. "UBND TỈNH LẠNG SƠN"
    issuing_body: str = ""  #: e.g. "VĂN PHÒNG UBND TỈNH"
    symbol: str = "BC"  #: ký hiệu after the number: "Số: …/BC-VP"
    place: str = ""  #: địa danh, e.g. "Lạng Sơn"
    signer_title: str = ""  #: e.g. "CHÁNH VĂN PHÒNG"
    signer_name: str = ""


@dataclass(frozen=True)
class Names:
    """What the statuses, roles and states are called in the document (in Vietnamese)."""

    statuses: dict[TimeStatus, str]
    roles: dict[AssignmentRole, str]
    states: dict[WorkState, str]


@dataclass(frozen=True)
class AgencyResult:
    """One agency's part in a directive, with what it last reported."""

    agency: str
    role: str
    deadline: date | None
    status: str  #: the official status, or the work state when outside the classification
    progress: int
    latest_note: str
    latest_on: date | None
    completed_on: date | None


@dataclass(frozen=True)
class Directive:
    number: str  #: "1", or "75/TB-UBND, mục 3" in a report across notices
    text: str  #: the full text of the directive
    deadline: date | None
    results: list[AgencyResult]


@dataclass(frozen=True)
class Chapter:
    """A group of directives under a heading (one notice, in a report across notices)."""

    heading: str
    directives: list[Directive]


@dataclass(frozen=True)
class SummaryRow:
    number: str  #: "1"…, or "" for the total and the rows outside the classification
    label: str
    count: int
    share: str  #: "45,5%", or "" for rows outside the classification


@dataclass
class OfficialReport:
    letterhead: Letterhead
    title: str  #: the kind of document: "BÁO CÁO"
    subject: str  #: trích yếu
    year: int  #: for the place-date line
    opening: str
    summary_intro: str
    summary: list[SummaryRow]
    chapters: list[Chapter]
    recipients: list[str]
    agency_table: list[list[str]] = field(default_factory=list)  #: rows for a period report
    closing: str = "Trên đây là báo cáo tình hình thực hiện; kính báo cáo./."


def percent_vi(share: float | None) -> str:
    """A share as Vietnamese writes it: 1.0 → "100,0%"; None → "–"."""
    if share is None:
        return "–"
    return format_decimal(share * 100, format="#,##0.0", locale="vi") + "%"


def date_vi(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""
