"""Forms of the reports area: calendar feeds and API tokens."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from tracker.web.forms import options


class FeedForm(FlaskForm):
    agency = SelectField(_l("Deadlines of"), coerce=int)


TOKEN_LIFETIMES = [
    ("365", _l("1 year")),
    ("90", _l("90 days")),
    ("30", _l("30 days")),
    ("7", _l("7 days")),
    ("never", _l("No expiry")),
]


class TokenForm(FlaskForm):
    name = StringField(
        _l("Token name"),
        validators=[DataRequired(_l("Give the token a name.")), Length(max=100)],
    )
    lifetime = SelectField(_l("Valid for"), choices=options(TOKEN_LIFETIMES), default="365")
    read_only = BooleanField(_l("Read only (cannot change anything)"))
    password = PasswordField(
        _l("Your password"),
        validators=[DataRequired(_l("Enter your password to create a token."))],
        render_kw={"autocomplete": "current-password"},
    )


class RevokeForm(FlaskForm):
    """Only the CSRF token: the object is in the URL."""
