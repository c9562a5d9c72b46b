"""What an assignment's page shows, and which forms the current user gets on it."""

from __future__ import annotations

from flask import render_template

from tracker.domain.agency_tree import agency_tree
from tracker.domain.history import history_for
from tracker.domain.permissions import descendant_agency_ids
from tracker.domain.states import Role
from tracker.domain.status import classify
from tracker.domain.work.assignment import (
    can_change_deadline,
    can_delegate,
    can_request_extension,
    pending_extension,
)
from tracker.domain.work.pages import progress_updates, visible_assignments
from tracker.domain.workflow import Action, allowed_actions
from tracker.models import Assignment
from tracker.web.access import current_actor
from tracker.web.assignments.forms import FORMS
from tracker.web.clock import policy, request_now
from tracker.web.forms import options

#: the office's lifecycle moves, each a form named after its workflow action
LIFECYCLE_FORMS = ("pause", "resume", "cancel", "reopen")


def delegate_choices(assignment: Assignment) -> list:
    """Agencies below the assigned one, not yet given this task."""
    below = descendant_agency_ids({assignment.agency_id}) - {assignment.agency_id}
    taken = {a.agency_id for a in assignment.task.assignments}
    return options(agency_tree(below - taken))


def _forms(assignment: Assignment, bound: dict) -> dict:
    forms = {}
    for name, form_class in FORMS.items():
        forms[name] = bound.get(name) or form_class(formdata=None, prefix=name)
    forms["delegate"].agencies.choices = delegate_choices(assignment)
    return forms


def _visible_forms(assignment: Assignment, forms: dict) -> set[str]:
    actor = current_actor()
    actions = set(allowed_actions(assignment, actor))
    shown = set()
    if actor.role == Role.AGENCY and actor.covers(assignment.agency_id):
        if Action.REPORT_PROGRESS in actions:
            shown.add("progress")
        if Action.REPORT_COMPLETION in actions:
            shown.add("completion")
        if can_request_extension(assignment):
            shown.add("extension")
        if can_delegate(assignment) and forms["delegate"].agencies.choices:
            shown.add("delegate")
    if actor.is_office:
        if Action.CONFIRM in actions:
            shown |= {"confirm", "return"}
        if pending_extension(assignment) is not None:
            shown.add("decide")
        if can_change_deadline(assignment):
            shown.add("deadline")
        shown |= {action.value for action in actions if action.value in LIFECYCLE_FORMS}
    return shown


def render_assignment(assignment: Assignment, status: int = 200, **bound):
    """The assignment's page; `bound` holds a posted form to show again with its errors."""
    now, rules = request_now(), policy()
    children = [
        (child, classify(child, now, rules))
        for child in visible_assignments(current_actor(), assignment.children)
    ]
    forms = _forms(assignment, bound)
    page = render_template(
        "assignments/show.html",
        assignment=assignment,
        task=assignment.task,
        status=classify(assignment, now, rules),
        updates=progress_updates(assignment),
        children=children,
        pending=pending_extension(assignment),
        forms=forms,
        # a refused form stays on the page with its message, even if the state has moved on
        shown=_visible_forms(assignment, forms) | {n for n, f in bound.items() if f.errors},
        events=history_for(("assignment", [assignment.id])),
    )
    return page, status
