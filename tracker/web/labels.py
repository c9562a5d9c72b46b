"""The label tables (tracker.domain.labels) for forms and templates."""

from __future__ import annotations

from flask import Flask
from flask_babel import get_locale
from wtforms import SelectChoice

from tracker.domain import labels


def choices(table: dict) -> list[SelectChoice]:
    """The options of a select field, from a label table."""
    return [SelectChoice(key.value, label) for key, label in table.items()]


def register_labels(app: Flask) -> None:
    """Make every label table (and the current locale) available to templates."""
    app.add_template_global(get_locale, "get_locale")
    for name in (
        "ROLE_LABELS", "LEVEL_LABELS", "KIND_LABELS", "RECURRENCE_LABELS", "PRIORITY_LABELS",
        "ASSIGNMENT_ROLE_LABELS", "EXTENSION_LABELS", "UPDATE_KIND_LABELS", "STATE_LABELS",
        "TIME_STATUS_LABELS", "MAIL_KIND_LABELS", "MAIL_STATUS_LABELS", "UNREACHABLE_LABELS",
    ):  # fmt: skip
        app.add_template_global(getattr(labels, name), name)
