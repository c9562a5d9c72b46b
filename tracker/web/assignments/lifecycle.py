"""The standing office's lifecycle moves on an assignment: pause, resume, cancel, reopen."""

from __future__ import annotations

from flask_babel import gettext as _

from tracker.domain import workflow
from tracker.web.access import OFFICE_ROLES, current_actor, roles_required
from tracker.web.assignments.blueprint import bp
from tracker.web.assignments.decisions import note
from tracker.web.assignments.posting import on_the_page, page_url, posted
from tracker.web.clock import request_now
from tracker.web.forms import done


@bp.post("/assignments/<int:assignment_id>/pause")
@roles_required(*OFFICE_ROLES)
def pause(assignment_id: int):
    assignment, form = posted(assignment_id, "pause")
    with on_the_page(assignment, "pause", form):
        workflow.pause(assignment, current_actor(), form.reason.data, request_now())
    return done(_("The assignment is paused."), page_url(assignment))


@bp.post("/assignments/<int:assignment_id>/resume")
@roles_required(*OFFICE_ROLES)
def resume(assignment_id: int):
    assignment, form = posted(assignment_id, "resume")
    with on_the_page(assignment, "resume", form):
        workflow.resume(assignment, current_actor(), request_now(), note(form))
    return done(_("The assignment is resumed."), page_url(assignment))


@bp.post("/assignments/<int:assignment_id>/cancel")
@roles_required(*OFFICE_ROLES)
def cancel(assignment_id: int):
    assignment, form = posted(assignment_id, "cancel")
    with on_the_page(assignment, "cancel", form):
        workflow.cancel(assignment, current_actor(), form.reason.data, request_now())
    return done(_("The assignment is cancelled."), page_url(assignment))


@bp.post("/assignments/<int:assignment_id>/reopen")
@roles_required(*OFFICE_ROLES)
def reopen(assignment_id: int):
    assignment, form = posted(assignment_id, "reopen")
    with on_the_page(assignment, "reopen", form):
        workflow.reopen(assignment, current_actor(), form.reason.data, request_now())
    return done(_("The assignment is reopened."), page_url(assignment))
