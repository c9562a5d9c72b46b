"""The sender: claims due outbox rows, delivers them over one SMTP connection, records results.

No database transaction is open while talking SMTP: rows are claimed in a short transaction
(`claimed_until`, so another sender leaves them alone), sent, and each result is written in a
short transaction of its own right after the server answers. A sender killed mid-batch leaves
its unsent rows claimed until the claim lapses; the next sender takes them, and what was
already sent is marked sent. Only a kill between the server's "250 OK" and that commit can
repeat a mail: SMTP itself gives no exactly-once hand-over, and the Message-ID stays the same.
"""

from __future__ import annotations

import hashlib
import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

import sqlalchemy as sa

from tracker.extensions import db
from tracker.models import Notification, NotificationStatus
from tracker.reminders.outbox import NO_MAIL_SERVER, _clean_header

N = Notification
PENDING = NotificationStatus.PENDING
#: first retry after a minute, then 2, 4, 8 … minutes, never more than six hours apart
BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=6)
#: errors after which the connection is still usable for the next message
_MESSAGE_ERRORS = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,
    smtplib.SMTPNotSupportedError,
    ValueError,
)


@dataclass(frozen=True)
class SmtpSettings:
    host: str | None
    port: int = 25
    use_tls: bool = False
    use_ssl: bool = False
    username: str | None = None
    password: str | None = None
    timeout: float = 20.0
    sender: str = "tracker@localhost"
    max_attempts: int = 6

    @classmethod
    def from_config(cls, config) -> SmtpSettings:
        """Build from the MAIL_* settings."""
        return cls(
            host=config.get("MAIL_SERVER") or None,
            port=int(config.get("MAIL_PORT") or 25),
            use_tls=bool(config.get("MAIL_USE_TLS")),
            use_ssl=bool(config.get("MAIL_USE_SSL")),
            username=config.get("MAIL_USERNAME") or None,
            password=config.get("MAIL_PASSWORD") or None,
            timeout=float(config.get("MAIL_TIMEOUT_SECONDS") or 20),
            sender=config.get("MAIL_DEFAULT_SENDER") or "tracker@localhost",
            max_attempts=int(config.get("MAIL_MAX_ATTEMPTS") or 6),
        )


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0  #: attempts that failed (retried later, or given up)
    held: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Outgoing:
    id: int
    recipients: list[str]
    message: EmailMessage


def backoff(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failure."""
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)


def message_id(row: Notification, domain: str) -> str:
    """A stable Message-ID: a mail sent again after a crash carries the same one."""
    digest = hashlib.sha256(row.dedup_key.encode()).hexdigest()[:16]
    return f"<tracker.{row.id}.{digest}@{domain}>"


def build_message(row: Notification, sender: str, now: datetime) -> EmailMessage:
    """The MIME message for an outbox row: plain text and HTML alternatives, UTF-8."""
    msg = EmailMessage()
    msg["From"] = _clean_header(sender)
    msg["To"] = ", ".join(_clean_header(a) for a in row.to_addrs)
    if row.cc_addrs:
        msg["Cc"] = ", ".join(_clean_header(a) for a in row.cc_addrs)
    msg["Subject"] = _clean_header(row.subject)
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = row.message_id or message_id(row, sender.rpartition("@")[2] or "localhost")
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Tracker-Key"] = _clean_header(row.dedup_key)
    msg.set_content(row.body_text, charset="utf-8")
    msg.add_alternative(row.body_html, subtype="html", charset="utf-8")
    return msg


def hold_pending(now: datetime) -> int:
    """Without a mail server every due row is held, with the reason; the caller commits."""
    result = db.session.execute(
        sa.update(N)
        .where(N.status == PENDING, N.next_attempt_at <= now)
        .values(status=NotificationStatus.HELD, last_error=NO_MAIL_SERVER, claimed_until=None)
    )
    return result.rowcount


def claim(now: datetime, limit: int, lease: timedelta, sender: str) -> list[Outgoing]:
    """Take up to `limit` due rows for this sender and commit at once (a short transaction)."""
    claimable = sa.and_(
        N.status == PENDING,
        N.next_attempt_at <= now,
        sa.or_(N.claimed_until.is_(None), N.claimed_until < now),
    )
    due = (
        sa.select(N.id)
        .where(claimable)
        .order_by(N.next_attempt_at, N.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    stmt = sa.update(N).where(N.id.in_(due.scalar_subquery()), claimable)
    stmt = stmt.values(claimed_until=now + lease).returning(N.id)
    ids = list(db.session.scalars(stmt, execution_options={"synchronize_session": False}))
    rows = db.session.scalars(sa.select(N).where(N.id.in_(ids)).order_by(N.id)).all()
    outgoing = []
    for row in rows:
        msg = build_message(row, sender, now)
        row.message_id = row.message_id or msg["Message-ID"]
        outgoing.append(Outgoing(row.id, [*row.to_addrs, *row.cc_addrs], msg))
    db.session.commit()
    return outgoing


def _fast_commit() -> None:
    """Make this short transaction's commit cheap without losing it if *we* crash: PostgreSQL
    does not wait for its WAL flush (only a crash of the database server itself within a
    fraction of a second could lose the mark, repeating one mail); SQLite in WAL mode syncs at
    checkpoints rather than on every commit (a process crash loses nothing)."""
    conn = db.session.connection()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
    elif conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA synchronous = NORMAL")


def mark_sent(notification_id: int, now: datetime, refused: dict) -> None:
    """Record a delivery at once, in its own short transaction."""
    _fast_commit()
    note = "; ".join(f"{addr}: {code} {text!r}" for addr, (code, text) in refused.items())
    db.session.execute(
        sa.update(N)
        .where(N.id == notification_id)
        .values(
            status=NotificationStatus.SENT,
            sent_at=now,
            attempts=N.attempts + 1,
            claimed_until=None,
            last_error=f"refused: {note}" if note else None,
        )
    )
    db.session.commit()


def mark_failed(notification_id: int, now: datetime, error: str, max_attempts: int) -> None:
    """Keep the error; retry later with backoff, or give up (FAILED) after the last attempt."""
    row = db.session.get(N, notification_id, populate_existing=True)
    row.attempts += 1
    row.last_error = error[:2000]
    row.claimed_until = None
    if row.attempts >= max_attempts:
        row.status = NotificationStatus.FAILED
    else:
        row.next_attempt_at = now + backoff(row.attempts)
    db.session.commit()


def release(ids: list[int], error: str) -> None:
    """Give claimed rows back untouched (the server was unreachable): they stay pending."""
    if ids:
        db.session.execute(
            sa.update(N)
            .where(N.id.in_(ids), N.status == PENDING)
            .values(claimed_until=None, last_error=error[:2000])
        )
    db.session.commit()


def describe(error: BaseException) -> str:
    """A readable one-line reason for an SMTP or network error."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        parts = [f"{a}: {c} {m.decode(errors='replace')}" for a, (c, m) in error.recipients.items()]
        return "recipients refused: " + "; ".join(parts)
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__}: {error.smtp_code} {error.smtp_error!r}"
    if isinstance(error, socket.timeout | TimeoutError):
        return f"timed out: {error}"
    return f"{type(error).__name__}: {error}"


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    """One SMTP connection, every call bounded by the timeout, TLS certificates verified."""
    context = ssl.create_default_context()
    if settings.use_ssl:
        conn = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    else:
        conn = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        if settings.use_tls and not settings.use_ssl:
            conn.starttls(context=context)
        if settings.username:
            conn.login(settings.username, settings.password or "")
    except BaseException:
        conn.close()
        raise
    return conn


def send_batch(conn: smtplib.SMTP, batch: list[Outgoing], now, settings, report) -> bool:
    """Send a claimed batch over `conn`; False when the connection broke (the rest released)."""
    for position, out in enumerate(batch):
        try:
            refused = conn.send_message(out.message, settings.sender, out.recipients)
        except _MESSAGE_ERRORS as error:  # this message only: the connection goes on
            mark_failed(out.id, now, describe(error), settings.max_attempts)
            report.failed += 1
            report.errors.append(describe(error))
            continue
        except (OSError, smtplib.SMTPException) as error:  # the connection is gone
            mark_failed(out.id, now, describe(error), settings.max_attempts)
            release([o.id for o in batch[position + 1 :]], describe(error))
            report.failed += 1
            report.errors.append(describe(error))
            return False
        mark_sent(out.id, now, refused)
        report.sent += 1
    return True


def deliver_pending(
    now: datetime,
    config,
    *,
    batch_size: int = 200,
    lease: timedelta = timedelta(minutes=10),
) -> DeliveryReport:
    """Deliver every due outbox row, batch by batch, one SMTP connection per batch."""
    settings, report = SmtpSettings.from_config(config), DeliveryReport()
    db.session.commit()  # start from no open transaction
    if not settings.host:
        report.held = hold_pending(now)
        db.session.commit()
        return report
    while batch := claim(now, batch_size, lease, settings.sender):
        try:
            conn = connect(settings)
        except (OSError, smtplib.SMTPException) as error:
            release([o.id for o in batch], describe(error))  # server down: stay pending
            report.errors.append(describe(error))
            return report
        try:
            intact = send_batch(conn, batch, now, settings, report)
        finally:
            _close(conn)
        if not intact:
            return report
    return report


def _close(conn: smtplib.SMTP) -> None:
    try:
        conn.quit()
    except (OSError, smtplib.SMTPException):
        conn.close()
