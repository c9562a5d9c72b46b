"""The official time classification of assignments and tasks, in Python and in SQL.

The rule, as government task trackers report it:

- done (confirmed): *done on time* or *done late*, fixed at confirmation;
- open with no deadline: *no deadline* (an ongoing duty, thường xuyên);
- open past its deadline: *overdue*; an agency that reported completion on or before the
  deadline is not overdue while the office has yet to confirm;
- open, due within ``due_soon_days``: *due soon*; otherwise *within deadline*;
- paused and cancelled work is outside the classification (None).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from tracker.domain.clock import Policy
from tracker.domain.states import AssignmentRole, TimeStatus, WorkState

#: Worst first: what a task shows when its lead assignments disagree.
SEVERITY = (
    TimeStatus.OVERDUE,
    TimeStatus.DUE_SOON,
    TimeStatus.ON_TRACK,
    TimeStatus.NO_DEADLINE,
    TimeStatus.DONE_LATE,
    TimeStatus.DONE_ON_TIME,
)


def classify_values(
    state: WorkState,
    deadline: date | None,
    today: date,
    due_soon_days: int,
    *,
    completed_late: bool | None = None,
    reported_done_on: date | None = None,
) -> TimeStatus | None:
    """Classify one assignment from its column values (see the module's rule)."""
    if state in (WorkState.PAUSED, WorkState.CANCELLED):
        return None
    if state == WorkState.DONE:
        return TimeStatus.DONE_LATE if completed_late else TimeStatus.DONE_ON_TIME
    if deadline is None:
        return TimeStatus.NO_DEADLINE
    reference = today
    if state == WorkState.AWAITING_CONFIRMATION and reported_done_on is not None:
        reference = reported_done_on  # the clock stopped when the agency reported
    if reference > deadline:
        return TimeStatus.OVERDUE
    if state != WorkState.AWAITING_CONFIRMATION and (deadline - today).days <= due_soon_days:
        return TimeStatus.DUE_SOON
    return TimeStatus.ON_TRACK


def classify(assignment, now: datetime, policy: Policy) -> TimeStatus | None:
    """Classify an Assignment at instant `now`."""
    return classify_values(
        assignment.state,
        assignment.deadline,
        policy.today(now),
        policy.due_soon_days,
        completed_late=assignment.completed_late,
        reported_done_on=assignment.reported_done_on,
    )


def is_late(completed_on: date, deadline: date | None) -> bool:
    """Whether work finished on `completed_on` missed `deadline` (never, with no deadline)."""
    return deadline is not None and completed_on > deadline


def roll_up(statuses: Iterable[TimeStatus | None]) -> TimeStatus | None:
    """A task's status from its lead assignments' statuses: the most severe one."""
    present = {status for status in statuses if status is not None}
    for status in SEVERITY:
        if status in present:
            return status
    return None


def task_status(task, now: datetime, policy: Policy) -> TimeStatus | None:
    """A task's status rolls up from its lead assignments (from all, when none leads)."""
    top_level = [a for a in task.assignments if a.parent_id is None]
    leads = [a for a in top_level if a.role == AssignmentRole.LEAD] or top_level
    return roll_up(classify(a, now, policy) for a in leads)


def time_status_sql(assignment_table, today: date, due_soon_days: int):
    """The same rule as classify_values(), as a SQL CASE over assignment columns."""
    a = assignment_table
    soon = today + timedelta(days=due_soon_days)
    awaiting = a.state == WorkState.AWAITING_CONFIRMATION
    reference_late = sa.or_(
        sa.and_(awaiting, a.reported_done_on.is_not(None), a.reported_done_on > a.deadline),
        sa.and_(sa.or_(sa.not_(awaiting), a.reported_done_on.is_(None)), a.deadline < today),
    )
    return sa.case(
        (a.state.in_([WorkState.PAUSED, WorkState.CANCELLED]), sa.null()),
        (
            a.state == WorkState.DONE,
            sa.case(
                (a.completed_late.is_(True), TimeStatus.DONE_LATE.value),
                else_=TimeStatus.DONE_ON_TIME.value,
            ),
        ),
        (a.deadline.is_(None), TimeStatus.NO_DEADLINE.value),
        (reference_late, TimeStatus.OVERDUE.value),
        (sa.and_(sa.not_(awaiting), a.deadline <= soon), TimeStatus.DUE_SOON.value),
        else_=TimeStatus.ON_TRACK.value,
    )
