"""Account mails: a password reset, or the first password of a new account.

Built by the same builders and layout as every other mail, recorded in the caller's
transaction; the link's token is made by the sender at delivery (tracker.reminders.links), so
the outbox never holds a usable link, and the link's minutes count from delivery. Only
administrators see account mails in the outbox.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from flask import current_app

from tracker.models import Notification, User
from tracker.reminders.builders import ACCOUNT_SUBJECTS, build_account_mail
from tracker.reminders.links import password_url
from tracker.reminders.outbox import record_mail_once

#: the kinds of mail that carry an account's password link
ACCOUNT_KINDS = frozenset(ACCOUNT_SUBJECTS)


def password_link_minutes(config) -> int:
    """How long a password link works after its mail is delivered."""
    return int(config.get("PASSWORD_RESET_MINUTES", 60))


def record_account_mail(
    user: User, now: datetime, kind: str = "password_reset"
) -> Notification | None:
    """Record a password mail to `user` (the caller commits); None if already recorded."""
    config = current_app.config
    locale = user.locale or "vi"
    link = password_url(str(config["BASE_URL"]).rstrip("/"))
    built = build_account_mail(kind, user.name, link, password_link_minutes(config), locale)
    return record_mail_once(
        kind=kind,
        dedup_key=f"{kind}:{user.id}:{secrets.token_hex(8)}",
        to=[user.email],
        subject=built.subject,
        body_text=built.body_text,
        body_html=built.body_html,
        now=now,
        user_id=user.id,
        locale=locale,
    )
