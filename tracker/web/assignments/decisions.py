"""The standing office's decisions on an assignment: confirm, return, extensions, deadline."""

from __future__ import annotations

from flask import request, url_for
from flask_babel import gettext as _

from tracker.domain import workflow
from tracker.domain.work import assignment as assigning
from tracker.web.access import OFFICE_ROLES, current_actor, roles_required
from tracker.web.assignments.blueprint import bp
from tracker.web.assignments.posting import on_the_page, page_url, posted
from tracker.web.clock import request_now
from tracker.web.forms import done


def note(form) -> str | None:
    """The form's optional note, None when left empty."""
    return (form.note.data or "").strip() or None


@bp.post("/assignments/<int:assignment_id>/confirm")
@roles_required(*OFFICE_ROLES)
def confirm(assignment_id: int):
    assignment, form = posted(assignment_id, "confirm")
    with on_the_page(assignment, "confirm", form):
        workflow.confirm_completion(assignment, current_actor(), request_now(), note(form))
    # from the review queue, the office goes on with the next report in the queue
    back = url_for("review.index") if request.args.get("back") == "review" else None
    return done(_("Completion confirmed."), back or page_url(assignment))


@bp.post("/assignments/<int:assignment_id>/return")
@roles_required(*OFFICE_ROLES)
def return_for_rework(assignment_id: int):
    assignment, form = posted(assignment_id, "return")
    with on_the_page(assignment, "return", form):
        workflow.return_for_rework(assignment, current_actor(), form.reason.data, request_now())
    return done(_("Returned to the agency."), page_url(assignment))


@bp.post("/assignments/<int:assignment_id>/extension/decide")
@roles_required(*OFFICE_ROLES)
def decide_extension(assignment_id: int):
    assignment, form = posted(assignment_id, "decide")
    with on_the_page(assignment, "decide", form):
        assigning.decide_pending_extension(
            assignment,
            current_actor(),
            form.decision.data == "approve",
            request_now(),
            new_deadline=form.new_deadline.data,
            note=form.note.data,
        )
    return done(_("Decision recorded."), page_url(assignment))


@bp.post("/assignments/<int:assignment_id>/deadline")
@roles_required(*OFFICE_ROLES)
def change_deadline(assignment_id: int):
    assignment, form = posted(assignment_id, "deadline")
    new = None if form.ongoing.data else form.deadline.data
    with on_the_page(assignment, "deadline", form):
        assigning.change_deadline(assignment, current_actor(), new, form.reason.data, request_now())
    return done(_("Deadline changed."), page_url(assignment))
