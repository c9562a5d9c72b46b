"""An agency's own work, grouped by how urgent it is (the same groups as the weekly digest)."""

from __future__ import annotations

from flask import Blueprint, render_template

from tracker.domain.labels import URGENCY_LABELS
from tracker.domain.states import Role
from tracker.domain.work.my_work import my_work
from tracker.web.access import current_actor, roles_required
from tracker.web.clock import policy, request_now

bp = Blueprint("mytasks", __name__, template_folder="templates")


@bp.get("/my-tasks")
@roles_required(Role.AGENCY)
def index():
    grouped = my_work(current_actor(), request_now(), policy())
    return render_template("mytasks/index.html", groups=URGENCY_LABELS.items(), grouped=grouped)
