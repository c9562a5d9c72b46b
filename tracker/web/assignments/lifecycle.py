"""The standing office's lifecycle moves on an assignment: pause, resume, cancel, reopen."""

from __future__ import annotations

from flask_babel import gettext as _

from tracker.domain import workflow
from tracker.web.access import OFFICE_ROLES, roles_required
from tracker.web.assignments.blueprint import bp
from tracker.web.assignments.views import act


def _note(form) -> str | None:
    return (form.note.data or "").strip() or None


@bp.post("/assignments/<int:assignment_id>/pause")
@roles_required(*OFFICE_ROLES)
def pause(assignment_id: int):
    def run(assignment, form, actor, now):
        workflow.pause(assignment, actor, form.reason.data, now)

    return act(assignment_id, "pause", run, _("The assignment is paused."))


@bp.post("/assignments/<int:assignment_id>/resume")
@roles_required(*OFFICE_ROLES)
def resume(assignment_id: int):
    def run(assignment, form, actor, now):
        workflow.resume(assignment, actor, now, _note(form))

    return act(assignment_id, "resume", run, _("The assignment is resumed."))


@bp.post("/assignments/<int:assignment_id>/cancel")
@roles_required(*OFFICE_ROLES)
def cancel(assignment_id: int):
    def run(assignment, form, actor, now):
        workflow.cancel(assignment, actor, form.reason.data, now)

    return act(assignment_id, "cancel", run, _("The assignment is cancelled."))


@bp.post("/assignments/<int:assignment_id>/reopen")
@roles_required(*OFFICE_ROLES)
def reopen(assignment_id: int):
    def run(assignment, form, actor, now):
        workflow.reopen(assignment, actor, form.reason.data, now)

    return act(assignment_id, "reopen", run, _("The assignment is reopened."))
