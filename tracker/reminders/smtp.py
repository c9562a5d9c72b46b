"""Talking to the mail server through Flask-Mail: settings, one connection, one message,
readable errors.

Flask-Mail's Message and Connection, each with a thin subclass for what they lack: every call
bounded by the timeout, TLS certificates verified, per-recipient refusals returned while the
connection stays usable, and message bytes written directly for speed.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.policy import SMTPUTF8
from types import SimpleNamespace

from flask_mail import Connection, Message

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


class TrackerMessage(Message):
    """Flask-Mail's Message for one outbox mail. Its bytes are written directly (mime.py):
    the email package Flask-Mail builds with takes several milliseconds per mail, more than
    the SMTP exchange. Non-ASCII addresses go as SMTPUTF8."""

    def __init__(self, parts: MailParts, sender: str, now: datetime):
        super().__init__(
            subject=parts.subject,
            recipients=list(parts.envelope),
            body=parts.body_text,
            html=parts.body_html,
            sender=sender,
            date=now.timestamp(),
        )
        self.parts, self.now = parts, now
        self.utf8 = needs_smtputf8(parts, sender)
        if self.utf8:
            self.mail_options = ["SMTPUTF8", "BODY=8BITMIME"]

    def as_bytes(self) -> bytes:
        if self.utf8:
            message = email_message(self.parts, str(self.sender), self.now)
            return message.as_bytes(policy=SMTPUTF8)
        return mime_bytes(self.parts, str(self.sender), self.now)


class TrackerConnection(Connection):
    """Flask-Mail's Connection with what it lacks: every call bounded by a timeout, TLS
    certificates verified, and a message's refusals returned (per recipient) with the
    connection kept for the next message."""

    def __init__(self, settings: SmtpSettings):
        # only what Connection reads of its Mail: the settings come from SmtpSettings
        super().__init__(SimpleNamespace(suppress=False, max_emails=None, debug=0))  # type: ignore[arg-type]
        self.settings = settings

    def configure_host(self) -> smtplib.SMTP:
        settings = self.settings
        host: smtplib.SMTP
        # verified TLS; the context is made only when needed (loading the CA store takes
        # a sizeable fraction of a second)
        context = ssl.create_default_context() if settings.use_ssl or settings.use_tls else None
        if settings.use_ssl:
            host = smtplib.SMTP_SSL(
                settings.host or "", settings.port, timeout=settings.timeout, context=context
            )
        else:
            host = smtplib.SMTP(settings.host or "", settings.port, timeout=settings.timeout)
        try:
            if context is not None and not settings.use_ssl:
                host.starttls(context=context)
            if settings.username:
                host.login(settings.username, settings.password or "")
        except BaseException:
            host.close()
            raise
        return host

    def send(self, message: TrackerMessage, envelope_from=None) -> dict:  # type: ignore[override]
        """Send one message; the recipients the server refused (the others took it)."""
        if message.has_bad_headers():
            raise ValueError("line break in an e-mail header value")
        if self.host is None:
            raise smtplib.SMTPServerDisconnected("not connected")
        return self.host.sendmail(
            str(message.sender),
            [str(address) for address in message.recipients],
            message.as_bytes(),
            message.mail_options,
            message.rcpt_options,
        )

    @property
    def sock(self):
        """The socket, None once the connection is closed (smtplib closes it after a 421)."""
        return self.host.sock if self.host is not None else None

    def __exit__(self, *_exc) -> None:
        close(self)


def connect(settings: SmtpSettings) -> TrackerConnection:
    """One connection to the mail server, open."""
    return TrackerConnection(settings).__enter__()


def send_one(conn: TrackerConnection, parts: MailParts, sender: str, now: datetime) -> dict:
    """Send one mail over `conn` to the recipients still missing it; returns the recipients
    the server refused."""
    return conn.send(TrackerMessage(parts, sender, now))


def close(conn: TrackerConnection) -> None:
    """QUIT politely; just close when the server is gone."""
    if conn.host is None:
        return
    try:
        conn.host.quit()
    except (OSError, smtplib.SMTPException):
        conn.host.close()
    conn.host = None


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
