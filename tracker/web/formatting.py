"""How dates and times appear: dd/mm/yyyy, in Asia/Ho_Chi_Minh."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask, current_app

from tracker.domain.clock import zone


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
    """Template filters for dates."""
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
