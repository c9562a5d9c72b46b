"""The link page: the agency's assignment(s), and a form to report progress or completion.

Whoever holds the link acts as an officer of that agency only (Actor label "link:<id>"),
through the same workflow functions as a logged-in officer, with via_link=True.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from tracker.domain import workflow
from tracker.domain.accounts.links import link_actor, link_assignments, link_covers, resolve_link
from tracker.domain.errors import DomainError
from tracker.domain.labels import STATE_LABELS
from tracker.extensions import db
from tracker.models import Assignment
from tracker.web.clock import policy, request_now
from tracker.web.link.forms import LinkReportForm

bp = Blueprint("link", __name__, url_prefix="/link", template_folder="templates")


def _live_link(token: str):
    link = resolve_link(current_app.config["SECRET_KEY"], token, request_now())
    if link is None:
        abort(404)
    return link


def _page(token, link, form=None, failed_id=None, status=200):
    actor = link_actor(link)
    rows = [(a, workflow.allowed_actions(a, actor)) for a in link_assignments(link)]
    return render_template(
        "link/assignments.html",
        token=token,
        link=link,
        rows=rows,
        form=form,
        failed_id=failed_id,
        empty_form=LinkReportForm(formdata=None),
        state_labels=STATE_LABELS,
    ), status


@bp.get("/<token>")
def open_link(token: str):
    link = _live_link(token)
    return _page(token, link)


@bp.post("/<token>/<int:assignment_id>")
def report(token: str, assignment_id: int):
    link = _live_link(token)
    assignment = db.get_or_404(Assignment, assignment_id)
    if not link_covers(link, assignment):
        abort(404)
    form = LinkReportForm()
    if not form.validate():
        return _page(token, link, form, assignment_id, 400)
    actor, now = link_actor(link), request_now()
    try:
        if form.kind.data == "completion":
            workflow.report_completion(
                assignment, actor, form.note.data, now, policy(), via_link=True
            )
        else:
            workflow.report_progress(
                assignment, actor, form.percent.data, form.note.data, now, via_link=True
            )
    except DomainError as error:
        db.session.rollback()
        form.form_errors.append(str(error.message))
        return _page(token, link, form, assignment_id, 400)
    db.session.commit()
    flash(_("Thank you: your report was recorded."), "success")
    return redirect(url_for("link.open_link", token=token))


from tracker.web.link import manage  # noqa: E402, F401 - the management routes join bp
