"""The dashboard page: counts, rates, overdue ages and the weekly trend, as tables and SVG."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_login import login_required

from tracker.domain.labels import TIME_STATUS_LABELS
from tracker.domain.reports import figures as reports
from tracker.domain.reports.dashboard import Dashboard, dashboard
from tracker.domain.states import TimeStatus
from tracker.web.access import current_actor
from tracker.web.clock import policy, request_now
from tracker.web.dashboard.charts import STATUS_COLOURS, horizontal_bars, weekly_columns
from tracker.web.dashboard.links import task_list_url

bp = Blueprint("dashboard", __name__, template_folder="templates")
AGE_LABELS = {"1-7": "1–7", "8-30": "8–30", "31+": "> 30"}


def _status_chart(figures: Dashboard, document_id):
    return horizontal_bars(
        [
            (
                str(TIME_STATUS_LABELS[status]),
                figures.overall[status],
                task_list_url(status=status.value, document=document_id),
                STATUS_COLOURS[status],
            )
            for status in TimeStatus
        ]
    )


def _age_chart(figures: Dashboard, document_id):
    today, items = figures.today, []
    for key, least, most in reports.OVERDUE_AGES:
        url = task_list_url(
            status=TimeStatus.OVERDUE.value,
            document=document_id,
            deadline_from=today - timedelta(days=most) if most else None,
            deadline_to=today - timedelta(days=least),
        )
        label = _("%(days)s days", days=AGE_LABELS[key])
        items.append((label, figures.overdue_ages[key], url, STATUS_COLOURS[TimeStatus.OVERDUE]))
    return horizontal_bars(items, width=420, label_width=110)


def _trend_chart(figures: Dashboard, document_id):
    urls = []
    for week in figures.trend:
        end = week.start + timedelta(days=6)
        done = task_list_url(status="done_on_time", document=document_id)
        late = task_list_url(
            document=document_id,
            deadline_from=week.start - timedelta(days=1),
            deadline_to=end - timedelta(days=1),
        )
        urls.append((done, late))
    return weekly_columns(
        figures.trend, urls, lambda week: _("Week of %(day)s", day=week.start.strftime("%d/%m"))
    )


@bp.get("/dashboard")
@login_required
def index():
    document_id = request.args.get("document", type=int)
    scope = reports.Scope.for_actor(
        current_actor(), request_now(), policy(), document_id=document_id
    )
    figures = dashboard(scope)
    return render_template(
        "dashboard/index.html",
        figures=figures,
        document_id=document_id,
        statuses=list(TimeStatus),
        status_chart=_status_chart(figures, document_id),
        age_chart=_age_chart(figures, document_id),
        trend_chart=_trend_chart(figures, document_id),
        task_list_url=task_list_url,
        rate=reports.on_time_rate(figures.overall),
    )
