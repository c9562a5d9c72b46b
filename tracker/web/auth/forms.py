"""The forms of logging in, changing and resetting a password."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectField
from wtforms.validators import DataRequired, EqualTo, Length

from tracker.domain.accounts.passwords import MIN_PASSWORD_LENGTH
from tracker.web.forms import options

LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]

_REQUIRED = _l("This field is required.")


def _new_password_fields():
    new = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(_REQUIRED),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=200,
                message=_l("Use between %(min)d and %(max)d characters."),
            ),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    repeat = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(_REQUIRED), EqualTo("new_password", _l("The two do not match."))],
        render_kw={"autocomplete": "new-password"},
    )
    return new, repeat


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(_REQUIRED), Length(max=255)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_REQUIRED)],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_REQUIRED)],
        render_kw={"autocomplete": "current-password"},
    )
    new_password, repeat_password = _new_password_fields()


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_REQUIRED), Length(max=255)])


class ResetPasswordForm(FlaskForm):
    new_password, repeat_password = _new_password_fields()


class LanguageForm(FlaskForm):
    lang = SelectField(_l("Language"), choices=options(LANGUAGES))
