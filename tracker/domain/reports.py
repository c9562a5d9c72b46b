"""Report queries: counts by official status, on-time rates, overdue ages, weekly trends.

Every function runs a fixed number of grouped queries, whatever the amount of data; statuses
come from `time_status_sql`, the SQL form of the official classification, so the figures agree
with what each task page shows. The unit counted is the assignment (one agency's share of a
directive); paused and cancelled work is outside the classification and not counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from tracker.domain.clock import Policy
from tracker.domain.permissions import Actor
from tracker.domain.states import TimeStatus
from tracker.domain.status import time_status_sql
from tracker.extensions import db
from tracker.models import Agency, Assignment, Document, Task

T = TimeStatus

#: overdue age buckets: (label key, fewest days late, most days late or None)
OVERDUE_AGES = (("1-7", 1, 7), ("8-30", 8, 30), ("31+", 31, None))


@dataclass(frozen=True)
class Scope:
    """What a report covers: the day it is computed for, and which agencies and notice."""

    today: date
    due_soon_days: int = 7
    agency_ids: frozenset[int] | None = None  #: None: every agency
    document_id: int | None = None

    @classmethod
    def for_actor(cls, actor: Actor, now: datetime, policy: Policy, **limits) -> Scope:
        """The scope `actor` may see: everything, or an officer's agencies and those below."""
        agency_ids = None if actor.can_read_all() else frozenset(actor.agency_ids)
        return cls(policy.today(now), policy.due_soon_days, agency_ids, **limits)

    def status_column(self):
        """The official status of each assignment, as a SQL expression."""
        return time_status_sql(Assignment, self.today, self.due_soon_days)

    def where(self, stmt):
        """Limit a statement over Assignment to this scope."""
        if self.agency_ids is not None:
            stmt = stmt.where(Assignment.agency_id.in_(self.agency_ids or {-1}))
        if self.document_id is not None:
            in_document = sa.select(Task.id).where(Task.document_id == self.document_id)
            stmt = stmt.where(Assignment.task_id.in_(in_document))
        return stmt


def empty_counts() -> dict[TimeStatus, int]:
    """A count for every official status, all zero."""
    return dict.fromkeys(TimeStatus, 0)


def status_rows(scope: Scope, key, *, join_task: bool = False, where=None):
    """A subquery of (key, status, age band) per assignment in scope. OFFSET 0 keeps databases
    from merging it into the outer query, so the status CASE runs once per row, not once per
    mention (and PostgreSQL groups on a column, not on the CASE with its bind parameters)."""
    band = sa.case(
        (Assignment.deadline >= scope.today - timedelta(days=7), OVERDUE_AGES[0][0]),
        (Assignment.deadline >= scope.today - timedelta(days=30), OVERDUE_AGES[1][0]),
        else_=OVERDUE_AGES[2][0],
    )
    inner = sa.select(key.label("key"), scope.status_column().label("status"), band.label("band"))
    if join_task:
        inner = inner.join(Task, Task.id == Assignment.task_id)
    if where is not None:
        inner = inner.where(where)
    return scope.where(inner).offset(0).subquery()


def _grouped(inner, with_ages: bool = False):
    age = sa.case((inner.c.status == T.OVERDUE.value, inner.c.band), else_=sa.null())
    columns = [inner.c.key, inner.c.status, age if with_ages else sa.null(), sa.func.count()]
    stmt = sa.select(*columns).where(inner.c.status.is_not(None))
    return stmt.group_by(sa.text("1"), sa.text("2"), sa.text("3"))  # by position: see above


def _collect(rows) -> tuple[dict, dict[str, int]]:
    result: dict = {}
    ages = dict.fromkeys((key for key, _least, _most in OVERDUE_AGES), 0)
    for value, status, age, count in rows:
        counts = result.setdefault(value, empty_counts())
        counts[TimeStatus(status)] += count
        if age is not None:
            ages[age] += count
    return result, ages


def agency_figures(scope: Scope) -> tuple[dict[int, dict[TimeStatus, int]], dict[str, int]]:
    """Per agency id, its assignments in each official status; and the overdue ones by days
    past the deadline (1–7, 8–30, more than 30): one scan."""
    return _collect(db.session.execute(_grouped(status_rows(scope, Assignment.agency_id), True)))


def counts_by_agency(scope: Scope) -> dict[int, dict[TimeStatus, int]]:
    """Per agency id, the number of its assignments in each official status."""
    return agency_figures(scope)[0]


def counts_by_document(
    scope: Scope, document_ids: Iterable[int] | None = None
) -> dict[int | None, dict[TimeStatus, int]]:
    """Per notice id (None: tasks outside any notice), assignments in each official status;
    only for `document_ids` when given."""
    only = None if document_ids is None else Task.document_id.in_(list(document_ids) or [-1])
    inner = status_rows(scope, Task.document_id, join_task=True, where=only)
    return _collect(db.session.execute(_grouped(inner)))[0]


def total_counts(per_group: dict) -> dict[TimeStatus, int]:
    """The sum of grouped counts (the overall figures, without another query)."""
    total = Counter()
    for counts in per_group.values():
        total.update(counts)
    return {status: total.get(status, 0) for status in TimeStatus}


def on_time_rate(counts: dict[TimeStatus, int]) -> float | None:
    """Done on time, as a share of the work that is done or should have been (done on time,
    done late, overdue); None when there is none yet."""
    due = counts[T.DONE_ON_TIME] + counts[T.DONE_LATE] + counts[T.OVERDUE]
    return counts[T.DONE_ON_TIME] / due if due else None


def overdue_by_age(scope: Scope) -> dict[str, int]:
    """Overdue assignments by days past the deadline: 1–7, 8–30, more than 30."""
    return agency_figures(scope)[1]


@dataclass(frozen=True)
class Week:
    start: date  #: a Monday
    completed: int  #: assignments whose completion day falls in the week
    new_overdue: int  #: assignments that passed their deadline unfinished during the week


def weekly_trend(scope: Scope, weeks: int = 12) -> list[Week]:
    """Completions and newly overdue assignments per week (Monday to Sunday), oldest first."""
    first = scope.today - timedelta(days=scope.today.weekday() + 7 * (weeks - 1))
    completed = scope.where(
        sa.select(Assignment.completed_on, sa.func.count())
        .where(Assignment.completed_on.between(first, scope.today))
        .group_by(Assignment.completed_on)
    )
    # An assignment becomes overdue the day after its deadline; those since finished late
    # count too, as they were overdue that week.
    late = scope.status_column().in_([T.OVERDUE.value, T.DONE_LATE.value])
    overdue = scope.where(
        sa.select(Assignment.deadline, sa.func.count())
        .where(Assignment.deadline.between(first - timedelta(days=1), scope.today), late)
        .group_by(Assignment.deadline)
    )
    by_week_done, by_week_late = Counter(), Counter()
    for day, count in db.session.execute(completed):
        by_week_done[(day - first).days // 7] += count
    for day, count in db.session.execute(overdue):
        by_week_late[(day + timedelta(days=1) - first).days // 7] += count
    return [
        Week(first + timedelta(weeks=i), by_week_done[i], by_week_late[i])
        for i in range(weeks)
        if first + timedelta(weeks=i) <= scope.today
    ]


def agency_names(ids) -> dict[int, Agency]:
    """The agencies with these ids, in one query."""
    ids = set(ids)
    if not ids:
        return {}
    return {a.id: a for a in db.session.scalars(sa.select(Agency).where(Agency.id.in_(ids)))}


def recent_documents(scope: Scope, top: int) -> tuple[list[Document], int]:
    """The `top` most recent notices with work in scope, and how many there are in all."""
    stmt = sa.select(Document)
    if scope.agency_ids is not None:
        mine = sa.select(Task.document_id).join(Assignment, Assignment.task_id == Task.id)
        mine = mine.where(Assignment.agency_id.in_(scope.agency_ids or {-1}))
        stmt = stmt.where(Document.id.in_(mine))
    if scope.document_id is not None:
        stmt = stmt.where(Document.id == scope.document_id)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery()))
    latest = stmt.order_by(Document.created_at.desc(), Document.id.desc()).limit(top)
    return list(db.session.scalars(latest)), total


@dataclass(frozen=True)
class GroupRow:
    """One agency's or notice's line on the dashboard."""

    id: int | None
    name: str
    counts: dict[TimeStatus, int]
    rate: float | None


@dataclass(frozen=True)
class Dashboard:
    today: date
    overall: dict[TimeStatus, int]
    agencies: list[GroupRow]  #: the agencies with most overdue work first, at most `top`
    agency_total: int  #: how many agencies have counted work
    documents: list[GroupRow]  #: the most recent notices first, at most `top`
    document_total: int
    overdue_ages: dict[str, int]
    trend: list[Week]


def _worst_first(row: GroupRow):
    return (-row.counts[T.OVERDUE], -row.counts[T.DUE_SOON], row.name)


def dashboard(scope: Scope, top: int = 20, weeks: int = 12) -> Dashboard:
    """Every figure of the dashboard, in seven queries whatever the amount of data."""
    per_agency, ages = agency_figures(scope)
    worst = sorted(per_agency, key=lambda i: (-per_agency[i][T.OVERDUE], i))[:top]
    names = agency_names(worst)
    agencies = [
        GroupRow(i, names[i].name, per_agency[i], on_time_rate(per_agency[i])) for i in worst
    ]
    documents, document_total = recent_documents(scope, top)
    per_document = counts_by_document(scope, [d.id for d in documents])
    document_rows = []
    for document in documents:
        counts = per_document.get(document.id, empty_counts())
        document_rows.append(GroupRow(document.id, document.number, counts, on_time_rate(counts)))
    return Dashboard(
        today=scope.today,
        overall=total_counts(per_agency),
        agencies=sorted(agencies, key=_worst_first),
        agency_total=len(per_agency),
        documents=document_rows,
        document_total=document_total,
        overdue_ages=ages,
        trend=weekly_trend(scope, weeks),
    )
