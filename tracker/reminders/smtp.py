"""Talking to the mail server: settings, one connection, one message, readable errors.

Every call is bounded by the timeout; TLS certificates are verified.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta

from tracker.reminders.mime import MailParts, email_message, mime_bytes, needs_smtputf8


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
    #: how long temporary errors are retried after the first one
    retry_window: timedelta = timedelta(hours=72)
    #: how long a sender's claim on a batch lasts (renewed while it sends)
    claim: timedelta = timedelta(minutes=10)

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
            retry_window=timedelta(hours=float(config.get("MAIL_RETRY_HOURS") or 72)),
        )


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


def send_one(conn: smtplib.SMTP, parts: MailParts, sender: str, now: datetime) -> dict:
    """Build and send one mail over `conn` to the recipients still missing it; returns the
    recipients the server refused."""
    if needs_smtputf8(parts, sender):
        return conn.send_message(email_message(parts, sender, now), sender, parts.envelope)
    return conn.sendmail(sender, parts.envelope, mime_bytes(parts, sender, now))


def close(conn: smtplib.SMTP) -> None:
    """QUIT politely; just close when the server is gone."""
    try:
        conn.quit()
    except (OSError, smtplib.SMTPException):
        conn.close()


def reply(code: int, text: bytes | str) -> str:
    """A server's reply as people read it: "550 5.1.1 No such mailbox here"."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return f"{code} {' '.join(text.split())}"


def is_temporary(code: int) -> bool:
    """4xx (and anything not a 5xx, such as a garbled reply) may succeed later; 5xx never."""
    return not 500 <= code <= 599


def describe(error: BaseException) -> str:
    """A readable one-line reason for an SMTP or network error."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        parts = [f"{a}: {reply(c, m)}" for a, (c, m) in error.recipients.items()]
        return "recipients refused: " + "; ".join(parts)
    if isinstance(error, smtplib.SMTPSenderRefused):
        return f"sender refused: {reply(error.smtp_code, error.smtp_error)}"
    if isinstance(error, smtplib.SMTPDataError):
        return f"message refused: {reply(error.smtp_code, error.smtp_error)}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__}: {reply(error.smtp_code, error.smtp_error)}"
    if isinstance(error, socket.timeout | TimeoutError):
        return f"timed out: {error}"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return f"connection lost: {error}"
    return f"{type(error).__name__}: {error}"
