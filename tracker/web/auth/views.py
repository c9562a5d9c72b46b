"""Logging in and out, changing and resetting passwords, choosing the language."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.domain.accounts import brake, sessions
from tracker.domain.accounts.users import find_user, set_password, verify_password
from tracker.domain.errors import DomainError
from tracker.domain.permissions import actor_for_user
from tracker.extensions import db
from tracker.web.auth.forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    LanguageForm,
    LoginForm,
    ResetPasswordForm,
)
from tracker.web.auth.reset import record_reset_mail, user_for_token
from tracker.web.auth.session import SESSION_KEY
from tracker.web.clock import request_now
from tracker.web.forms import show_domain_error

bp = Blueprint("auth", __name__, template_folder="templates")


def safe_next(target: str | None) -> str | None:
    """A local path to return to; anything pointing elsewhere is dropped."""
    if not target or has_control_characters(target) or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def has_control_characters(text: str) -> bool:
    """Whether `text` holds a C0 control character or DEL (no URL or address needs one)."""
    return any(ord(char) < 0x20 or ord(char) == 0x7F for char in text)


DEVICE_COOKIE_DAYS = 365


def _client_ip() -> str:
    return request.remote_addr or "unknown"


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next"))
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form)
    if has_control_characters(form.next.data or ""):
        abort(400)  # refused before any password is checked or session opened
    now, ip, device = request_now(), _client_ip(), request.cookies.get(device_cookie_name())
    user = find_user(form.email.data)
    rules = brake.LoginBrake.from_config(current_app.config)
    trust = brake.trust_for(user, ip, device)
    admitted = brake.admit_login(rules, form.email.data, ip, trust, device, now)
    db.session.commit()  # counted before the password is checked: parallel guesses see it
    if not admitted:
        form.form_errors.append(_("Too many failed attempts. Try again in a few minutes."))
        return render_template("auth/login.html", form=form), 429
    if not verify_password(user, form.password.data) or not user.active:
        db.session.rollback()
        form.password.errors.append(_("Wrong e-mail or password."))
        return render_template("auth/login.html", form=form)
    brake.login_succeeded(form.email.data, ip, device)
    chosen = session.get("lang")  # picked on the login page: it wins over the stored one
    if chosen in current_app.config["LANGUAGES"]:
        user.locale = chosen
    device = device or secrets.token_urlsafe(32)
    token = sessions.start_session(user, now, ip, request.user_agent.string, device)
    db.session.commit()
    _start_cookie(token, user)
    response = redirect(safe_next(form.next.data) or url_for("main.index"))
    _remember_device(response, device)
    return response


def device_cookie_name() -> str:
    """`__Host-device` wherever the session cookie is `__Host-` too."""
    host_only = current_app.config["SESSION_COOKIE_NAME"].startswith("__Host-")
    return "__Host-device" if host_only else "device"


def _remember_device(response, device: str) -> None:
    """A long-lived random cookie: a later login from this browser passes the brake."""
    response.set_cookie(
        device_cookie_name(),
        device,
        max_age=DEVICE_COOKIE_DAYS * 24 * 3600,
        path="/",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )


def _start_cookie(token: str, user) -> None:
    session.clear()  # a fresh cookie: nothing from before carries over
    session[SESSION_KEY] = token
    session["lang"] = user.locale


@bp.post("/logout")
def logout():
    sessions.end_session(session.get(SESSION_KEY), request_now())
    db.session.commit()
    session.clear()
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        if not verify_password(user, form.current_password.data):
            form.current_password.errors.append(_("This is not your current password."))
            return render_template("auth/change_password.html", form=form)
        now = request_now()
        try:
            set_password(user, actor_for_user(user), form.new_password.data, now)
        except DomainError as error:
            show_domain_error(form, error, {"password": "new_password"})
            return render_template("auth/change_password.html", form=form)
        sessions.end_other_sessions(user, None, now)  # this one too: a new token follows
        new_token = sessions.start_session(user, now, _client_ip(), request.user_agent.string)
        db.session.commit()
        _start_cookie(new_token, user)
        flash(_("Your password has been changed. Your other sessions have ended."), "success")
        return redirect(url_for("main.index"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user, now = find_user(form.email.data), request_now()
        rules = brake.LoginBrake.from_config(current_app.config)
        admitted = brake.admit_reset_mail(rules, form.email.data, _client_ip(), now)
        if admitted and user is not None and user.active:
            record_reset_mail(user, now)
        db.session.commit()
        # the same answer either way: the page must not reveal which accounts exist
        flash(_("If an account uses this address, a reset link is on its way."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    now = request_now()
    user = user_for_token(token, now)
    if user is None:
        return render_template("auth/reset_invalid.html"), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            set_password(user, actor_for_user(user), form.new_password.data, now)
        except DomainError as error:
            show_domain_error(form, error, {"password": "new_password"})
            return render_template("auth/reset_password.html", form=form, token=token)
        sessions.end_other_sessions(user, None, now)
        brake.login_succeeded(user.email, _client_ip(), None)  # proven by the mailbox
        db.session.commit()
        flash(_("Your password has been set. Log in with it."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form, token=token)


@bp.post("/language")
def set_language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["lang"] = form.lang.data
        if current_user.is_authenticated:
            current_user.locale = form.lang.data
            db.session.commit()
    return redirect(safe_next(request.form.get("next")) or url_for("main.index"))
