"""An assignment's page, its evidence files, and what agencies report on it."""

from __future__ import annotations

from flask import abort, current_app, send_file
from flask_babel import gettext as _
from flask_login import login_required

from tracker.domain import workflow
from tracker.domain.agency_tree import agencies_by_id
from tracker.domain.work import assignment as assigning
from tracker.domain.work.evidence import Upload, check_uploads, store_evidence, stored_path
from tracker.extensions import db
from tracker.models import Attachment
from tracker.web.access import current_actor, visible_assignment_or_404
from tracker.web.assignments.blueprint import bp
from tracker.web.assignments.page import render_assignment
from tracker.web.assignments.posting import on_the_page, page_url, posted, uploads_from
from tracker.web.clock import policy, request_now
from tracker.web.forms import done


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


def _checked_uploads(form) -> list[Upload]:
    """The form's files, refused before anything is recorded when one is not acceptable."""
    uploads = uploads_from(form)
    check_uploads(uploads, current_app.config["MAX_EVIDENCE_BYTES"])
    return uploads


def _store(assignment, update, uploads: list[Upload], now) -> None:
    """The files, kept as evidence of the report `update`."""
    limit, folder = current_app.config["MAX_EVIDENCE_BYTES"], current_app.config["UPLOAD_DIR"]
    store_evidence(assignment, update, uploads, current_actor(), now, folder, limit)


@bp.post("/assignments/<int:assignment_id>/progress")
@login_required
def report_progress(assignment_id: int):
    assignment, form = posted(assignment_id, "progress")
    with on_the_page(assignment, "progress", form):
        uploads, now = _checked_uploads(form), request_now()
        update = workflow.report_progress(
            assignment, current_actor(), form.percent.data, form.note.data, now
        )
        _store(assignment, update, uploads, now)
    return done(_("Progress reported."), page_url(assignment))


@bp.post("/assignments/<int:assignment_id>/completion")
@login_required
def report_completion(assignment_id: int):
    assignment, form = posted(assignment_id, "completion")
    with on_the_page(assignment, "completion", form):
        uploads, now = _checked_uploads(form), request_now()
        update = workflow.report_completion(
            assignment, current_actor(), form.note.data, now, policy()
        )
        _store(assignment, update, uploads, now)
    message = _("Completion reported. The standing office will confirm it.")
    return done(message, page_url(assignment))


@bp.post("/assignments/<int:assignment_id>/extension")
@login_required
def request_extension(assignment_id: int):
    assignment, form = posted(assignment_id, "extension")
    with on_the_page(assignment, "extension", form):
        assigning.request_extension(
            assignment,
            current_actor(),
            form.requested_deadline.data,
            form.reason.data,
            request_now(),
            policy(),
        )
    return done(_("Extension requested."), page_url(assignment))


@bp.post("/assignments/<int:assignment_id>/delegate")
@login_required
def delegate(assignment_id: int):
    assignment, form = posted(assignment_id, "delegate")
    agencies = agencies_by_id(form.agencies.data or [])
    with on_the_page(assignment, "delegate", form):
        assigning.delegate(assignment, agencies, current_actor(), request_now(), form.deadline.data)
    return done(_("Delegated."), page_url(assignment))
