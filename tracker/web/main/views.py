"""The front page (the health checks are in tracker/ops/web.py)."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tracker.domain.states import Role

bp = Blueprint("main", __name__)

#: links to areas other packages add, shown when present (endpoint, label, roles)
NAV_EXTRAS = (
    # an agency officer's dashboard counts only their agencies and those below
    ("dashboard.index", _l("Dashboard"), (Role.ADMIN, Role.OFFICE, Role.VIEWER, Role.AGENCY)),
    ("imports.new", _l("Import a notice"), (Role.ADMIN, Role.OFFICE)),
    ("reports.index", _l("Reports"), (Role.ADMIN, Role.OFFICE, Role.VIEWER)),
    ("outbox.index", _l("Outbox"), (Role.ADMIN, Role.OFFICE)),
)


@bp.app_context_processor
def navigation():
    def nav_extras():
        if not current_user.is_authenticated:
            return []
        return [
            {"url": url_for(endpoint), "label": label}
            for endpoint, label, roles in NAV_EXTRAS
            if endpoint in current_app.view_functions and current_user.role in roles
        ]

    return {"nav_extras": nav_extras}


@bp.get("/")
@login_required
def index():
    if current_user.role == Role.AGENCY:
        return redirect(url_for("mytasks.index"))
    return redirect(url_for("tasks.index"))
