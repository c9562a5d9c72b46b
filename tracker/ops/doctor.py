"""`flask doctor`: every check an IT team needs before and after putting the tracker in
service, one ✓ or ✗ line each; any ✗ makes the exit status non-zero."""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import SQLAlchemyError

from tracker.extensions import db
from tracker.ops import health
from tracker.ops.startup import setting_problems, upload_folder_problem
from tracker.reminders.smtp import SmtpSettings, close, connect, describe


@dataclass(frozen=True)
class Check:
    ok: bool
    what: str
    detail: str = ""

    def line(self) -> str:
        mark = "✓" if self.ok else "✗"
        return f"{mark} {self.what}" + (f": {self.detail}" if self.detail else "")


def check_settings(config) -> Iterator[Check]:
    problems = setting_problems(config)
    if not problems:
        yield Check(True, "settings", f"TRACKER_ENV={config.get('ENV_NAME')}")
    for problem in problems:
        yield Check(False, "settings", problem)


def check_database(now: datetime) -> Iterator[Check]:
    url = db.engine.url.render_as_string(hide_password=True)
    try:
        db.session.execute(sa.text("SELECT 1"))
        current, head = health.current_revisions(), health.head_revisions()
    except SQLAlchemyError as error:
        db.session.rollback()
        yield Check(False, "database", f"{url}: {type(error).__name__}: {error.orig or error}")
        return
    yield Check(True, "database", url)
    if current == head:
        yield Check(True, "schema", f"at the newest migration {', '.join(sorted(head))}")
        return
    at = ", ".join(sorted(current)) or "empty"
    yield Check(False, "schema", f"at {at}, newest is {', '.join(sorted(head))}: flask db upgrade")


def check_uploads(config) -> Iterator[Check]:
    folder = config.get("UPLOAD_DIR")
    problem = upload_folder_problem(folder)
    yield Check(problem is None, "upload folder", problem or f"{folder} (writable)")


def check_mail(config, send_to: str | None) -> Iterator[Check]:
    settings = SmtpSettings.from_config(config)
    if not settings.host:
        production = config.get("ENV_NAME") == "production"
        yield Check(not production, "mail server", "MAIL_SERVER is not set: mails stay held")
        return
    steps = ["connect", "EHLO"]
    steps += ["SSL"] if settings.use_ssl else ["STARTTLS"] if settings.use_tls else []
    steps += ["AUTH"] if settings.username else []
    where = f"{settings.host}:{settings.port}"
    try:
        conn = connect(settings)  # connect, EHLO, STARTTLS and AUTH as configured
    except (OSError, smtplib.SMTPException) as error:
        yield Check(False, "mail server", f"{where}: {describe(error)}")
        return
    try:
        yield Check(True, "mail server", f"{where} ({', '.join(steps)})")
        if send_to:
            yield _send_test(conn, settings.sender, send_to)
    finally:
        close(conn)


def _send_test(conn, sender: str, to: str) -> Check:
    message = EmailMessage()
    message["From"], message["To"] = sender, to
    message["Subject"] = "Thư thử của hệ thống theo dõi (flask doctor)"
    message.set_content("Máy chủ thư của hệ thống theo dõi gửi được thư.\n")
    smtp = getattr(conn, "host", conn)  # the smtplib connection under Flask-Mail's wrapper
    try:
        refused = smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        return Check(False, "test mail", f"to {to}: {describe(error)}")
    return Check(not refused, "test mail", f"to {to}" + (f" refused: {refused}" if refused else ""))


def check_scheduler(now: datetime) -> Iterator[Check]:
    beat = health.heartbeat()
    if beat is None:
        yield Check(False, "scheduler", "no delivery recorded yet: is `flask scheduler` running?")
        return
    age = int((now - beat).total_seconds())
    fresh = now - beat <= health.HEARTBEAT_LIMIT
    hint = "" if fresh else ": is `flask scheduler` running?"
    yield Check(fresh, "scheduler", f"last heartbeat {age} s ago{hint}")


def check_outbox(now: datetime) -> Iterator[Check]:
    backlog = health.outbox_backlog(now)
    text = (
        f"{backlog.pending} pending ({backlog.overdue} overdue), "
        f"{backlog.failed} failed, {backlog.held} held"
    )
    yield Check(backlog.overdue == 0 and backlog.failed == 0, "outbox", text)


def run_checks(now: datetime, send_to: str | None = None) -> Iterator[Check]:
    """Every check in order; those needing the database stop when it is not usable."""
    config = current_app.config
    yield from check_settings(config)
    database = list(check_database(now))
    yield from database
    yield from check_uploads(config)
    yield from check_mail(config, send_to)
    if all(c.ok for c in database):
        steps: list[Callable[[datetime], Iterator[Check]]] = [check_scheduler, check_outbox]
        for step in steps:
            yield from step(now)
