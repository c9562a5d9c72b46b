"""Talking to the mail server: settings, one connection, one message, readable errors.

Every call is bounded by the timeout; TLS certificates are verified.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from datetime import datetime

from tracker.reminders.mime import MailParts, email_message, mime_bytes, needs_smtputf8

#: errors after which the connection is still usable for the next message
MESSAGE_ERRORS = (
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
    """Build and send one mail over `conn`; returns the recipients the server refused."""
    if needs_smtputf8(parts, sender):
        return conn.send_message(email_message(parts, sender, now), sender, parts.recipients)
    return conn.sendmail(sender, parts.recipients, mime_bytes(parts, sender, now))


def close(conn: smtplib.SMTP) -> None:
    """QUIT politely; just close when the server is gone."""
    try:
        conn.quit()
    except (OSError, smtplib.SMTPException):
        conn.close()


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
