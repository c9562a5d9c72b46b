"""The task list's query: filters, search and each task's status, all in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from tracker.domain.permissions import Actor
from tracker.domain.states import AssignmentRole, TimeStatus
from tracker.domain.status import SEVERITY, time_status_sql
from tracker.domain.text import fold
from tracker.models import Assignment, Task

#: a support assignment counts only when a task has no lead (as task_status does)
_SUPPORT_OFFSET = len(SEVERITY)


@dataclass
class TaskFilters:
    q: str = ""
    status: TimeStatus | None = None
    agency_id: int | None = None
    document_id: int | None = None
    role: AssignmentRole | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None


def _status_rank_by_task(today: date, due_soon_days: int):
    """(task_id, rank): the index in SEVERITY of each task's rolled-up status."""
    status = time_status_sql(Assignment, today, due_soon_days)
    severity = sa.case(*[(status == s.value, i) for i, s in enumerate(SEVERITY)], else_=None)
    weighted = sa.case(
        (Assignment.role == AssignmentRole.LEAD, severity), else_=severity + _SUPPORT_OFFSET
    )
    return (
        sa.select(Assignment.task_id, sa.func.min(weighted).label("rank"))
        .where(Assignment.parent_id.is_(None))
        .group_by(Assignment.task_id)
        .subquery()
    )


def _assignment_filter(filters: TaskFilters, actor: Actor):
    conditions = [Assignment.task_id == Task.id]
    if not actor.can_read_all():
        conditions.append(Assignment.agency_id.in_(actor.agency_ids or {-1}))
    if filters.agency_id:
        conditions.append(Assignment.agency_id == filters.agency_id)
    if filters.role:
        conditions.append(Assignment.role == filters.role)
    if len(conditions) == 1:
        return None
    return sa.exists(sa.select(Assignment.id).where(*conditions))


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
        ranks = _status_rank_by_task(today, due_soon_days)
        index = SEVERITY.index(filters.status)
        query = query.where(
            Task.id.in_(
                sa.select(ranks.c.task_id).where(
                    sa.or_(ranks.c.rank == index, ranks.c.rank == index + _SUPPORT_OFFSET)
                )
            )
        )
    return query.order_by(Task.deadline.is_(None), Task.deadline, Task.id)
