"""Forms of the reports area: calendar feeds and API tokens."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length


class FeedForm(FlaskForm):
    agency = SelectField(_l("Deadlines of"), coerce=int)


class TokenForm(FlaskForm):
    name = StringField(
        _l("Token name"),
        validators=[DataRequired(_l("Give the token a name.")), Length(max=100)],
    )


class RevokeForm(FlaskForm):
    """Only the CSRF token: the object is in the URL."""
