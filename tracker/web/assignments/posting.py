"""What every form posted on an assignment's page goes through: who may send it, its checks,
and the page shown again (422) with the message when the domain refuses."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import abort, current_app, make_response, url_for

from tracker.domain.errors import PermissionDenied
from tracker.domain.permissions import require_agency_side
from tracker.domain.work.evidence import Upload
from tracker.models import Assignment
from tracker.web.access import current_actor, visible_assignment_or_404
from tracker.web.assignments.forms import FORMS
from tracker.web.assignments.page import delegate_choices, render_assignment
from tracker.web.forms import saving

#: the forms an agency (or the office on its behalf) sends
AGENCY_FORMS = frozenset({"progress", "completion", "extension", "delegate"})


def posted(assignment_id: int, name: str):
    """The assignment (404 when not visible) and form `name` as posted and valid. An agency's
    form from someone who cannot act for the agency gets 403 (a leader sees the page but reports
    nothing); a form that does not validate gets the page again with its errors (422)."""
    assignment = visible_assignment_or_404(assignment_id)
    if name in AGENCY_FORMS:
        try:
            require_agency_side(current_actor(), assignment.agency_id)
        except PermissionDenied:
            abort(403)
    form = FORMS[name](prefix=name)
    if name == "delegate":
        form.agencies.choices = delegate_choices(assignment)
    if not form.validate_on_submit():
        _show_again(assignment, name, form)
    return assignment, form


@contextmanager
def on_the_page(assignment: Assignment, name: str, form) -> Iterator[None]:
    """Commit the domain call inside; when the domain refuses, the page again with the message
    next to the field (422), or 403 when the actor may not do it at all."""
    with saving(form) as saved:
        yield
    if isinstance(saved.error, PermissionDenied):
        abort(403)
    if not saved:
        _show_again(assignment, name, form)


def _show_again(assignment: Assignment, name: str, form):
    abort(make_response(render_assignment(assignment, 422, **{name: form})))


def page_url(assignment: Assignment) -> str:
    return url_for("assignments.show", assignment_id=assignment.id)


def uploads_from(form) -> list[Upload]:
    """The files chosen in the form (an empty file input sends a nameless part)."""
    limit = current_app.config["MAX_EVIDENCE_BYTES"]
    return [
        Upload(storage.filename, storage.stream.read(limit + 1))
        for storage in (form.files.data or [])
        if storage and storage.filename
    ]
