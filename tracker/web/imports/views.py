"""Importing a notice: paste or upload, review what was read, confirm."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.domain.calendar import WorkCalendar
from tracker.domain.errors import DomainError
from tracker.domain.notices import draft as edits
from tracker.domain.notices import read_notice
from tracker.domain.notices import saved_drafts as import_drafts
from tracker.domain.notices.draft import NoticeDraft, draft_from_reading, early_deadlines
from tracker.domain.notices.importing import (
    confirm_import,
    draft_duplicates,
    draft_problems,
    registry_refs,
    store_original,
)
from tracker.extensions import db
from tracker.web.access import OFFICE_ROLES, current_actor, roles_required
from tracker.web.clock import request_now
from tracker.web.forms import show_domain_error
from tracker.web.imports import review
from tracker.web.imports.forms import ReadForm, ReviewForm
from tracker.web.imports.upload import max_megabytes, notice_input
from tracker.web.reach import warn_unreachable

bp = Blueprint("imports", __name__, url_prefix="/imports", template_folder="templates")
EDITS = {
    "merge": edits.merge_with_next,
    "drop": edits.drop,
    "add": edits.add_after,
}


@bp.route("/", methods=["GET", "POST"])
@roles_required(*OFFICE_ROLES)
def new():
    form, now = ReadForm(), request_now()
    if form.validate_on_submit():
        try:
            text, upload = notice_input(form)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            return _start_review(text, upload, form.issued_on.data, now)
    drafts = import_drafts.open_drafts(current_user.id, now)
    return render_template("imports/new.html", form=form, drafts=drafts, max_mb=max_megabytes())


def _start_review(text, upload, issued_on, now):
    calendar = WorkCalendar.load()  # "trong 5 ngày làm việc" counts the office's working days
    reading = read_notice(
        text, registry_refs(), issued_on=issued_on, add_working_days=calendar.add_working_days
    )
    draft = draft_from_reading(reading, text)
    upload_dir = current_app.config["UPLOAD_DIR"]
    original = store_original(upload.filename, upload.data, upload_dir) if upload else None
    import_drafts.purge_expired_drafts(now, upload_dir)
    row = import_drafts.create_draft(current_user.id, draft, now, original)
    db.session.commit()
    return redirect(url_for("imports.review_draft", draft_id=row.id))


def _owned_or_404(draft_id: str):
    row = import_drafts.owned_draft(draft_id, current_user.id, request_now())
    if row is None:
        abort(404)
    return row


@bp.get("/<draft_id>")
@roles_required(*OFFICE_ROLES)
def review_draft(draft_id: str):
    row = _owned_or_404(draft_id)
    if row.document_id is not None:
        return redirect(url_for("documents.show", document_id=row.document_id))
    draft = NoticeDraft.from_json(row.data)
    form = ReviewForm(formdata=None, data=review.form_data(draft, row.version))
    return _render(row, draft, review.prepare(form, review.agency_choices()))


def _render(row, draft: NoticeDraft, form: ReviewForm):
    return render_template(
        "imports/review.html",
        row=row,
        draft=draft,
        form=form,
        early=early_deadlines(draft),
        duplicates=draft_duplicates(draft),
        unreachable=review.unreachable_chosen(draft),
        agency_names=review.agency_names(draft),
        review=review,
    )


@bp.post("/<draft_id>")
@roles_required(*OFFICE_ROLES)
def update(draft_id: str):
    row, now = _owned_or_404(draft_id), request_now()
    if row.document_id is not None:
        flash(_("This notice has already been imported."), "info")
        return redirect(url_for("documents.show", document_id=row.document_id))
    form = review.prepare(ReviewForm(), review.agency_choices())
    draft = NoticeDraft.from_json(row.data)
    if form.version.data != str(row.version) or len(form.directives) != len(draft.directives):
        flash(_("The draft was changed in another window; here is its latest state."), "warning")
        return redirect(url_for("imports.review_draft", draft_id=row.id))
    valid = form.validate()
    review.apply_form(draft, form)
    action, _sep, argument = request.form.get("action", "save").partition(":")
    if not valid:
        return _keep_and_show(row, draft, form, now, _("Correct the marked fields."))
    if action == "confirm":
        return _confirm(row, draft, form, now)
    _edit(draft, action, argument)
    import_drafts.save_draft(row, draft, now)
    db.session.commit()
    return redirect(url_for("imports.review_draft", draft_id=row.id, _anchor=_anchor(argument)))


def _edit(draft: NoticeDraft, action: str, argument: str) -> None:
    index = int(argument) if argument.lstrip("-").isdigit() else -1
    if action == "split":
        offset = request.form.get(f"directives-{index}-split_at", type=int)
        if offset:
            edits.split_at(draft, index, offset)
    elif action in EDITS:
        EDITS[action](draft, index)


def _anchor(argument: str) -> str | None:
    return f"directive-{argument}" if argument.isdigit() else None


def _keep_and_show(row, draft: NoticeDraft, form: ReviewForm, now, message: str):
    """Save what was right, show the page again with what was typed and the errors."""
    import_drafts.save_draft(row, draft, now)
    db.session.commit()
    form.version.data = str(row.version)
    flash(message, "error")
    return _render(row, draft, form), 422


def _confirm(row, draft: NoticeDraft, form: ReviewForm, now):
    problems = draft_problems(draft)
    if problems:
        review.show_problems(form, problems)
        return _keep_and_show(row, draft, form, now, _("Correct the marked fields."))
    actor = current_actor()
    try:
        outcome = confirm_import(
            draft, actor, now, import_key=row.id, original=import_drafts.stored_original(row)
        )
    except DomainError as error:
        db.session.rollback()
        review.show_problems(form, [(error.field, error.message)])
        return _render(row, draft, form), 422
    row.document_id = outcome.document.id
    import_drafts.save_draft(row, draft, now)
    db.session.commit()
    if outcome.created:
        count = len(draft.directives)
        flash(_("The notice has been imported with %(n)s tasks.", n=count), "success")
        warn_unreachable({a.agency_id for t in outcome.document.tasks for a in t.assignments})
    return redirect(url_for("documents.show", document_id=outcome.document.id))
