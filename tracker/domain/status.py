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
from tracker.domain.states import OPEN_STATES, AssignmentRole, TimeStatus, Urgency, WorkState

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


def urgency(state: WorkState, status: TimeStatus | None) -> Urgency | None:
    """The group of work in `state` with official `status` (None: paused or cancelled)."""
    if state == WorkState.AWAITING_CONFIRMATION:
        return Urgency.AWAITING
    if status in (TimeStatus.DONE_ON_TIME, TimeStatus.DONE_LATE):
        return Urgency.DONE
    return Urgency(status.value) if status else None


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


def finished_status(top_level: Iterable) -> TimeStatus | None:
    """The part of task_status that never changes with the date: done on time or done late
    once none of the assignments that count (the leads, or all when none leads) is open; None
    while one is. `top_level` is the task's top-level assignments (role, state, completed_late).

    Stored on the task (tracker.domain.work.task_summary) so the list's finished filters need no
    look at the assignments: every open status ranks worse than both done ones."""
    rows = list(top_level)
    counted = [a for a in rows if a.role == AssignmentRole.LEAD] or rows
    if any(a.state in OPEN_STATES for a in counted):
        return None
    return roll_up(
        TimeStatus.DONE_LATE if a.completed_late else TimeStatus.DONE_ON_TIME
        for a in counted
        if a.state == WorkState.DONE
    )


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


#: Open states in which the deadline clock runs (awaiting confirmation stops it at the report).
_CLOCK_RUNNING = (WorkState.NOT_STARTED, WorkState.IN_PROGRESS, WorkState.RETURNED)


def time_status_predicate(status: TimeStatus, columns, today: date, due_soon_days: int):
    """The assignments in `status` by the same rule as classify_values(), as a WHERE condition
    made of ranges on (state, deadline) that an index answers, where a CASE would be computed
    for every row. `columns` has state, deadline, completed_late and reported_done_on."""
    return sa.or_(*time_status_branches(status, columns, today, due_soon_days))


def time_status_branches(status: TimeStatus, columns, today: date, due_soon_days: int) -> list:
    """time_status_predicate() as disjoint conditions (no row meets two), one per kind of
    state: counts can add one index range per branch instead of merging row sets."""
    a = columns
    soon = today + timedelta(days=due_soon_days)
    running = a.state.in_(_CLOCK_RUNNING)
    awaiting = a.state == WorkState.AWAITING_CONFIRMATION
    reported = a.reported_done_on
    if status == TimeStatus.DONE_ON_TIME:
        on_time = sa.or_(a.completed_late.is_(None), a.completed_late == sa.false())
        return [sa.and_(a.state == WorkState.DONE, on_time)]
    if status == TimeStatus.DONE_LATE:
        return [sa.and_(a.state == WorkState.DONE, a.completed_late == sa.true())]
    if status == TimeStatus.NO_DEADLINE:
        return [sa.and_(a.state.in_(sorted(OPEN_STATES)), a.deadline.is_(None))]
    if status == TimeStatus.OVERDUE:
        late_report = sa.or_(sa.and_(reported.is_(None), a.deadline < today), reported > a.deadline)
        return [sa.and_(running, a.deadline < today), sa.and_(awaiting, late_report)]
    if status == TimeStatus.DUE_SOON:
        return [sa.and_(running, a.deadline >= today, a.deadline <= soon)]
    if status == TimeStatus.ON_TRACK:
        in_time = sa.or_(sa.and_(reported.is_(None), a.deadline >= today), reported <= a.deadline)
        return [sa.and_(running, a.deadline > soon), sa.and_(awaiting, in_time)]
    raise ValueError(f"not an official status: {status!r}")
