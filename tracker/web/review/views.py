"""The standing office's review queue: completion reports and extension requests waiting."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template
from sqlalchemy.orm import selectinload

from tracker.domain.states import ExtensionState, WorkState
from tracker.extensions import db
from tracker.models import Assignment, ExtensionRequest
from tracker.web.access import OFFICE_ROLES, roles_required
from tracker.web.assignments.forms import ConfirmForm

bp = Blueprint("review", __name__, template_folder="templates")


@bp.get("/review")
@roles_required(*OFFICE_ROLES)
def index():
    reports = db.session.scalars(
        sa.select(Assignment)
        .where(Assignment.state == WorkState.AWAITING_CONFIRMATION)
        .options(
            selectinload(Assignment.task),
            selectinload(Assignment.agency),
            selectinload(Assignment.updates),
        )
        .order_by(Assignment.reported_done_on, Assignment.id)
    ).all()
    extensions = db.session.scalars(
        sa.select(ExtensionRequest)
        .where(ExtensionRequest.state == ExtensionState.PENDING)
        .options(
            selectinload(ExtensionRequest.assignment).selectinload(Assignment.task),
            selectinload(ExtensionRequest.assignment).selectinload(Assignment.agency),
        )
        .order_by(ExtensionRequest.requested_at, ExtensionRequest.id)
    ).all()
    return render_template(
        "review/index.html",
        reports=reports,
        extensions=extensions,
        confirm_form=ConfirmForm(formdata=None, prefix="confirm"),
    )
