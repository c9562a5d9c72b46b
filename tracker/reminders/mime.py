"""The bytes of an outbox mail: multipart/alternative, plain text and HTML, UTF-8, base64.

Written directly rather than through `email.message.EmailMessage`: the standard library's
header registry parses and refolds every header, and took several milliseconds per mail,
more than the SMTP exchange itself. What we send is always the same simple shape, so it is
written in a few lines: ASCII headers as they are (folded at commas when long), other headers
as RFC 2047 encoded words (`email.header.Header`), bodies in base64 (76-character lines,
which cannot contain the boundary). Mails to non-ASCII addresses, which need SMTPUTF8, are
the rare exception and still go through EmailMessage.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from email.header import Header
from email.message import EmailMessage
from email.utils import format_datetime

from tracker.reminders.outbox import _clean_header

CRLF = "\r\n"
#: a header line longer than this is folded (RFC 5322 recommends 78 characters)
FOLD_AT = 78


@dataclass(frozen=True)
class MailParts:
    """What a mail is made of, as the outbox row holds it."""

    id: int
    dedup_key: str
    to: list[str]
    cc: list[str]
    subject: str
    body_text: str
    body_html: str
    message_id: str | None = None
    agency_id: int | None = None
    assignment_id: int | None = None
    user_id: int | None = None  #: the account of an account mail
    delivered_to: tuple[str, ...] = ()  #: accepted by the server on an earlier attempt

    @property
    def recipients(self) -> list[str]:
        return [*self.to, *self.cc]

    @property
    def envelope(self) -> list[str]:
        """The recipients this attempt sends to: those not yet accepted."""
        done = {address.lower() for address in self.delivered_to}
        return [address for address in self.recipients if address.lower() not in done]


def message_id(notification_id: int, dedup_key: str, domain: str) -> str:
    """A stable Message-ID: a mail sent again after a crash carries the same one."""
    digest = hashlib.sha256(dedup_key.encode()).hexdigest()[:16]
    return f"<tracker.{notification_id}.{digest}@{domain}>"


def headers_of(parts: MailParts, sender: str, now: datetime) -> list[tuple[str, str]]:
    """The headers of a mail, in order, each value checked for line breaks."""
    domain = sender.rpartition("@")[2] or "localhost"
    headers = [("From", sender), ("To", ", ".join(parts.to))]
    if parts.cc:
        headers.append(("Cc", ", ".join(parts.cc)))
    headers += [
        ("Subject", parts.subject),
        ("Date", format_datetime(now)),
        ("Message-ID", parts.message_id or message_id(parts.id, parts.dedup_key, domain)),
        ("Auto-Submitted", "auto-generated"),
        ("X-Tracker-Key", parts.dedup_key),
    ]
    return [(name, _clean_header(value)) for name, value in headers]


def _header_line(name: str, value: str) -> str:
    if value.isascii():
        if len(name) + 2 + len(value) <= FOLD_AT:
            return f"{name}: {value}"
        folded = Header(value, "us-ascii", header_name=name).encode(linesep=CRLF)
    else:
        folded = Header(value, "utf-8", header_name=name).encode(linesep=CRLF)
    return f"{name}: {folded}"


def _part(subtype: str, body: str) -> str:
    encoded = base64.encodebytes(body.encode("utf-8")).decode("ascii").replace("\n", CRLF)
    return (
        f'Content-Type: text/{subtype}; charset="utf-8"{CRLF}'
        f"Content-Transfer-Encoding: base64{CRLF}{CRLF}{encoded}"
    )


def mime_bytes(parts: MailParts, sender: str, now: datetime) -> bytes:
    """The whole message, CRLF line ends, ready for smtplib's sendmail()."""
    boundary = f"=_tracker_{secrets.token_hex(12)}"  # "=_" never occurs in base64
    lines = [_header_line(name, value) for name, value in headers_of(parts, sender, now)]
    lines += ["MIME-Version: 1.0", f'Content-Type: multipart/alternative; boundary="{boundary}"']
    body = (
        f"{CRLF.join(lines)}{CRLF}{CRLF}"
        f"--{boundary}{CRLF}{_part('plain', parts.body_text)}"
        f"--{boundary}{CRLF}{_part('html', parts.body_html)}"
        f"--{boundary}--{CRLF}"
    )
    return body.encode("ascii")


def needs_smtputf8(parts: MailParts, sender: str) -> bool:
    """Whether an address is not ASCII (the mail then needs the SMTPUTF8 extension)."""
    return not all(address.isascii() for address in [sender, *parts.recipients])


def email_message(parts: MailParts, sender: str, now: datetime) -> EmailMessage:
    """The same mail as an EmailMessage (for non-ASCII addresses, sent with send_message)."""
    msg = EmailMessage()
    for name, value in headers_of(parts, sender, now):
        msg[name] = value
    msg.set_content(parts.body_text, charset="utf-8")
    msg.add_alternative(parts.body_html, subtype="html", charset="utf-8")
    return msg
