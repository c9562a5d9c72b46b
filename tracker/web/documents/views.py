"""Documents (notices): list, record, edit, and each one's directives with their progress."""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import login_required

from tracker.domain.history import history_for
from tracker.domain.states import DocumentKind
from tracker.domain.work import tasks as task_rules
from tracker.domain.work.evidence import clean_filename
from tracker.domain.work.pages import document_page, document_tasks
from tracker.domain.work.progress import summarise
from tracker.web.access import (
    OFFICE_ROLES,
    current_actor,
    roles_required,
    visible_document_or_404,
)
from tracker.web.clock import policy, request_now
from tracker.web.documents.forms import DocumentForm
from tracker.web.forms import done, saving

bp = Blueprint("documents", __name__, template_folder="templates")
PER_PAGE = 30


@bp.get("/documents")
@login_required
def index():
    page = max(request.args.get("page", 1, type=int), 1)
    documents, counts = document_page(current_actor(), page, PER_PAGE)
    return render_template("documents/index.html", documents=documents, counts=counts)


@bp.route("/documents/new", methods=["GET", "POST"])
@roles_required(*OFFICE_ROLES)
def create():
    form = DocumentForm()
    if form.validate_on_submit():
        values = form.values()
        values["kind"] = DocumentKind(values["kind"])
        with saving(form) as saved:
            document = task_rules.create_document(current_actor(), request_now(), **values)
        if saved:
            message = _("The document has been recorded.")
            return done(message, url_for("documents.show", document_id=document.id))
    return render_template("documents/form.html", form=form, document=None)


@bp.get("/documents/<int:document_id>")
@login_required
def show(document_id: int):
    document = visible_document_or_404(document_id)
    now, rules = request_now(), policy()
    tasks = document_tasks(current_actor(), document)
    summaries = [summarise(task, now, rules) for task in tasks]
    events = history_for(("document", [document.id]))
    return render_template(
        "documents/show.html", document=document, summaries=summaries, events=events
    )


@bp.get("/documents/<int:document_id>/original")
@login_required
def original(document_id: int):
    """The file an imported notice was read from, to those who may see the document."""
    document = visible_document_or_404(document_id)
    if not document.original_stored_name:
        abort(404)
    path = Path(current_app.config["UPLOAD_DIR"]) / Path(document.original_stored_name).name
    if not path.is_file():
        abort(404)
    response = send_file(
        path,
        mimetype=document.original_content_type or "application/octet-stream",
        as_attachment=True,
        download_name=clean_filename(document.original_filename or "") or "notice",
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/documents/<int:document_id>/edit", methods=["GET", "POST"])
@roles_required(*OFFICE_ROLES)
def edit(document_id: int):
    document = visible_document_or_404(document_id)  # the office sees every notice
    form = DocumentForm(obj=document)
    if request.method == "GET":
        form.kind.data = document.kind.value
    if form.validate_on_submit():
        values = form.values()
        values["kind"] = DocumentKind(values["kind"])
        with saving(form) as saved:
            task_rules.update_document(document, current_actor(), request_now(), **values)
        if saved:
            message = _("The document has been saved.")
            return done(message, url_for("documents.show", document_id=document.id))
    return render_template("documents/form.html", form=form, document=document)
