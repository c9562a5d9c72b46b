"""The life of an assignment: which action moves it from which state to which.

Agencies report progress and completion; the standing office confirms, returns, pauses,
resumes, cancels and reopens. Any other move is refused with a clear error, nothing changed.
Functions here flush at most: the caller commits.
"""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l

from tracker.domain import audit, events
from tracker.domain.clock import Policy, require_aware
from tracker.domain.errors import InvalidInput, TransitionRefused
from tracker.domain.labels import STATE_LABELS
from tracker.domain.permissions import Actor, require_agency_side, require_office
from tracker.domain.states import UpdateKind, WorkState
from tracker.domain.status import is_late
from tracker.domain.work.rollup import roll_up
from tracker.extensions import db
from tracker.models import Assignment, ProgressUpdate

S = WorkState
_WORKABLE = frozenset({S.NOT_STARTED, S.IN_PROGRESS, S.RETURNED})


class Action(enum.StrEnum):
    REPORT_PROGRESS = "report_progress"
    REPORT_COMPLETION = "report_completion"
    CONFIRM = "confirm"
    RETURN = "return"
    PAUSE = "pause"
    RESUME = "resume"
    CANCEL = "cancel"
    REOPEN = "reopen"


#: action -> (states it may start from, whether the office alone may take it)
TRANSITIONS: dict[Action, tuple[frozenset[WorkState], bool]] = {
    Action.REPORT_PROGRESS: (_WORKABLE, False),
    Action.REPORT_COMPLETION: (_WORKABLE, False),
    Action.CONFIRM: (frozenset({S.AWAITING_CONFIRMATION}), True),
    Action.RETURN: (frozenset({S.AWAITING_CONFIRMATION}), True),
    Action.PAUSE: (_WORKABLE | {S.AWAITING_CONFIRMATION}, True),
    Action.RESUME: (frozenset({S.PAUSED}), True),
    Action.CANCEL: (_WORKABLE | {S.AWAITING_CONFIRMATION, S.PAUSED}, True),
    Action.REOPEN: (frozenset({S.DONE, S.CANCELLED}), True),
}


def allowed_actions(assignment: Assignment, actor: Actor) -> list[Action]:
    """The actions `actor` may take on `assignment` now (for showing buttons)."""
    result = []
    for action, (sources, office_only) in TRANSITIONS.items():
        if assignment.state not in sources:
            continue
        if office_only and not actor.is_office:
            continue
        if not office_only and not actor.covers(assignment.agency_id):
            continue
        result.append(action)
    return result


def _check(assignment: Assignment, action: Action, actor: Actor) -> None:
    sources, office_only = TRANSITIONS[action]
    if office_only:
        require_office(actor)
    else:
        require_agency_side(actor, assignment.agency_id)
    if assignment.state not in sources:
        raise TransitionRefused(
            _l(
                "This cannot be done while the assignment is “%(state)s”.",
                state=STATE_LABELS[assignment.state],
            )
        )


def _move(assignment, action, actor, now, values, note=None) -> None:
    changes = audit.set_fields(assignment, {**values, "updated_at": now})
    changes.pop("updated_at", None)
    audit.record(actor, f"assignment.{action.value}", assignment, now, changes, note)
    if assignment.parent is not None:
        roll_up(assignment.parent, actor, now)


def _percent(value) -> int:
    try:
        percent = int(value)
    except (TypeError, ValueError):
        raise InvalidInput(_l("Progress must be a whole number."), field="percent") from None
    if not 0 <= percent <= 100:
        raise InvalidInput(_l("Progress must be between 0 and 100."), field="percent")
    return percent


def report_progress(
    assignment: Assignment, actor: Actor, percent, note: str, now: datetime, *, via_link=False
) -> ProgressUpdate:
    """The agency reports how far it has come; the state becomes in progress."""
    require_aware(now)
    _check(assignment, Action.REPORT_PROGRESS, actor)
    percent = _percent(percent)
    if not (note or "").strip():
        raise InvalidInput(_l("Describe what has been done."), field="note")
    update = ProgressUpdate(
        assignment=assignment,
        kind=UpdateKind.PROGRESS,
        percent=percent,
        note=note.strip(),
        author_id=actor.user_id,
        via_link=via_link,
        created_at=now,
    )
    db.session.add(update)
    _move(
        assignment,
        Action.REPORT_PROGRESS,
        actor,
        now,
        {"state": S.IN_PROGRESS, "progress": percent},
        note.strip(),
    )
    return update


def report_completion(
    assignment: Assignment,
    actor: Actor,
    note: str,
    now: datetime,
    policy: Policy,
    *,
    via_link=False,
) -> ProgressUpdate:
    """The agency reports the work done; it waits for the office to confirm."""
    require_aware(now)
    _check(assignment, Action.REPORT_COMPLETION, actor)
    if not (note or "").strip():
        raise InvalidInput(_l("Describe the result that was achieved."), field="note")
    update = ProgressUpdate(
        assignment=assignment,
        kind=UpdateKind.COMPLETION_REPORT,
        percent=100,
        note=note.strip(),
        author_id=actor.user_id,
        via_link=via_link,
        created_at=now,
    )
    db.session.add(update)
    values = {
        "state": S.AWAITING_CONFIRMATION,
        "progress": 100,
        "reported_done_on": policy.today(now),
    }
    _move(assignment, Action.REPORT_COMPLETION, actor, now, values, note.strip())
    return update


def confirm_completion(assignment: Assignment, actor: Actor, now: datetime, note=None) -> None:
    """The office confirms: done, on time or late as of the day the agency reported."""
    require_aware(now)
    _check(assignment, Action.CONFIRM, actor)
    completed_on = assignment.reported_done_on
    values = {
        "state": S.DONE,
        "completed_on": completed_on,
        # CONFIRM only leaves AWAITING, where the report of completion set the day.
        "completed_late": completed_on is not None and is_late(completed_on, assignment.deadline),
    }
    _move(assignment, Action.CONFIRM, actor, now, values, note)


def return_for_rework(assignment: Assignment, actor: Actor, reason: str, now: datetime) -> None:
    """The office sends the report back with a reason; the deadline still runs."""
    require_aware(now)
    _check(assignment, Action.RETURN, actor)
    if not (reason or "").strip():
        raise InvalidInput(_l("Give the reason for returning it."), field="reason")
    values = {"state": S.RETURNED, "reported_done_on": None}
    _move(assignment, Action.RETURN, actor, now, values, reason.strip())
    events.assignment_returned.send(assignment, actor=actor, now=now, reason=reason.strip())


def pause(assignment: Assignment, actor: Actor, reason: str, now: datetime) -> None:
    """The office suspends the work (no reminders, outside the statistics)."""
    require_aware(now)
    _check(assignment, Action.PAUSE, actor)
    if not (reason or "").strip():
        raise InvalidInput(_l("Give the reason for pausing it."), field="reason")
    values = {"state": S.PAUSED, "state_before_pause": assignment.state}
    _move(assignment, Action.PAUSE, actor, now, values, reason.strip())


def resume(assignment: Assignment, actor: Actor, now: datetime, note=None) -> None:
    """The office resumes paused work in the state it was paused in."""
    require_aware(now)
    _check(assignment, Action.RESUME, actor)
    previous = assignment.state_before_pause or S.IN_PROGRESS
    _move(
        assignment, Action.RESUME, actor, now, {"state": previous, "state_before_pause": None}, note
    )


def cancel(assignment: Assignment, actor: Actor, reason: str, now: datetime) -> None:
    """The office withdraws the assignment."""
    require_aware(now)
    _check(assignment, Action.CANCEL, actor)
    if not (reason or "").strip():
        raise InvalidInput(_l("Give the reason for cancelling it."), field="reason")
    _move(assignment, Action.CANCEL, actor, now, {"state": S.CANCELLED}, reason.strip())


def reopen(assignment: Assignment, actor: Actor, reason: str, now: datetime) -> None:
    """The office reopens finished or cancelled work; the completion record is cleared."""
    require_aware(now)
    _check(assignment, Action.REOPEN, actor)
    if not (reason or "").strip():
        raise InvalidInput(_l("Give the reason for reopening it."), field="reason")
    values = {
        "state": S.IN_PROGRESS,
        "completed_on": None,
        "completed_late": None,
        "reported_done_on": None,
    }
    _move(assignment, Action.REOPEN, actor, now, values, reason.strip())
