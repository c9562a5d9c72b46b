"""The API's lists, as statements an actor may page through: agencies, assignments, extension
requests, progress reports. Each is limited to what the actor sees (tracker.domain.permissions);
`page_rows` reads one page and the total."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from tracker.domain.permissions import Actor
from tracker.domain.states import AgencyLevel, ExtensionState
from tracker.domain.status import time_status_sql
from tracker.extensions import db
from tracker.models import Agency, Assignment, ExtensionRequest, ProgressUpdate


def page_rows(stmt, number: int, size: int) -> tuple[list, int]:
    """One page of `stmt` (a select of one entity) and the total, in two queries."""
    total = db.session.scalar(
        sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery())
    )
    rows = db.session.scalars(stmt.limit(size).offset((number - 1) * size)).all()
    return list(rows), total or 0


def agency_list(actor: Actor, level: AgencyLevel | None = None, parent_id: int | None = None):
    """The agencies `actor` sees, by name."""
    stmt = sa.select(Agency).where(actor.agency_clause(Agency.id))
    if level is not None:
        stmt = stmt.where(Agency.level == level)
    if parent_id is not None:
        stmt = stmt.where(Agency.parent_id == parent_id)
    return stmt.order_by(Agency.name, Agency.id)


def assignment_list(actor: Actor, filters: dict, today: date | None = None, due_soon_days: int = 7):
    """The assignments `actor` sees, soonest deadline first, filtered by `filters` (task,
    agency, state, role: equal; deadline_from, deadline_to: inclusive; status: the official
    status on `today`)."""
    stmt = sa.select(Assignment).where(actor.agency_clause())
    columns = {"task": Assignment.task_id, "agency": Assignment.agency_id,
               "state": Assignment.state, "role": Assignment.role}  # fmt: skip
    for name, column in columns.items():
        if name in filters:
            stmt = stmt.where(column == filters[name])
    if "deadline_from" in filters:
        stmt = stmt.where(Assignment.deadline >= filters["deadline_from"])
    if "deadline_to" in filters:
        stmt = stmt.where(Assignment.deadline <= filters["deadline_to"])
    if "status" in filters and today is not None:
        status = time_status_sql(Assignment, today, due_soon_days)
        stmt = stmt.where(status == filters["status"])
    return stmt.order_by(Assignment.deadline.is_(None), Assignment.deadline, Assignment.id)


def extension_request_list(
    actor: Actor, state: ExtensionState | None = None, assignment_id: int | None = None
):
    """The extension requests on assignments `actor` sees, newest first."""
    stmt = sa.select(ExtensionRequest).join(Assignment).where(actor.agency_clause())
    if state is not None:
        stmt = stmt.where(ExtensionRequest.state == state)
    if assignment_id is not None:
        stmt = stmt.where(ExtensionRequest.assignment_id == assignment_id)
    return stmt.order_by(ExtensionRequest.id.desc())


def progress_update_list(assignment: Assignment):
    """The assignment's reports, in the order they were made."""
    stmt = sa.select(ProgressUpdate).where(ProgressUpdate.assignment_id == assignment.id)
    return stmt.order_by(ProgressUpdate.id)
