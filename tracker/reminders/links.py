"""Secrets in mails are made at delivery, never stored readable in the outbox.

A mail's body is recorded with a placeholder where its link's token goes; the sender makes the
token (an AccessLink for the agency, or a password token for the account) when it delivers the
mail, so nobody who can read the outbox can use a link, and a link's validity counts from the
moment the mail goes out, not from when it was decided. A mail sent again gets a new token.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime

import sqlalchemy as sa

from tracker.domain.accounts.links import issue_link
from tracker.domain.accounts.password_links import make_password_token
from tracker.extensions import db
from tracker.models import User
from tracker.reminders.mime import MailParts

#: where an agency's access token goes (the link opens the row's agency, or its one assignment)
ACCESS_MARK = "{tracker:access-token}"
#: where an account's password token goes (the row's user)
PASSWORD_MARK = "{tracker:password-token}"  # noqa: S105 - a placeholder, not a secret
#: tokens written into bodies before placeholders existed, hidden when the outbox shows them
_OLD_TOKENS = re.compile(r"(/link/|/password/reset/)[A-Za-z0-9_.\-]{16,}")


def access_url(base_url: str, assignment_id: int | None = None) -> str:
    """The address of an agency's access link, its token a placeholder."""
    anchor = f"#a{assignment_id}" if assignment_id else ""
    return f"{base_url}/link/{ACCESS_MARK}{anchor}"


def password_url(base_url: str) -> str:
    """The address of a password link, its token a placeholder."""
    return f"{base_url}/password/reset/{PASSWORD_MARK}"


def _fill(parts: MailParts, mark: str, token: str) -> MailParts:
    return dataclasses.replace(
        parts,
        body_text=parts.body_text.replace(mark, token),
        body_html=parts.body_html.replace(mark, token),
    )


def _uses(parts: MailParts, mark: str) -> bool:
    return mark in parts.body_text or mark in parts.body_html


def with_links(batch: list[MailParts], now: datetime, settings) -> list[MailParts]:
    """The batch with every placeholder replaced by a token made now (the caller commits the
    AccessLink rows before sending). A placeholder with nothing to open becomes empty."""
    user_ids = {p.user_id for p in batch if p.user_id is not None and _uses(p, PASSWORD_MARK)}
    users = {}
    if user_ids:
        users = {u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_(user_ids)))}
    filled = []
    for parts in batch:
        if _uses(parts, ACCESS_MARK):
            token, key = "", settings.secret_key
            if parts.agency_id is not None:
                token = issue_link(
                    key, parts.agency_id, now, settings.link_days, parts.assignment_id
                )
            parts = _fill(parts, ACCESS_MARK, token)
        if _uses(parts, PASSWORD_MARK):
            user = users.get(parts.user_id) if parts.user_id is not None else None
            token = make_password_token(settings.secret_key, user, now) if user else ""
            parts = _fill(parts, PASSWORD_MARK, token)
        filled.append(parts)
    return filled


def redacted(body: str, label: str) -> str:
    """A stored body as the outbox shows it: placeholders (and any token stored by older
    versions) replaced by `label`."""
    body = body.replace(ACCESS_MARK, label).replace(PASSWORD_MARK, label)
    return _OLD_TOKENS.sub(lambda match: match.group(1) + label, body)
