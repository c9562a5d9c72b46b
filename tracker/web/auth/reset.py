"""Password reset links: signed, expiring, and single-use (they carry the credentials version,
which the new password moves on). The mail is an account mail of tracker.reminders: its link
is made at delivery, never stored in the outbox."""

from __future__ import annotations

from datetime import datetime

from flask import current_app

from tracker.domain.accounts.password_links import user_for_password_token
from tracker.models import User
from tracker.reminders.account_mails import password_link_minutes, record_account_mail


def user_for_token(token: str, now: datetime) -> User | None:
    """The user a valid, unexpired, unused token names; None otherwise."""
    config = current_app.config
    return user_for_password_token(config["SECRET_KEY"], token, now, password_link_minutes(config))


def record_reset_mail(user: User, now: datetime) -> None:
    """Record the reset e-mail in the outbox (the sender delivers it, making its link)."""
    record_account_mail(user, now, "password_reset")
