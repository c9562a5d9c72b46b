"""Giving tasks to agencies: assignment, delegation down the hierarchy, deadlines, extensions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from tracker.domain import audit, events
from tracker.domain.clock import Policy, require_aware
from tracker.domain.errors import InvalidInput, TransitionRefused
from tracker.domain.permissions import (
    Actor,
    descendant_agency_ids,
    require_agency_side,
    require_office,
)
from tracker.domain.states import OPEN_STATES, AssignmentRole, ExtensionState, WorkState
from tracker.extensions import db
from tracker.models import Agency, Assignment, ExtensionRequest, Task


def can_delegate(assignment: Assignment) -> bool:
    """Whether the work is open to be passed down (not awaiting, paused or finished)."""
    return assignment.state in (WorkState.NOT_STARTED, WorkState.IN_PROGRESS, WorkState.RETURNED)


def can_change_deadline(assignment: Assignment) -> bool:
    """Whether the deadline may still move (open or paused work, not finished work)."""
    return assignment.state in OPEN_STATES or assignment.state == WorkState.PAUSED


def can_request_extension(assignment: Assignment, *, check_pending: bool = True) -> bool:
    """Whether the agency may ask for more time: open work, and no request already waiting."""
    if assignment.state not in OPEN_STATES:
        return False
    return not check_pending or pending_extension(assignment) is None


def pending_extension(assignment: Assignment) -> ExtensionRequest | None:
    """The extension request waiting for a decision, if any."""
    return next(
        (r for r in assignment.extension_requests if r.state == ExtensionState.PENDING), None
    )


def _refuse_duplicates(task: Task, agencies: Iterable[Agency]) -> None:
    taken = {a.agency_id for a in task.assignments}
    for agency in agencies:
        if agency.id in taken:
            raise InvalidInput(
                _l("%(agency)s is already assigned this task.", agency=agency.name),
                field="agencies",
            )


def assign(
    task: Task,
    agencies: Iterable[Agency],
    role: AssignmentRole,
    actor: Actor,
    now: datetime,
    deadline: date | None = None,
) -> list[Assignment]:
    """The office gives `task` to each agency, with the task's deadline unless one is given."""
    require_aware(now)
    require_office(actor)
    agencies = list(dict.fromkeys(agencies))
    if not agencies:
        raise InvalidInput(_l("Choose at least one agency."), field="agencies")
    _refuse_duplicates(task, agencies)
    inactive = [a.name for a in agencies if not a.active]
    if inactive:
        raise InvalidInput(
            _l("Inactive agencies cannot be assigned: %(names)s", names=", ".join(inactive)),
            field="agencies",
        )
    effective = deadline if deadline is not None else task.deadline
    return [
        _new_assignment(
            Assignment(task=task, agency=agency, role=role),
            effective,
            actor,
            now,
            "assignment.create",
            {"agency": (None, agency.code), "role": (None, role), "deadline": (None, effective)},
        )
        for agency in agencies
    ]


def _new_assignment(
    assignment: Assignment, effective: date | None, actor: Actor, now: datetime, action, changes
) -> Assignment:
    """`assignment`, not started, due on `effective`: added, recorded in the history under
    `action` with `changes`, and announced (its agency is mailed)."""
    assignment.state, assignment.progress = WorkState.NOT_STARTED, 0
    assignment.original_deadline = assignment.deadline = effective
    assignment.created_by_id, assignment.created_at, assignment.updated_at = actor.user_id, now, now
    db.session.add(assignment)
    audit.record(actor, action, assignment, now, changes)
    events.assignment_created.send(assignment, actor=actor, now=now)
    return assignment


def delegate(
    parent: Assignment,
    agencies: Iterable[Agency],
    actor: Actor,
    now: datetime,
    deadline: date | None = None,
) -> list[Assignment]:
    """An agency passes its assignment down to agencies below it, in the same role; their
    progress rolls up (work.rollup)."""
    require_aware(now)
    require_agency_side(actor, parent.agency_id)
    if not can_delegate(parent):
        raise TransitionRefused(_l("Only open work can be delegated."))
    agencies = list(dict.fromkeys(agencies))
    if not agencies:
        raise InvalidInput(_l("Choose at least one agency."), field="agencies")
    below = descendant_agency_ids({parent.agency_id}) - {parent.agency_id}
    outside = [a.name for a in agencies if a.id not in below]
    if outside:
        raise InvalidInput(
            _l(
                "Work can only be delegated to agencies below yours: %(names)s",
                names=", ".join(outside),
            ),
            field="agencies",
        )
    effective = deadline if deadline is not None else parent.deadline
    if parent.deadline and effective and effective > parent.deadline:
        raise InvalidInput(_l("The deadline cannot be later than your own."), field="deadline")
    _refuse_duplicates(parent.task, agencies)
    return [
        _new_assignment(
            Assignment(task=parent.task, agency=agency, role=parent.role, parent=parent),
            effective,
            actor,
            now,
            "assignment.delegate",
            {
                "agency": (None, agency.code),
                "parent": (None, parent.id),
                "deadline": (None, effective),
            },
        )
        for agency in agencies
    ]


def change_deadline(
    assignment: Assignment, actor: Actor, new_deadline: date | None, reason: str, now: datetime
) -> None:
    """The office moves an assignment's deadline; the reason is kept in its history."""
    require_aware(now)
    require_office(actor)
    if not (reason or "").strip():
        raise InvalidInput(_l("Give the reason for the change."), field="reason")
    if not can_change_deadline(assignment):
        raise TransitionRefused(_l("The deadline of finished work cannot change."))
    changes = audit.set_fields(assignment, {"deadline": new_deadline})
    if not changes:
        raise InvalidInput(_l("That is already the deadline."), field="deadline")
    assignment.updated_at = now
    audit.record(actor, "assignment.deadline", assignment, now, changes, reason.strip())
    events.deadline_changed.send(
        assignment,
        actor=actor,
        now=now,
        reason=reason.strip(),
        old_deadline=changes["deadline"][0],
        new_deadline=new_deadline,
    )


def change_task_deadline(
    task: Task, actor: Actor, new_deadline: date | None, reason: str, now: datetime
) -> list[Assignment]:
    """Move a task's deadline and, with it, every open assignment that followed the old one."""
    require_aware(now)
    require_office(actor)
    if not (reason or "").strip():
        raise InvalidInput(_l("Give the reason for the change."), field="reason")
    old = task.deadline
    changes = audit.set_fields(task, {"deadline": new_deadline})
    if not changes:
        raise InvalidInput(_l("That is already the deadline."), field="deadline")
    audit.record(actor, "task.deadline", task, now, changes, reason.strip())
    moved = []
    for assignment in task.assignments:
        if assignment.state in OPEN_STATES and assignment.deadline == old:
            change_deadline(assignment, actor, new_deadline, reason, now)
            moved.append(assignment)
    return moved


def request_extension(
    assignment: Assignment,
    actor: Actor,
    requested: date,
    reason: str,
    now: datetime,
    policy: Policy,
) -> ExtensionRequest:
    """The agency asks for a later deadline, with a reason; one request waits at a time."""
    require_aware(now)
    require_agency_side(actor, assignment.agency_id)
    if not can_request_extension(assignment, check_pending=False):
        raise TransitionRefused(_l("Only open work can be extended."))
    if not (reason or "").strip():
        raise InvalidInput(_l("Give the reason for the extension."), field="reason")
    if requested is None:
        raise InvalidInput(_l("Give the new date you ask for."), field="requested_deadline")
    if requested < policy.today(now):
        raise InvalidInput(_l("The new date cannot be in the past."), field="requested_deadline")
    if assignment.deadline and requested <= assignment.deadline:
        raise InvalidInput(
            _l("The new date must be later than the current deadline."),
            field="requested_deadline",
        )
    pending = db.session.scalar(
        sa.select(ExtensionRequest.id).where(
            ExtensionRequest.assignment_id == assignment.id,
            ExtensionRequest.state == ExtensionState.PENDING,
        )
    )
    if pending:
        raise TransitionRefused(_l("An extension request is already waiting for a decision."))
    request = ExtensionRequest(
        assignment=assignment,
        requested_deadline=requested,
        reason=reason.strip(),
        state=ExtensionState.PENDING,
        requested_by_id=actor.user_id,
        requested_at=now,
    )
    db.session.add(request)
    audit.record(
        actor,
        "extension.request",
        assignment,
        now,
        {"requested_deadline": (assignment.deadline, requested)},
        reason.strip(),
    )
    return request


def decide_pending_extension(
    assignment: Assignment,
    actor: Actor,
    approve: bool,
    now: datetime,
    *,
    new_deadline: date | None = None,
    note: str | None = None,
) -> ExtensionRequest:
    """Decide the request waiting on `assignment` (see decide_extension); refused when none is."""
    request = pending_extension(assignment)
    if request is None:
        raise TransitionRefused(_l("This request has already been decided."))
    decide_extension(request, actor, approve, now, new_deadline=new_deadline, note=note)
    return request


def decide_extension(
    request: ExtensionRequest,
    actor: Actor,
    approve: bool,
    now: datetime,
    *,
    new_deadline: date | None = None,
    note: str | None = None,
) -> None:
    """The office approves (with the requested or another date) or rejects with a reason."""
    require_aware(now)
    require_office(actor)
    if request.state != ExtensionState.PENDING:
        raise TransitionRefused(_l("This request has already been decided."))
    note = (note or "").strip() or None
    assignment = request.assignment
    granted = new_deadline or request.requested_deadline
    if not approve and not note:
        raise InvalidInput(_l("Give the reason for rejecting it."), field="note")
    if approve and assignment.deadline and granted <= assignment.deadline:
        raise InvalidInput(
            _l("The new date must be later than the current deadline."), field="new_deadline"
        )
    request.decided_by_id, request.decided_at, request.decision_note = actor.user_id, now, note
    if not approve:
        request.state = ExtensionState.REJECTED
        audit.record(actor, "extension.reject", assignment, now, {}, note)
        events.extension_decided.send(request, actor=actor, now=now, approved=False)
        return
    request.state, request.approved_deadline = ExtensionState.APPROVED, granted
    changes = audit.set_fields(assignment, {"deadline": granted})
    assignment.updated_at = now
    audit.record(actor, "extension.approve", assignment, now, changes, note)
    events.extension_decided.send(request, actor=actor, now=now, approved=True)
