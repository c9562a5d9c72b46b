"""An assignment's page, its evidence files, and what agencies report on it."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, current_app, flash, redirect, send_file, url_for
from flask_babel import gettext as _
from flask_login import login_required

from tracker.domain import workflow
from tracker.domain.errors import DomainError, PermissionDenied
from tracker.domain.permissions import require_agency_side
from tracker.domain.work import assignment as assigning
from tracker.domain.work.evidence import Upload, check_uploads, store_evidence, stored_path
from tracker.extensions import db
from tracker.models import Agency, Attachment
from tracker.web.access import current_actor, visible_assignment_or_404
from tracker.web.assignments.blueprint import bp
from tracker.web.assignments.forms import FORMS
from tracker.web.assignments.page import delegate_choices, render_assignment
from tracker.web.clock import policy, request_now
from tracker.web.forms import show_domain_error

#: the forms an agency (or the office on its behalf) sends
AGENCY_FORMS = frozenset({"progress", "completion", "extension", "delegate"})


@bp.get("/assignments/<int:assignment_id>")
@login_required
def show(assignment_id: int):
    return render_assignment(visible_assignment_or_404(assignment_id))


@bp.get("/attachments/<int:attachment_id>")
@login_required
def attachment(attachment_id: int):
    item = db.get_or_404(Attachment, attachment_id)
    visible_assignment_or_404(item.assignment_id)
    path = stored_path(item, current_app.config["UPLOAD_DIR"])
    if not path.is_file():
        abort(404)
    response = send_file(
        path, mimetype=item.content_type, as_attachment=True, download_name=item.filename
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def uploads_from(form) -> list[Upload]:
    """The files chosen in the form (an empty file input sends a nameless part)."""
    limit = current_app.config["MAX_EVIDENCE_BYTES"]
    return [
        Upload(storage.filename, storage.stream.read(limit + 1))
        for storage in (form.files.data or [])
        if storage and storage.filename
    ]


def act(assignment_id: int, name: str, action: Callable, done_message: str, back=None):
    """Validate form `name`, run `action(assignment, form, actor, now)`, commit, redirect
    (to `back` when given, else to the assignment's page)."""
    assignment = visible_assignment_or_404(assignment_id)
    if name in AGENCY_FORMS:
        try:
            require_agency_side(current_actor(), assignment.agency_id)
        except PermissionDenied:
            abort(403)  # a leader sees the page but reports nothing
    form = FORMS[name](prefix=name)
    if name == "delegate":
        form.agencies.choices = delegate_choices(assignment)
    if not form.validate_on_submit():
        return render_assignment(assignment, 422, **{name: form})
    try:
        action(assignment, form, current_actor(), request_now())
    except PermissionDenied:
        db.session.rollback()
        abort(403)
    except DomainError as error:
        db.session.rollback()
        show_domain_error(form, error, {"requested_deadline": "requested_deadline"})
        return render_assignment(assignment, 422, **{name: form})
    db.session.commit()
    flash(done_message, "success")
    return redirect(back or url_for("assignments.show", assignment_id=assignment.id))


def _with_evidence(report):
    def run(assignment, form, actor, now):
        uploads = uploads_from(form)
        limit = current_app.config["MAX_EVIDENCE_BYTES"]
        check_uploads(uploads, limit)
        update = report(assignment, form, actor, now)
        store_evidence(
            assignment, update, uploads, actor, now, current_app.config["UPLOAD_DIR"], limit
        )

    return run


@bp.post("/assignments/<int:assignment_id>/progress")
@login_required
def report_progress(assignment_id: int):
    def report(assignment, form, actor, now):
        return workflow.report_progress(assignment, actor, form.percent.data, form.note.data, now)

    return act(assignment_id, "progress", _with_evidence(report), _("Progress reported."))


@bp.post("/assignments/<int:assignment_id>/completion")
@login_required
def report_completion(assignment_id: int):
    def report(assignment, form, actor, now):
        return workflow.report_completion(assignment, actor, form.note.data, now, policy())

    message = _("Completion reported. The standing office will confirm it.")
    return act(assignment_id, "completion", _with_evidence(report), message)


@bp.post("/assignments/<int:assignment_id>/extension")
@login_required
def request_extension(assignment_id: int):
    def run(assignment, form, actor, now):
        assigning.request_extension(
            assignment, actor, form.requested_deadline.data, form.reason.data, now, policy()
        )

    return act(assignment_id, "extension", run, _("Extension requested."))


@bp.post("/assignments/<int:assignment_id>/delegate")
@login_required
def delegate(assignment_id: int):
    def run(assignment, form, actor, now):
        agencies = [db.session.get(Agency, agency_id) for agency_id in form.agencies.data or []]
        assigning.delegate(assignment, [a for a in agencies if a], actor, now, form.deadline.data)

    return act(assignment_id, "delegate", run, _("Delegated."))
