"""Report queries: counts by official status, on-time rates, overdue ages, weekly trends.

Every function runs a fixed number of queries, whatever the amount of data. Statuses come from
`time_status_predicate`, the official classification as ranges on (state, deadline) that the
status indexes answer without reading the table, so the figures agree with what each task page
shows and a count costs an index range, not a CASE computed for every row. The unit counted is
the assignment (one agency's share of a directive); paused and cancelled work is outside the
classification and not counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from tracker.domain.clock import Policy
from tracker.domain.permissions import Actor, document_clause, reach_clause
from tracker.domain.states import OPEN_STATES, TimeStatus, WorkState
from tracker.domain.status import time_status_branches, time_status_predicate, time_status_sql
from tracker.extensions import db
from tracker.models import Agency, Assignment, Document, Task

T = TimeStatus

#: overdue age buckets: (label key, fewest days late, most days late or None)
OVERDUE_AGES = (("1-7", 1, 7), ("8-30", 8, 30), ("31+", 31, None))
#: the work states inside the classification (paused and cancelled work is not counted)
CLASSIFIED_STATES = sorted(OPEN_STATES | {WorkState.DONE})


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
        return cls(policy.today(now), policy.due_soon_days, actor.reach, **limits)

    def status_column(self):
        """The official status of each assignment, as a SQL expression."""
        return time_status_sql(Assignment, self.today, self.due_soon_days)

    def predicate(self, status: TimeStatus):
        """The assignments in `status` on the scope's day, as a condition an index answers."""
        return time_status_predicate(status, Assignment, self.today, self.due_soon_days)

    def branches(self, status: TimeStatus) -> list:
        """predicate(status) as disjoint index ranges, to count one by one and add up."""
        return time_status_branches(status, Assignment, self.today, self.due_soon_days)

    def where(self, stmt):
        """Limit a statement over Assignment to this scope."""
        stmt = stmt.where(reach_clause(self.agency_ids))
        if self.document_id is not None:
            in_document = sa.select(Task.id).where(Task.document_id == self.document_id)
            stmt = stmt.where(Assignment.task_id.in_(in_document))
        return stmt


def empty_counts() -> dict[TimeStatus, int]:
    """A count for every official status, all zero."""
    return dict.fromkeys(TimeStatus, 0)


def grouped_counts(scope: Scope, key, *conditions, join_task: bool = False) -> dict:
    """Per value of `key`, the assignments in scope meeting `conditions` in each official
    status; only values with counted work appear. One grouped query, meant for a few keys
    (`conditions` pick them: it runs the status rule on each of their rows)."""
    columns = [sa.func.count().filter(scope.predicate(status)) for status in TimeStatus]
    stmt = sa.select(key, *columns).select_from(Assignment)
    if join_task:
        stmt = stmt.join(Task, Task.id == Assignment.task_id)
    # No condition on the state here: the database would read the state index rather than
    # the one `conditions` need. Values with no counted work (all zero) are left out after.
    rows = db.session.execute(scope.where(stmt.where(*conditions).group_by(key)))
    statuses = tuple(TimeStatus)  # iterating the enum class itself costs ~5 µs a row
    return {row[0]: dict(zip(statuses, row[1:], strict=True)) for row in rows if any(row[1:])}


def counts_by_agency(scope: Scope) -> dict[int, dict[TimeStatus, int]]:
    """Per agency id, the number of its assignments in each official status."""
    return grouped_counts(scope, Assignment.agency_id)


def counts_by_document(
    scope: Scope, document_ids: Iterable[int] | None = None
) -> dict[int | None, dict[TimeStatus, int]]:
    """Per notice id (None: tasks outside any notice), assignments in each official status;
    only for `document_ids` when given."""
    only = [] if document_ids is None else [Task.document_id.in_(list(document_ids) or [-1])]
    return grouped_counts(scope, Task.document_id, *only, join_task=True)


def _count(scope: Scope, status: TimeStatus, *conditions):
    """How many assignments in scope are in `status` and meet `conditions`: one index range
    count per branch of the status, added up (merging the row sets of an OR costs more)."""
    counts = [
        scope.where(
            sa.select(sa.func.count()).select_from(Assignment).where(branch, *conditions)
        ).scalar_subquery()
        for branch in scope.branches(status)
    ]
    return sum(counts[1:], counts[0])


def overdue_by_deadline(scope: Scope) -> Counter:
    """Overdue assignments in scope per deadline day, in one pass over the overdue index
    ranges: their count, their ages and the weekly trend are all read from it."""
    parts = [
        scope.where(sa.select(Assignment.deadline).where(branch))
        for branch in scope.branches(T.OVERDUE)
    ]
    days = sa.union_all(*parts).subquery()
    rows = db.session.execute(sa.select(days.c.deadline, sa.func.count()).group_by(days.c.deadline))
    return Counter(dict(rows.all()))


def _ages(scope: Scope, overdue_days: Counter) -> dict[str, int]:
    ages = dict.fromkeys((key for key, _least, _most in OVERDUE_AGES), 0)
    for day, count in overdue_days.items():
        late = (scope.today - day).days
        key = next(k for k, _least, most in OVERDUE_AGES if most is None or late <= most)
        ages[key] += count
    return ages


def _agencies_with_work(scope: Scope):
    counted = Assignment.state.in_(CLASSIFIED_STATES)
    if scope.document_id is not None:  # one notice's rows: few, counted directly
        distinct = sa.func.count(sa.distinct(Assignment.agency_id))
        return scope.where(sa.select(distinct).where(counted)).scalar_subquery()
    # Otherwise one probe of the (agency, state) index per agency, not a read of every row.
    with_work = scope.where(
        sa.select(Assignment.id).where(Assignment.agency_id == Agency.id, counted)
    )
    return (
        sa.select(sa.func.count()).select_from(Agency).where(sa.exists(with_work)).scalar_subquery()
    )


@dataclass(frozen=True)
class Overall:
    counts: dict[TimeStatus, int]
    overdue_ages: dict[str, int]  #: OVERDUE_AGES key → overdue assignments
    agencies: int  #: how many agencies have counted work
    overdue_days: Counter  #: deadline → overdue assignments (see overdue_by_deadline)


def overall_figures(scope: Scope) -> Overall:
    """The counts by official status, the overdue ones by age, and how many agencies have
    counted work: in two queries of index range counts."""
    others = [status for status in TimeStatus if status != T.OVERDUE]
    row = db.session.execute(
        sa.select(*[_count(scope, s) for s in others], _agencies_with_work(scope))
    ).one()
    overdue_days = overdue_by_deadline(scope)
    counts = dict(zip(others, row[:-1], strict=True))
    counts[T.OVERDUE] = sum(overdue_days.values())
    return Overall(
        counts={status: counts[status] for status in TimeStatus},
        overdue_ages=_ages(scope, overdue_days),
        agencies=row[-1],
        overdue_days=overdue_days,
    )


def total_counts(per_group: dict) -> dict[TimeStatus, int]:
    """The sum of grouped counts (the overall figures, without another query)."""
    total: Counter[TimeStatus] = Counter()
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
    return overall_figures(scope).overdue_ages


@dataclass(frozen=True)
class Week:
    start: date  #: a Monday
    completed: int  #: assignments whose completion day falls in the week
    new_overdue: int  #: assignments that passed their deadline unfinished during the week


def weekly_trend(scope: Scope, weeks: int = 12, overdue_days: Counter | None = None) -> list[Week]:
    """Completions and newly overdue assignments per week (Monday to Sunday), oldest first;
    `overdue_days` (from overdue_by_deadline) saves reading the overdue ones again."""
    first = scope.today - timedelta(days=scope.today.weekday() + 7 * (weeks - 1))
    completed = scope.where(
        sa.select(Assignment.completed_on, sa.func.count())
        .where(Assignment.completed_on.between(first, scope.today))
        .group_by(Assignment.completed_on)
    )
    # An assignment becomes overdue the day after its deadline; those since finished late
    # count too, as they were overdue that week.
    since = first - timedelta(days=1)
    done_late = scope.where(
        sa.select(Assignment.deadline, sa.func.count())
        .where(scope.predicate(T.DONE_LATE), Assignment.deadline.between(since, scope.today))
        .group_by(Assignment.deadline)
    )
    if overdue_days is None:
        overdue_days = overdue_by_deadline(scope)
    late_days = Counter({d: n for d, n in overdue_days.items() if since <= d <= scope.today})
    late_days.update(dict(db.session.execute(done_late).all()))
    by_week_done: Counter[int] = Counter()
    by_week_late: Counter[int] = Counter()
    for day, count in db.session.execute(completed):
        by_week_done[(day - first).days // 7] += count
    for day, count in late_days.items():
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
    stmt = sa.select(Document).where(document_clause(scope.agency_ids))
    if scope.document_id is not None:
        stmt = stmt.where(Document.id == scope.document_id)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery()))
    latest = stmt.order_by(Document.created_at.desc(), Document.id.desc()).limit(top)
    return list(db.session.scalars(latest)), total or 0
