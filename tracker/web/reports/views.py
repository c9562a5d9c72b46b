"""The reports area's index page; each report has its own route module on the same blueprint."""

from __future__ import annotations

from flask import render_template
from flask_login import login_required

from tracker.domain.reports.figures import Scope, recent_documents
from tracker.web.access import current_actor
from tracker.web.clock import policy, request_now
from tracker.web.reports.blueprint import bp


@bp.get("/reports")
@login_required
def index():
    scope = Scope.for_actor(current_actor(), request_now(), policy())
    documents, _total = recent_documents(scope, 100)
    return render_template("reports/index.html", documents=documents)
