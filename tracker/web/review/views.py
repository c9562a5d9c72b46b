"""The standing office's review queue: completion reports and extension requests waiting."""

from __future__ import annotations

from flask import Blueprint, render_template

from tracker.domain.work.pages import review_queue
from tracker.web.access import OFFICE_ROLES, roles_required
from tracker.web.assignments.forms import ConfirmForm

bp = Blueprint("review", __name__, template_folder="templates")


@bp.get("/review")
@roles_required(*OFFICE_ROLES)
def index():
    reports, extensions = review_queue()
    return render_template(
        "review/index.html",
        reports=reports,
        extensions=extensions,
        confirm_form=ConfirmForm(formdata=None, prefix="confirm"),
    )
