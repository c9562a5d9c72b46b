"""Accounts, for administrators: create, deactivate and reactivate, send a reset link."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from tracker.domain.accounts import sessions
from tracker.domain.accounts.users import all_users, create_user, set_active
from tracker.domain.agency_tree import agencies_by_id, agency_tree
from tracker.domain.labels import ROLE_LABELS
from tracker.domain.states import Role
from tracker.extensions import db
from tracker.models import User
from tracker.reminders.account_mails import record_account_mail
from tracker.web.access import current_actor, roles_required
from tracker.web.auth.forms import LANGUAGES
from tracker.web.auth.reset import record_reset_mail
from tracker.web.clock import request_now
from tracker.web.forms import done, options, saving
from tracker.web.labels import choices

bp = Blueprint("users", __name__, template_folder="templates")
_REQUIRED = _l("This field is required.")


class UserForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_REQUIRED), Length(max=255)])
    name = StringField(_l("Name"), validators=[DataRequired(_REQUIRED), Length(max=255)])
    role = SelectField(_l("Role"), choices=choices(ROLE_LABELS))
    agency = SelectField(_l("Agency (for agency officers)"), coerce=str)
    locale = SelectField(_l("Language"), choices=options(LANGUAGES))


class EmptyForm(FlaskForm):
    """Just the CSRF token, for buttons."""


@bp.get("/users")
@roles_required(Role.ADMIN)
def index():
    users = all_users()
    return render_template("users/index.html", users=users, button=EmptyForm())


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def create():
    form = UserForm()
    form.agency.choices = options([("", "—"), *agency_tree()])
    if form.validate_on_submit():
        chosen = agencies_by_id([int(form.agency.data)] if form.agency.data else [])
        agency = chosen[0] if chosen else None
        now = request_now()
        with saving(form) as saved:
            user = create_user(
                current_actor(),
                now,
                email=form.email.data,
                role=form.role.data,
                password=None,
                name=form.name.data,
                agency=agency,
                locale=form.locale.data,
            )
            db.session.flush()
            record_account_mail(user, now, "set_password")  # the new user sets their own
        if saved:
            message = _("Account created; a link to set the password was sent.")
            return done(message, url_for("users.index"))
    return render_template("users/form.html", form=form)


def _target(user_id: int) -> User:
    user = db.get_or_404(User, user_id)
    if user.id == current_user.id:
        abort(400)  # administrators do not lock themselves out
    return user


@bp.post("/users/<int:user_id>/active")
@roles_required(Role.ADMIN)
def toggle_active(user_id: int):
    user = _target(user_id)
    if EmptyForm().validate_on_submit():
        now = request_now()
        set_active(user, current_actor(), not user.active, now)
        sessions.end_other_sessions(user, None, now)
        db.session.commit()
        flash(_("Saved."), "success")
    return redirect(url_for("users.index"))


@bp.post("/users/<int:user_id>/reset")
@roles_required(Role.ADMIN)
def send_reset(user_id: int):
    user = db.get_or_404(User, user_id)
    if EmptyForm().validate_on_submit() and user.active:
        record_reset_mail(user, request_now())
        db.session.commit()
        flash(_("A password reset link was sent to %(email)s.", email=user.email), "success")
    return redirect(url_for("users.index"))
