"""The task list's query: filters, search and each task's official status, all in SQL.

The web list, the API and the reports call it. A status filter is written with
`time_status_predicate`, ranges on (state, deadline) an index answers, and follows
`task_status`: a task shows the most severe status among its top-level lead assignments, or
among all its top-level assignments when it has no lead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import aliased, selectinload

from tracker.domain.permissions import Actor
from tracker.domain.states import AssignmentRole, TimeStatus
from tracker.domain.status import SEVERITY, time_status_branches, time_status_predicate
from tracker.domain.text import fold
from tracker.extensions import db
from tracker.models import Assignment, Task


@dataclass
class TaskFilters:
    q: str = ""
    status: TimeStatus | None = None
    agency_id: int | None = None
    document_id: int | None = None
    role: AssignmentRole | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None


def _top_level(*conditions, role: AssignmentRole | None = None):
    stmt = sa.select(Assignment.task_id).where(Assignment.parent_id.is_(None), *conditions)
    return stmt if role is None else stmt.where(Assignment.role == role)


def tasks_in_status(status: TimeStatus, today: date, due_soon_days: int):
    """A condition on Task: its rolled-up official status (see task_status) is `status`.

    The finished statuses are stored on the task (task_summary). For the others, candidates
    come from the status index: a top-level lead assignment in `status`, or a support one of a
    task without a lead; then no assignment of the same kind may be worse."""
    if status in (TimeStatus.DONE_ON_TIME, TimeStatus.DONE_LATE):
        return Task.done_status == status
    leadless = aliased(Task)
    without_lead = Assignment.task_id.in_(
        sa.select(leadless.id).where(leadless.has_lead == sa.false())
    )
    candidates = sa.union_all(
        *[
            part
            for branch in time_status_branches(status, Assignment, today, due_soon_days)
            for part in (
                _top_level(branch, role=AssignmentRole.LEAD),
                _top_level(branch, without_lead, role=AssignmentRole.SUPPORT),
            )
        ]
    )
    condition: sa.ColumnElement[bool] = Task.id.in_(candidates)
    worse = [
        time_status_predicate(s, Assignment, today, due_soon_days)
        for s in SEVERITY[: SEVERITY.index(status)]
    ]
    if worse:
        worse_one = sa.or_(*worse)
        lead = AssignmentRole.LEAD
        no_worse_lead = ~sa.exists(_top_level(Assignment.task_id == Task.id, worse_one, role=lead))
        no_worse_at_all = ~sa.exists(_top_level(Assignment.task_id == Task.id, worse_one))
        condition = sa.and_(condition, no_worse_lead, sa.or_(Task.has_lead, no_worse_at_all))
    return condition


def _assignment_filter(filters: TaskFilters, actor: Actor):
    """Tasks with an assignment meeting the agency and role filters: an IN list found from the
    agency index (a correlated EXISTS would probe once per task of the whole table)."""
    conditions = [] if actor.can_read_all() else [actor.agency_clause()]
    if filters.agency_id:
        conditions.append(Assignment.agency_id == filters.agency_id)
    if filters.role:
        conditions.append(Assignment.role == filters.role)
    if not conditions:
        return None
    return Task.id.in_(sa.select(Assignment.task_id).where(*conditions))


def task_list_query(filters: TaskFilters, actor: Actor, today: date, due_soon_days: int):
    """Tasks the actor may see that match `filters`, soonest deadline first."""
    query = sa.select(Task)
    assigned = _assignment_filter(filters, actor)
    if assigned is not None:
        query = query.where(assigned)
    if filters.q and fold(filters.q):
        for word in fold(filters.q).split():
            query = query.where(Task.search_text.contains(word, autoescape=True))
    if filters.document_id:
        query = query.where(Task.document_id == filters.document_id)
    if filters.deadline_from:
        query = query.where(Task.deadline >= filters.deadline_from)
    if filters.deadline_to:
        query = query.where(Task.deadline <= filters.deadline_to)
    if filters.status:
        query = query.where(tasks_in_status(filters.status, today, due_soon_days))
    return query.order_by(Task.deadline.is_(None), Task.deadline, Task.id)


@dataclass(frozen=True)
class TaskPage:
    """One page of a task list, as the list pages and the API show it."""

    items: list[Task]
    total: int
    page: int  #: from 1
    per_page: int

    @property
    def pages(self) -> int:
        return -(-self.total // self.per_page)


def _count(query) -> int:
    matching = query.order_by(None).subquery()
    return db.session.scalar(sa.select(sa.func.count()).select_from(matching)) or 0


def _ids_and_total(query, status_filter: bool, limit: int, offset: int) -> tuple[list[int], int]:
    if not status_filter:
        # Every other filter is an index lookup: a count and a top-N sort cost less than a
        # window count over the matching tasks.
        page = query.with_only_columns(Task.id).limit(limit).offset(offset)
        return list(db.session.scalars(page)), _count(query)
    # The status sets are evaluated once: the total rides along with the ids as a window count.
    ranked = query.with_only_columns(Task.id, sa.func.count().over()).limit(limit).offset(offset)
    rows = db.session.execute(ranked).all()
    if rows:
        return [task_id for task_id, _total in rows], rows[0][1]
    return [], _count(query) if offset else 0  # past the last page, no row carries the total


def task_page(
    filters: TaskFilters,
    actor: Actor,
    today: date,
    due_soon_days: int,
    page: int,
    per_page: int,
    *,
    with_documents: bool = False,
) -> TaskPage:
    """One page of the task list and its total; only the page's tasks are loaded, with their
    assignments (and notices, `with_documents`) in one more query each."""
    query = task_list_query(filters, actor, today, due_soon_days)
    offset = (page - 1) * per_page
    ids, total = _ids_and_total(query, filters.status is not None, per_page, offset)
    by_id = {}
    if ids:
        loads = [selectinload(Task.assignments)]
        if with_documents:
            loads.append(selectinload(Task.document))
        loaded = db.session.scalars(sa.select(Task).where(Task.id.in_(ids)).options(*loads))
        by_id = {task.id: task for task in loaded}
    return TaskPage([by_id[i] for i in ids], total, page, per_page)
