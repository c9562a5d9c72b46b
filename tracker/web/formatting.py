"""How dates, times and statuses appear: dd/mm/yyyy, Asia/Ho_Chi_Minh, official labels."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l

from tracker.domain.clock import zone
from tracker.domain.states import TimeStatus

TIME_STATUS_LABELS = {
    TimeStatus.DONE_ON_TIME: _l("Done on time"),
    TimeStatus.DONE_LATE: _l("Done late"),
    TimeStatus.ON_TRACK: _l("In progress within deadline"),
    TimeStatus.DUE_SOON: _l("Due soon"),
    TimeStatus.OVERDUE: _l("Overdue"),
    TimeStatus.NO_DEADLINE: _l("No deadline"),
}


def format_date(value: date | datetime | None) -> str:
    """dd/mm/yyyy; an instant is first put in the office's time zone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(zone(current_app.config["TIMEZONE"])).date()
    return value.strftime("%d/%m/%Y")


def format_datetime(value: datetime | None) -> str:
    """dd/mm/yyyy HH:MM in the office's time zone."""
    if value is None:
        return ""
    return value.astimezone(zone(current_app.config["TIMEZONE"])).strftime("%d/%m/%Y %H:%M")


def register_formatting(app: Flask) -> None:
    """Template filters for dates and statuses."""
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_global(TIME_STATUS_LABELS, "TIME_STATUS_LABELS")
