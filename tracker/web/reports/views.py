"""The reports area: the index page; the routes live in one module per report."""

from __future__ import annotations

from flask import render_template
from flask_login import login_required

from tracker.web.reports import calendar_views, notice_views, scoreboard_views, token_views
from tracker.web.reports.blueprint import bp

__all__ = ["bp", "calendar_views", "notice_views", "scoreboard_views", "token_views"]


@bp.get("/reports")
@login_required
def index():
    from tracker.web.reports.notice_views import recent_documents

    return render_template("reports/index.html", documents=recent_documents(limit=100))
