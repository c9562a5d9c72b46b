"""An agency's own work, grouped by how urgent it is."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from tracker.domain.states import Role, TimeStatus, WorkState
from tracker.domain.status import classify
from tracker.extensions import db
from tracker.models import Assignment, Task
from tracker.web.access import current_actor, roles_required
from tracker.web.clock import policy, request_now

bp = Blueprint("mytasks", __name__, template_folder="templates")

#: (key, heading), most urgent first; awaiting confirmation is its own group
GROUPS = (
    (TimeStatus.OVERDUE.value, _l("Overdue")),
    (TimeStatus.DUE_SOON.value, _l("Due soon")),
    (TimeStatus.ON_TRACK.value, _l("Within deadline")),
    (TimeStatus.NO_DEADLINE.value, _l("No deadline")),
    ("awaiting", _l("Awaiting confirmation")),
    ("done", _l("Done")),
)


def _group_of(assignment: Assignment, status: TimeStatus | None) -> str | None:
    if assignment.state == WorkState.AWAITING_CONFIRMATION:
        return "awaiting"
    if status in (TimeStatus.DONE_ON_TIME, TimeStatus.DONE_LATE):
        return "done"
    return status.value if status else None


@bp.get("/my-tasks")
@roles_required(Role.AGENCY)
def index():
    actor = current_actor()
    now, rules = request_now(), policy()
    assignments = db.session.scalars(
        sa.select(Assignment)
        .join(Task)
        .where(actor.agency_clause())
        .options(selectinload(Assignment.task).selectinload(Task.document))
        .options(selectinload(Assignment.agency))
        .order_by(Assignment.deadline.is_(None), Assignment.deadline, Assignment.id)
    )
    grouped: dict[str, list] = {key: [] for key, _label in GROUPS}
    for assignment in assignments:
        status = classify(assignment, now, rules)
        group = _group_of(assignment, status)
        if group is not None:
            grouped[group].append((assignment, status))
    return render_template("mytasks/index.html", groups=GROUPS, grouped=grouped)
