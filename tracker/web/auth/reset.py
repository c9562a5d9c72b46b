"""Password reset links: signed, expiring, and single-use (they carry the credentials version,
which the new password moves on)."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer

from tracker.extensions import db
from tracker.models import User
from tracker.reminders.outbox import record_mail

SALT = "password-reset"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_token(user: User) -> str:
    """A signed token naming the user and their current credentials version."""
    return _serializer().dumps({"u": user.id, "v": user.credentials_version})


def user_for_token(token: str, now: datetime) -> User | None:
    """The user a valid, unexpired, unused token names; None otherwise."""
    minutes = int(current_app.config.get("PASSWORD_RESET_MINUTES", 60))
    try:
        data, signed_at = _serializer().loads(token, max_age=minutes * 60, return_timestamp=True)
    except BadSignature:
        return None
    if (now - signed_at).total_seconds() > minutes * 60:
        return None  # the app's clock (FIXED_NOW in tests) decides, not only the machine's
    user = db.session.get(User, data.get("u")) if isinstance(data, dict) else None
    if user is None or not user.active or user.credentials_version != data.get("v"):
        return None
    return user


def record_reset_mail(user: User, now: datetime) -> None:
    """Record the reset e-mail in the outbox (the sender delivers it)."""
    token = make_token(user)
    link = current_app.config["BASE_URL"].rstrip("/") + url_for("auth.reset_password", token=token)
    minutes = int(current_app.config.get("PASSWORD_RESET_MINUTES", 60))
    with force_locale(user.locale or "vi"):
        context = {"user": user, "link": link, "minutes": minutes}
        subject = _("Reset your password")
        body_text = render_template("auth/email/reset.txt", **context)
        body_html = render_template("auth/email/reset.html", **context)
    record_mail(
        kind="password_reset",
        dedup_key=f"password_reset:{user.id}:{token[-24:]}",
        to=[user.email],
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        now=now,
        locale=user.locale or "vi",
    )
