"""The agency scoreboard for a quarter, half-year, year or chosen dates; XLSX and CSV."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import login_required

from tracker.domain.dates import parse_day
from tracker.domain.errors import InvalidInput
from tracker.domain.reports import exports
from tracker.domain.reports.figures import Scope
from tracker.domain.reports.tables import ScoreRow, period_bounds, scoreboard
from tracker.web.access import current_actor
from tracker.web.clock import policy, request_now
from tracker.web.dashboard.links import task_list_url
from tracker.web.reports.blueprint import bp
from tracker.web.reports.downloads import download

PER_PAGE = 100  #: agencies per page of the on-screen ranking


@dataclass
class Period:
    kind: str
    year: int
    number: int
    start: date
    end: date
    error: str | None = None


def _date_arg(name: str) -> date | None:
    """The day in the query argument `name`; None when it is missing; InvalidInput when it is
    badly written or does not exist."""
    text = (request.args.get(name) or "").strip()
    return parse_day(text, field=name) if text else None


def chosen_period(today: date) -> Period:
    """The period in the query string; the current quarter when none or a bad one is asked."""
    kind = request.args.get("period", "quarter")
    year = request.args.get("year", today.year, type=int)
    default_number = {"quarter": (today.month - 1) // 3 + 1, "half": (today.month - 1) // 6 + 1}
    number = request.args.get("number", default_number.get(kind, 1), type=int)
    try:
        if kind == "custom":
            start, end = _date_arg("from"), _date_arg("to")
            if start is None or end is None:
                raise InvalidInput(_("Give both dates as dd/mm/yyyy."), field="from")
            if end < start:
                raise InvalidInput(_("The end date is before the start date."), field="to")
            return Period(kind, year, number, start, end)
        return Period(kind, year, number, *period_bounds(kind, year, number))
    except InvalidInput as error:
        number = default_number["quarter"]
        start, end = period_bounds("quarter", today.year, number)
        return Period("quarter", today.year, number, start, end, str(error.message))


def _board() -> tuple[Period, list[ScoreRow]]:
    scope = Scope.for_actor(current_actor(), request_now(), policy())
    period = chosen_period(scope.today)
    return period, scoreboard(scope, period.start, period.end)


def _table(rows: list[ScoreRow], *, share: bool = False) -> tuple[list[str], list[list]]:
    """Headers and rows; the rate as a share (0.5) for a percent cell when `share`, else as a
    number of percent (50.0) for CSV."""
    headers = [
        _("Rank"), _("Agency"), _("Number assigned"), _("Done on time"), _("Done late"),
        _("Open"), _("Overdue"), _("On-time rate") if share else _("On-time rate (percent)"),
    ]  # fmt: skip
    body = [
        [r.rank, r.agency_name, r.assigned, r.done_on_time, r.done_late, r.open, r.overdue,
         None if r.rate is None else (r.rate if share else round(r.rate * 100, 1))]
        for r in rows
    ]  # fmt: skip
    return headers, body


def _title(period: Period) -> str:
    return _(
        "Agency scoreboard, %(start)s – %(end)s",
        start=exports.plain_text(period.start),
        end=exports.plain_text(period.end),
    )


@bp.get("/reports/scoreboard", endpoint="scoreboard")
@login_required
def scoreboard_page():
    """The ranking, PER_PAGE agencies a page (the downloads hold every agency)."""
    period, rows = _board()
    pages = max((len(rows) + PER_PAGE - 1) // PER_PAGE, 1)
    number = min(max(request.args.get("page", 1, type=int), 1), pages)
    return render_template(
        "reports/scoreboard.html",
        period=period,
        rows=rows[(number - 1) * PER_PAGE : number * PER_PAGE],
        page={"number": number, "pages": pages},
        args={key: value for key, value in request.args.items() if key != "page"},
        title=_title(period),
        task_list_url=task_list_url,
    )


@bp.get("/reports/scoreboard.xlsx")
@login_required
def scoreboard_xlsx():
    period, rows = _board()
    headers, body = _table(rows, share=True)
    data = exports.xlsx_bytes(
        _("Scoreboard"),
        headers,
        body,
        heading=[_title(period)],
        widths=(8, 40, 10, 12, 12, 10, 10, 14),
        percent_columns=(7,),
    )
    return download(data, f"xep-hang-{period.start}-{period.end}.xlsx", exports.XLSX_TYPE)


@bp.get("/reports/scoreboard.csv")
@login_required
def scoreboard_csv():
    period, rows = _board()
    headers, body = _table(rows)
    data = exports.csv_bytes(headers, body)
    return download(data, f"xep-hang-{period.start}-{period.end}.csv", exports.CSV_TYPE)
