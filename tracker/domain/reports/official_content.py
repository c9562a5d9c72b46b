"""What an official report says: its rows read in one query, grouped by notice and directive,
the summary by official status, and for a period the table by agency."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from tracker.domain.collation import vietnamese_key
from tracker.domain.reports.figures import Scope, on_time_rate
from tracker.domain.reports.official import (
    STATUS_ORDER,
    AgencyResult,
    Chapter,
    Directive,
    Letterhead,
    Names,
    OfficialReport,
    SummaryRow,
    date_vi,
    percent_vi,
)
from tracker.domain.reports.periods import ReportPeriod
from tracker.domain.states import AssignmentRole, DocumentKind, TimeStatus, WorkState
from tracker.extensions import db
from tracker.models import Agency, Assignment, Document, ProgressUpdate, Task


@dataclass(frozen=True)
class _Row:
    task_id: int
    document_id: int | None
    ordinal: int | None
    text: str
    task_deadline: date | None
    agency: str
    role: AssignmentRole
    state: WorkState
    status: TimeStatus | None
    deadline: date | None
    completed_on: date | None
    progress: int
    note: str | None
    noted_at: datetime | None


def _rows(scope: Scope, *conditions) -> list[_Row]:
    """Every assignment in scope meeting `conditions`, with its directive and latest report,
    in one query, in the order of the notices and their directives."""
    latest = (
        sa.select(sa.func.max(ProgressUpdate.id))
        .where(ProgressUpdate.assignment_id == Assignment.id)
        .correlate(Assignment)
        .scalar_subquery()
    )
    text = sa.case((Task.text != "", Task.text), else_=Task.title)
    stmt = scope.where(
        sa.select(
            Task.id,
            Task.document_id,
            Task.ordinal,
            text,
            Task.deadline,
            Agency.name,
            Assignment.role,
            Assignment.state,
            scope.status_column(),
            Assignment.deadline,
            Assignment.completed_on,
            Assignment.progress,
            ProgressUpdate.note,
            ProgressUpdate.created_at,
        )
        .join(Task, Task.id == Assignment.task_id)
        .join(Agency, Agency.id == Assignment.agency_id)
        .outerjoin(ProgressUpdate, ProgressUpdate.id == latest)
        .where(*conditions)
        .order_by(Task.document_id, Task.ordinal, Task.id, Assignment.role, Assignment.id)
    )
    rows = []
    for row in db.session.execute(stmt):
        values = list(row)
        values[8] = TimeStatus(values[8]) if values[8] else None
        rows.append(_Row(*values))
    # each directive's agencies: the leads first, then in Vietnamese alphabetical order
    return sorted(rows, key=_reading_order)


def _reading_order(row: _Row) -> tuple:
    return (
        row.document_id is None,
        row.document_id or 0,
        row.ordinal is None,
        row.ordinal or 0,
        row.task_id,
        row.role != AssignmentRole.LEAD,
        vietnamese_key(row.agency),
    )


def _result(row: _Row, names: Names, zone) -> AgencyResult:
    status = names.statuses[row.status] if row.status else names.states[row.state]
    return AgencyResult(
        agency=row.agency,
        role=names.roles[row.role],
        deadline=row.deadline,
        status=status,
        progress=row.progress,
        latest_note=(row.note or "").strip(),
        latest_on=row.noted_at.astimezone(zone).date() if row.noted_at else None,
        completed_on=row.completed_on,
    )


def _directives(rows: Iterable[_Row], names: Names, zone, number) -> list[Directive]:
    """Rows grouped by directive, in their order; `number(row, index)` numbers each."""
    directives: list[Directive] = []
    task_id: int | None = None
    for row in rows:
        if row.task_id != task_id:
            task_id = row.task_id
            label = number(row, len(directives) + 1)
            directives.append(Directive(label, row.text.strip(), row.task_deadline, []))
        directives[-1].results.append(_result(row, names, zone))
    return directives


def _summary(rows: list[_Row], names: Names) -> list[SummaryRow]:
    """Assignments per official status and their share; then the total, then the paused and
    cancelled ones, which the classification does not count."""
    counts = Counter(row.status for row in rows)
    classified = sum(counts[s] for s in STATUS_ORDER)

    def share(count: int) -> str:
        return percent_vi(count / classified if classified else None)

    table = [
        SummaryRow(str(i), names.statuses[s], counts[s], share(counts[s]))
        for i, s in enumerate(STATUS_ORDER, start=1)
    ]
    table.append(SummaryRow("", "Tổng số lượt giao được tính", classified, share(classified)))
    outside = Counter(row.state for row in rows if row.status is None)
    for state, count in sorted(outside.items()):
        table.append(SummaryRow("", f"{names.states[state]} (không tính)", count, ""))
    return table


def _summary_intro(rows: list[_Row]) -> str:
    counts = Counter(row.status for row in rows if row.status)
    rate = on_time_rate({s: counts[s] for s in TimeStatus})
    tasks = len({row.task_id for row in rows})
    agencies = len({row.agency for row in rows})
    return (
        f"Tổng số {tasks} nhiệm vụ, giao {len(rows)} lượt cho {agencies} cơ quan, đơn vị. "
        f"Đã hoàn thành {counts[TimeStatus.DONE_ON_TIME] + counts[TimeStatus.DONE_LATE]} lượt "
        f"(đúng hạn {counts[TimeStatus.DONE_ON_TIME]}, quá hạn {counts[TimeStatus.DONE_LATE]}); "
        f"đang thực hiện {counts[TimeStatus.ON_TRACK] + counts[TimeStatus.DUE_SOON]} lượt; "
        f"quá hạn chưa hoàn thành {counts[TimeStatus.OVERDUE]} lượt. "
        f"Tỷ lệ hoàn thành đúng hạn: {percent_vi(rate)}."
    )


#: how a reference names each kind of document ("Thông báo số 75/TB-UBND")
KIND_NAMES = {
    DocumentKind.CONCLUSION_NOTICE: "Thông báo",
    DocumentKind.DIRECTIVE: "Chỉ thị",
    DocumentKind.PLAN: "Kế hoạch",
    DocumentKind.OFFICIAL_LETTER: "Công văn",
    DocumentKind.DECISION: "Quyết định",
    DocumentKind.NOTICE: "Thông báo",
}


def document_reference(document: Document) -> str:
    """The notice as the text refers to it: "Thông báo số 75/TB-UBND ngày 30/03/2026 của …"."""
    kind = KIND_NAMES.get(document.kind, "văn bản")
    issued = f" ngày {date_vi(document.issued_on)}" if document.issued_on else ""
    issuer = f" của {document.issuer}" if document.issuer else ""
    return f"{kind} số {document.number}{issued}{issuer}"


def notice_report(
    scope: Scope, document: Document, letterhead: Letterhead, names: Names, zone
) -> OfficialReport:
    """The báo cáo tình hình thực hiện of one notice, statuses as of the scope's day."""
    rows = _rows(scope, Task.document_id == document.id)
    reference = document_reference(document)
    directives = _directives(rows, names, zone, lambda row, i: str(row.ordinal or i))
    body = letterhead.issuing_body or "cơ quan Thường trực"
    return OfficialReport(
        letterhead=letterhead,
        title="BÁO CÁO",
        subject=f"Tình hình thực hiện {reference} về {document.title}".strip(),
        year=scope.today.year,
        opening=(
            f"Thực hiện {reference} về {document.title}, {body} báo cáo tình hình thực hiện "
            f"(số liệu đến ngày {date_vi(scope.today)}) như sau:"
        ),
        summary_intro=_summary_intro(rows),
        summary=_summary(rows, names),
        chapters=[Chapter("", directives)],
        recipients=_recipients(document.issuer),
    )


def _recipients(issuer: str | None) -> list[str]:
    first = f"{issuer} (để báo cáo);" if issuer else "Lãnh đạo cơ quan (để báo cáo);"
    return [first, "Các cơ quan, đơn vị liên quan;", "Lưu: VT."]


def period_report(
    scope: Scope, period: ReportPeriod, letterhead: Letterhead, names: Names, zone
) -> OfficialReport:
    """The báo cáo sơ kết of a week, month or quarter: every assignment whose deadline falls
    in the period, by notice and directive, then by agency."""
    rows = _rows(scope, Assignment.deadline.between(period.start, period.end))
    documents = _documents({row.document_id for row in rows})
    chapters = []
    for document_id in sorted({row.document_id for row in rows}, key=lambda i: (i is None, i)):
        mine = [row for row in rows if row.document_id == document_id]
        document = documents.get(document_id) if document_id is not None else None
        heading = (
            f"Thực hiện {document_reference(document)} về {document.title}"
            if document
            else "Nhiệm vụ giao ngoài văn bản"
        )
        directives = _directives(mine, names, zone, lambda row, i: str(row.ordinal or i))
        chapters.append(Chapter(heading, directives))
    body = letterhead.issuing_body or "cơ quan Thường trực"
    return OfficialReport(
        letterhead=letterhead,
        title="BÁO CÁO",
        subject=f"Sơ kết tình hình thực hiện nhiệm vụ {period.label}",
        year=scope.today.year,
        opening=(
            f"{body[:1].upper()}{body[1:]} báo cáo sơ kết tình hình thực hiện các nhiệm vụ có "
            f"thời hạn trong {period.label} (từ ngày {date_vi(period.start)} đến ngày "
            f"{date_vi(period.end)}; số liệu đến ngày {date_vi(scope.today)}) như sau:"
        ),
        summary_intro=_summary_intro(rows),
        summary=_summary(rows, names),
        chapters=chapters,
        recipients=_recipients(None),
        agency_table=_agency_table(rows),
    )


def _documents(ids: set[int | None]) -> dict[int, Document]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    found = db.session.scalars(sa.select(Document).where(Document.id.in_(wanted)))
    return {document.id: document for document in found}


def _agency_table(rows: list[_Row]) -> list[list[str]]:
    """Per agency: assigned, done on time, done late, open, overdue, on-time rate."""
    per_agency: dict[str, Counter] = {}
    for row in rows:
        if row.status:
            per_agency.setdefault(row.agency, Counter())[row.status] += 1
    table = []
    for name, c in per_agency.items():
        counts = {s: c[s] for s in TimeStatus}
        open_ = c[TimeStatus.ON_TRACK] + c[TimeStatus.DUE_SOON] + c[TimeStatus.NO_DEADLINE]
        cells = [name, sum(c.values()), c[TimeStatus.DONE_ON_TIME], c[TimeStatus.DONE_LATE]]
        cells += [open_, c[TimeStatus.OVERDUE]]
        table.append(
            ([str(v) for v in cells] + [percent_vi(on_time_rate(counts))], on_time_rate(counts))
        )
    table.sort(key=lambda item: (item[1] is None, -(item[1] or 0), vietnamese_key(item[0][0])))
    return [[str(rank), *cells] for rank, (cells, _rate) in enumerate(table, start=1)]
