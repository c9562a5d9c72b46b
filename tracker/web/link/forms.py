"""The report form of the link page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional


class LinkReportForm(FlaskForm):
    kind = RadioField(
        _l("What are you reporting?"),
        choices=[
            SelectChoice("progress", _l("Progress")),
            SelectChoice("completion", _l("Completion")),
        ],
        default="progress",
        validators=[InputRequired()],
    )
    percent = IntegerField(
        _l("Progress (%)"), validators=[Optional(), NumberRange(min=0, max=100)], default=0
    )
    note = TextAreaField(_l("What has been done"), validators=[InputRequired()])


class RevokeLinksForm(FlaskForm):
    """Only the CSRF token: which link (or all) is in the URL."""
