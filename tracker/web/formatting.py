"""How dates, times and numbers appear: dd/mm/yyyy in Asia/Ho_Chi_Minh; 100,0% in Vietnamese."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask, current_app
from flask_babel import format_decimal

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


def format_percent(share: float | None, digits: int = 1) -> str:
    """A share as a percent in the user's language: 1.0 → "100,0%" (vi), "100.0%" (en);
    None → "—"."""
    if share is None:
        return "—"
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(share * 100, format=pattern) + "%"


def format_number(value: float, digits: int = 1) -> str:
    """A number in the user's language: 12.5 → "12,5" (vi)."""
    return format_decimal(value, format="#,##0." + "#" * digits if digits else "#,##0")


def register_formatting(app: Flask) -> None:
    """Template filters for dates and numbers."""
    app.add_template_filter(format_percent, "percent")
    app.add_template_filter(format_number, "number")
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
