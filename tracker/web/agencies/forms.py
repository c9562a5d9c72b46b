"""Agency registry forms: one agency, and a CSV to import."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from tracker.domain.labels import LEVEL_LABELS
from tracker.web.labels import choices

_REQUIRED = _l("This field is required.")


class AgencyForm(FlaskForm):
    code = StringField(
        _l("Code"),
        validators=[DataRequired(_REQUIRED), Length(max=64)],
        render_kw={"placeholder": "h-trangdinh"},
    )
    name = StringField(_l("Name"), validators=[DataRequired(_REQUIRED), Length(max=255)])
    level = SelectField(_l("Level"), choices=choices(LEVEL_LABELS))
    parent = SelectField(_l("Parent agency"), coerce=str, validators=[Optional()])
    aliases = TextAreaField(
        _l("Other names in notices (one a line)"),
        validators=[Optional(), Length(max=5000)],
        render_kw={"rows": 3},
    )
    emails = TextAreaField(
        _l("Contact e-mails (one a line; the first is the head's)"),
        validators=[Optional(), Length(max=5000)],
        render_kw={"rows": 3},
    )
    active = BooleanField(_l("Active"), default=True)


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a CSV file."))])


class ImportConfirmForm(FlaskForm):
    csv_text = HiddenField(validators=[DataRequired()])


def lines(text: str | None) -> list[str]:
    """Non-empty lines (commas and semicolons separate too)."""
    raw = (text or "").replace(";", "\n").replace(",", "\n")
    return [line.strip() for line in raw.splitlines() if line.strip()]
