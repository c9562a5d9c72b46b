"""An agency's own work by how urgent it is: the "my tasks" page and the weekly digest group it
by this one rule, on the official classification (so "due soon" is DUE_SOON_DAYS everywhere)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tracker.domain.clock import Policy
from tracker.domain.permissions import Actor
from tracker.domain.states import Urgency
from tracker.domain.status import classify, urgency
from tracker.extensions import db
from tracker.models import Assignment, Task


def my_work(actor: Actor, now: datetime, policy: Policy) -> dict[Urgency, list]:
    """The assignments of the actor's agencies as (assignment, status) pairs in each group,
    soonest deadline first."""
    assignments = db.session.scalars(
        sa.select(Assignment)
        .join(Task)
        .where(actor.agency_clause())
        .options(selectinload(Assignment.task).selectinload(Task.document))
        .options(selectinload(Assignment.agency))
        .order_by(Assignment.deadline.is_(None), Assignment.deadline, Assignment.id)
    )
    grouped: dict[Urgency, list] = {group: [] for group in Urgency}
    for assignment in assignments:
        status = classify(assignment, now, policy)
        group = urgency(assignment.state, status)
        if group is not None:
            grouped[group].append((assignment, status))
    return grouped
