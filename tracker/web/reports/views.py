"""The reports area's index page; each report has its own route module on the same blueprint."""

from __future__ import annotations

from flask import render_template
from flask_login import login_required

from tracker.web.reports.blueprint import bp
from tracker.web.reports.notice_views import recent_documents


@bp.get("/reports")
@login_required
def index():
    return render_template("reports/index.html", documents=recent_documents(limit=100))
