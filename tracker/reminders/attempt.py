"""One delivery attempt of one mail, judged per recipient, and its result written down.

SMTP answers per recipient: a server may take one address, refuse another for now (4xx, as
greylisting does) and refuse a third for good (5xx). Temporary refusals and a lost connection
are retried with growing back-off until the mail's retry window closes (`retry_until`, set at
the first temporary error, MAIL_RETRY_HOURS after it); permanent ones fail at once, with the
server's reply as people read it. A retry goes only to the recipients still missing the mail,
with the same Message-ID.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from tracker.domain.reachability import mark_refused_replies
from tracker.extensions import db
from tracker.models import Notification, NotificationStatus
from tracker.reminders.mime import MailParts, message_id
from tracker.reminders.smtp import TrackerConnection, describe, is_temporary, reply, send_one

log = logging.getLogger("tracker.mail")

#: first retry after a minute, then 2, 4, 8 … minutes, never more than six hours apart
BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=6)


def backoff(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt."""
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)


@dataclass
class Outcome:
    """What the server did with one attempt, per recipient."""

    delivered: list[str] = field(default_factory=list)
    temporary: dict[str, str] = field(default_factory=dict)  #: address -> reply
    permanent: dict[str, str] = field(default_factory=dict)  #: address -> reply
    connection_lost: bool = False

    @property
    def complete(self) -> bool:
        """Every recipient took the mail."""
        return not self.temporary and not self.permanent

    def summary(self) -> str:
        """The refusals in one readable line."""
        parts = [f"{a}: {r}" for a, r in {**self.permanent, **self.temporary}.items()]
        return "; ".join(parts)


def _split(refused: dict, envelope: list[str]) -> Outcome:
    outcome = Outcome(delivered=[a for a in envelope if a not in refused])
    for address, (code, text) in refused.items():
        target = outcome.temporary if is_temporary(code) else outcome.permanent
        target[address] = reply(code, text)
    return outcome


def attempt(conn: TrackerConnection, parts: MailParts, sender: str, now: datetime) -> Outcome:
    """Send `parts` once over `conn`, to the recipients still missing it."""
    envelope = parts.envelope
    try:
        outcome = _split(send_one(conn, parts, sender, now), envelope)
    except smtplib.SMTPRecipientsRefused as error:
        outcome = _split(error.recipients, [])
        for address in envelope:  # after a 421 smtplib stops asking: the rest were never tried
            if address not in error.recipients:
                outcome.temporary[address] = "421 the server closed the connection"
    except smtplib.SMTPResponseException as error:  # MAIL FROM or DATA refused: all of them
        target = {a: describe(error) for a in envelope}
        temporary = is_temporary(error.smtp_code)
        outcome = Outcome(temporary=target) if temporary else Outcome(permanent=target)
    except (smtplib.SMTPNotSupportedError, ValueError) as error:  # this mail can never go
        outcome = Outcome(permanent={a: describe(error) for a in envelope})
    except (OSError, smtplib.SMTPException) as error:  # the connection is gone
        outcome = Outcome(temporary={a: describe(error) for a in envelope})
        outcome.connection_lost = True
    # smtplib closes the connection itself after a 421 ("service closing"): nothing more on it
    outcome.connection_lost = outcome.connection_lost or conn.sock is None
    return outcome


def record_outcome(
    parts: MailParts, outcome: Outcome, now: datetime, window: timedelta, domain: str
) -> None:
    """Write an attempt that did not simply succeed for everyone, and commit."""
    row = db.session.get_one(Notification, parts.id, populate_existing=True)
    row.attempts += 1
    row.claimed_until = None
    row.message_id = row.message_id or parts.message_id or message_id(row.id, row.dedup_key, domain)
    row.delivered_to = [*(row.delivered_to or []), *outcome.delivered]
    row.refused_to = {**(row.refused_to or {}), **outcome.permanent}
    mark_refused_replies(outcome.permanent, now)  # 5xx: the contact fails (reachability)
    if outcome.delivered and row.sent_at is None:
        row.sent_at = now
    if outcome.temporary:
        row.retry_until = row.retry_until or now + window
        if now < row.retry_until:
            row.next_attempt_at = now + backoff(row.attempts)
            row.last_error = f"will retry: {outcome.summary()}"[:2000]
        else:
            row.status = NotificationStatus.FAILED
            row.last_error = f"gave up after {row.attempts} attempts: {outcome.summary()}"[:2000]
    else:
        row.status = NotificationStatus.SENT if row.delivered_to else NotificationStatus.FAILED
        row.last_error = f"refused: {outcome.summary()}"[:2000]
    log.warning("mail %s (%s): %s", row.id, row.kind, row.last_error)
    db.session.commit()
