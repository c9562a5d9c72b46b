"""The standing office's decisions on an assignment: confirm, return, extensions, deadline."""

from __future__ import annotations

from flask import request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tracker.domain import workflow
from tracker.domain.errors import InvalidInput, TransitionRefused
from tracker.domain.work import assignment as assigning
from tracker.domain.work.assignment import pending_extension
from tracker.web.access import OFFICE_ROLES, roles_required
from tracker.web.assignments.blueprint import bp
from tracker.web.assignments.views import act


@bp.post("/assignments/<int:assignment_id>/confirm")
@roles_required(*OFFICE_ROLES)
def confirm(assignment_id: int):
    def run(assignment, form, actor, now):
        workflow.confirm_completion(assignment, actor, now, (form.note.data or "").strip() or None)

    # from the review queue, the office goes on with the next report in the queue
    back = url_for("review.index") if request.args.get("back") == "review" else None
    return act(assignment_id, "confirm", run, _("Completion confirmed."), back)


@bp.post("/assignments/<int:assignment_id>/return")
@roles_required(*OFFICE_ROLES)
def return_for_rework(assignment_id: int):
    def run(assignment, form, actor, now):
        workflow.return_for_rework(assignment, actor, form.reason.data, now)

    return act(assignment_id, "return", run, _("Returned to the agency."))


@bp.post("/assignments/<int:assignment_id>/extension/decide")
@roles_required(*OFFICE_ROLES)
def decide_extension(assignment_id: int):
    def run(assignment, form, actor, now):
        request = pending_extension(assignment)
        if request is None:
            raise TransitionRefused(_l("This request has already been decided."))
        approve = form.decision.data == "approve"
        if approve and form.new_deadline.data is None and request.requested_deadline is None:
            raise InvalidInput(_l("Give the new deadline."), field="new_deadline")
        assigning.decide_extension(
            request, actor, approve, now, new_deadline=form.new_deadline.data, note=form.note.data
        )

    return act(assignment_id, "decide", run, _("Decision recorded."))


@bp.post("/assignments/<int:assignment_id>/deadline")
@roles_required(*OFFICE_ROLES)
def change_deadline(assignment_id: int):
    def run(assignment, form, actor, now):
        new = None if form.ongoing.data else form.deadline.data
        assigning.change_deadline(assignment, actor, new, form.reason.data, now)

    return act(assignment_id, "deadline", run, _("Deadline changed."))
