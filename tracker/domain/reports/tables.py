"""The report tables: one notice's results, directive by agency, and the agency scoreboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from tracker.domain.collation import vietnamese_key
from tracker.domain.errors import InvalidInput
from tracker.domain.permissions import reach_clause
from tracker.domain.reports.figures import Scope, grouped_counts, on_time_rate
from tracker.domain.states import AssignmentRole, TimeStatus, WorkState
from tracker.extensions import db
from tracker.models import Agency, Assignment, ProgressUpdate, Task

T = TimeStatus


@dataclass(frozen=True)
class NoticeRow:
    """One directive × assigned agency of a notice report."""

    assignment_id: int
    task_id: int
    ordinal: int | None
    task_title: str
    agency_id: int
    agency_name: str
    role: AssignmentRole
    state: WorkState
    status: TimeStatus | None
    deadline: date | None
    completed_on: date | None
    progress: int
    latest_note: str | None
    latest_at: datetime | None


def notice_rows(scope: Scope) -> list[NoticeRow]:
    """Every directive × agency of the scope's notice, in the notice's order, in one query."""
    if scope.document_id is None:
        raise ValueError("a notice report needs a document")
    latest = (
        sa.select(sa.func.max(ProgressUpdate.id))
        .where(ProgressUpdate.assignment_id == Assignment.id)
        .correlate(Assignment)
        .scalar_subquery()
    )
    stmt = scope.where(
        sa.select(
            Assignment.id,
            Task.id,
            Task.ordinal,
            Task.title,
            Agency.id,
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
        .order_by(Task.ordinal, Task.id, Assignment.role, Agency.name, Assignment.id)
    )
    rows = [
        NoticeRow(*(*row[:8], TimeStatus(row[8]) if row[8] else None, *row[9:]))
        for row in db.session.execute(stmt)
    ]
    # the agencies of a directive in Vietnamese alphabetical order, which SQL cannot give
    return sorted(
        rows,
        key=lambda r: (
            r.ordinal is None,
            r.ordinal or 0,
            r.task_id,
            r.role != AssignmentRole.LEAD,
            vietnamese_key(r.agency_name),
            r.assignment_id,
        ),
    )


def period_bounds(kind: str, year: int, number: int = 1) -> tuple[date, date]:
    """First and last day of a quarter (1–4), half-year (1–2) or year."""
    months = {"quarter": 3, "half": 6, "year": 12}.get(kind)
    if months is None or not 1 <= number <= 12 // months or not 1900 < year < 3000:
        raise InvalidInput(_l("Choose a valid period."), field="period")
    start = date(year, (number - 1) * months + 1, 1)
    end_month = start.month + months
    end = date(year + (end_month > 12), (end_month - 1) % 12 + 1, 1) - timedelta(days=1)
    return start, end


@dataclass(frozen=True)
class ScoreRow:
    """One agency's record for work due in a period."""

    rank: int
    agency_id: int
    agency_name: str
    assigned: int
    done_on_time: int
    done_late: int
    open: int  #: within deadline or due soon
    overdue: int
    rate: float | None  #: see reports.on_time_rate


def scoreboard(scope: Scope, start: date, end: date) -> list[ScoreRow]:
    """Agencies ranked by on-time rate for assignments due between `start` and `end`
    (inclusive), statuses as of the scope's day; in two queries."""
    if end < start:
        raise InvalidInput(_l("The end date is before the start date."), field="end")
    in_period = Assignment.deadline.between(start, end)
    per_agency = grouped_counts(scope, Assignment.agency_id, in_period)
    names = sa.select(Agency.id, Agency.name)  # every agency's name, without an IN of them all
    names = names.where(reach_clause(scope.agency_ids, Agency.id))
    name_of = dict(db.session.execute(names).all())
    ranked = sorted(
        ((agency_id, name_of[agency_id], c) for agency_id, c in per_agency.items()),
        key=_best_first,
    )
    return [_score(rank, *item) for rank, item in enumerate(ranked, start=1)]


def _best_first(item: tuple[int, str, dict[TimeStatus, int]]):
    _agency_id, name, c = item
    rate = on_time_rate(c)
    return (rate is None, -(rate or 0), -c[T.DONE_ON_TIME], c[T.OVERDUE], vietnamese_key(name))


def _score(rank: int, agency_id: int, name: str, c: dict[TimeStatus, int]) -> ScoreRow:
    return ScoreRow(
        rank=rank,
        agency_id=agency_id,
        agency_name=name,
        assigned=sum(c.values()),
        done_on_time=c[T.DONE_ON_TIME],
        done_late=c[T.DONE_LATE],
        open=c[T.ON_TRACK] + c[T.DUE_SOON] + c[T.NO_DEADLINE],
        overdue=c[T.OVERDUE],
        rate=on_time_rate(c),
    )
