"""The front page (the health checks are in tracker/ops/web.py)."""

from __future__ import annotations

from flask import Blueprint, redirect, url_for
from flask_login import current_user, login_required

from tracker.domain.states import Role

bp = Blueprint("main", __name__)


@bp.get("/")
@login_required
def index():
    if current_user.role == Role.AGENCY:
        return redirect(url_for("mytasks.index"))
    return redirect(url_for("tasks.index"))
