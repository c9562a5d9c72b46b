"""Benchmark, run by hand: `.venv/bin/python bench/bench_digests.py [--agencies N --open M]`.

1. Build every weekly digest for 1,000 agencies and 50,000 open assignments: time, the number
   of SQL statements (a SQLAlchemy event listener counts them), and, in a second run under
   tracemalloc (which slows Python code several times, so it is not timed), peak memory.
2. Deliver outbox rows (through Flask-Mail's Message and Connection, see
   tracker/reminders/smtp.py) over one SMTP connection to a loopback aiosmtpd server, against plain
   smtplib sending the same bytes over one connection. Fair both ways: the plain loop builds
   each message inside its timed region, as the sender does; a second plain figure sends
   bytes built beforehand, the strictest baseline (SMTP alone).
"""

from __future__ import annotations

import argparse
import os
import smtplib
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa
from aiosmtpd.controller import Controller

from config import TestConfig
from tests.reminders.conftest import free_port
from tracker import create_app
from tracker.domain.calendar import WorkCalendar
from tracker.extensions import db
from tracker.models import Agency, AgencyContact, Assignment, Task
from tracker.models import Notification as N
from tracker.reminders.mime import MailParts, mime_bytes
from tracker.reminders.outbox import record_mail
from tracker.reminders.planning import plan_digests, stored_links
from tracker.reminders.sender import deliver_pending
from tracker.reminders.settings import ReminderSettings

NOW = datetime(2026, 6, 22, 1, 0, tzinfo=UTC)  # Monday 08:00 in Hà Nội
CREATED = NOW - timedelta(days=30)
SENDER = "tracker@localhost"


class Sink:
    count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def make_app(url: str):
    settings = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    settings.update(SQLALCHEMY_DATABASE_URI=url, UPLOAD_DIR=tempfile.mkdtemp())
    return create_app(settings)


def populate(agencies: int, open_count: int) -> None:
    """Agencies with one contact each and open assignments spread over them (bulk inserts)."""
    db.drop_all()
    db.create_all()
    db.session.execute(
        sa.insert(Agency),
        [
            {
                "id": i,
                "code": f"a{i}",
                "name": f"UBND xã số {i}",
                "level": "commune",
                "active": True,
                "created_at": CREATED,
            }
            for i in range(1, agencies + 1)
        ],
    )
    db.session.execute(
        sa.insert(AgencyContact),
        [
            {"agency_id": i, "email": f"xa{i}@example.vn", "is_head": True}
            for i in range(1, agencies + 1)
        ],
    )
    db.session.execute(
        sa.insert(Task),
        [
            {
                "id": i,
                "title": f"Nhiệm vụ tuyên truyền số {i}",
                "text": "",
                "recurrence": "none",
                "priority": "normal",
                "created_at": CREATED,
                "has_lead": True,  # the task summary: one open lead each, so not finished
            }
            for i in range(1, open_count + 1)
        ],
    )
    states = ["not_started", "in_progress", "returned", "awaiting_confirmation"]
    db.session.execute(
        sa.insert(Assignment),
        [
            {
                "task_id": i,
                "agency_id": 1 + i % agencies,
                "role": "lead",
                "state": states[i % 4],
                "progress": 0,
                "deadline": date(2026, 5, 1) + timedelta(days=i % 120),
                "created_at": CREATED,
                "updated_at": CREATED,
            }
            for i in range(1, open_count + 1)
        ],
    )
    db.session.commit()


def build_all(app):
    settings = ReminderSettings.from_config(app.config)
    return plan_digests(NOW, settings, WorkCalendar.load(), stored_links(settings, NOW))


def bench_build(app) -> None:
    """Time without tracemalloc (it slows Python code several times), then memory with it."""
    statements = []
    count = lambda *_a, **_k: statements.append(1)  # noqa: E731
    sa.event.listen(db.engine, "before_cursor_execute", count)
    started = time.perf_counter()
    planned = build_all(app)
    elapsed = time.perf_counter() - started
    sa.event.remove(db.engine, "before_cursor_execute", count)
    rows = sum(mail.built.body_text.count("\n- ") for mail in planned)
    built = len(planned)
    db.session.rollback()
    del planned
    tracemalloc.start()
    build_all(app)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    db.session.rollback()
    print(
        f"built {built} digests ({rows} rows) in {elapsed:.2f} s; "
        f"peak memory {peak / 1e6:.0f} MB (separate run under tracemalloc); "
        f"{len(statements)} SQL statements"
    )


def record_bench_mails(count: int) -> list[MailParts]:
    for i in range(count):
        record_mail(
            kind="bench",
            dedup_key=f"bench:{i}",
            to=[f"xa{i}@example.vn"],
            subject=f"Nhắc hạn: nhiệm vụ số {i} còn 3 ngày",
            body_text="Nội dung " * 200,
            body_html="<p>Nội dung</p>" * 200,
            now=NOW,
        )
    db.session.commit()
    columns = (N.id, N.dedup_key, N.to_addrs, N.cc_addrs, N.subject, N.body_text, N.body_html)
    return [MailParts(*row) for row in db.session.execute(sa.select(*columns).order_by(N.id))]


def plain_smtplib(port: int, mails: list[MailParts], prebuilt: bool) -> float:
    """msg/s of plain smtplib over one connection, building the bytes inside the timed region
    (as the outbox sender does) or before it."""
    ready = [mime_bytes(m, SENDER, NOW) for m in mails] if prebuilt else None
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port, timeout=20) as conn:
        for i, mail in enumerate(mails):
            data = ready[i] if prebuilt else mime_bytes(mail, SENDER, NOW)
            conn.sendmail(SENDER, mail.recipients, data)
    return len(mails) / (time.perf_counter() - started)


def outbox(app) -> float:
    """msg/s of the outbox sender: claim, build, send, mark, over one connection."""
    db.session.execute(
        sa.update(N).values(status="pending", attempts=0, sent_at=None, delivered_to=None)
    )
    db.session.commit()
    started = time.perf_counter()
    report = deliver_pending(NOW, app.config, batch_size=500)
    elapsed = time.perf_counter() - started
    assert report.sent == db.session.scalar(sa.select(sa.func.count()).select_from(N))
    return report.sent / elapsed


def bench_delivery(app, count: int, rounds: int) -> None:
    sink, port = Sink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_DEFAULT_SENDER=SENDER)
    mails = record_bench_mails(count)
    best = {"plain": 0.0, "prebuilt": 0.0, "outbox": 0.0}
    for _ in range(rounds):  # interleaved, best of each: the machine is shared
        best["plain"] = max(best["plain"], plain_smtplib(port, mails, prebuilt=False))
        best["prebuilt"] = max(best["prebuilt"], plain_smtplib(port, mails, prebuilt=True))
        best["outbox"] = max(best["outbox"], outbox(app))
    controller.stop()
    ours, plain, prebuilt = best["outbox"], best["plain"], best["prebuilt"]
    print(
        f"delivery of {count} mails, best of {rounds}: outbox {ours:.0f} msg/s; "
        f"plain smtplib building as it goes {plain:.0f} msg/s = {100 * ours / plain:.0f}%; "
        f"plain smtplib with prebuilt bytes {prebuilt:.0f} msg/s = {100 * ours / prebuilt:.0f}% "
        f"(server got {sink.count})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--open", type=int, default=50000)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--delivery-only", action="store_true", help="skip the digest build")
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    app = make_app(url)
    with app.app_context():
        print(f"load average before: {load_average()}")
        if args.delivery_only:
            db.create_all()
        else:
            populate(args.agencies, args.open)
            bench_build(app)
        bench_delivery(app, args.messages, args.rounds)
        print(f"load average after: {load_average()}")


def load_average() -> str:
    """/proc/loadavg: the machine is shared, so the figures need it beside them."""
    try:
        return Path("/proc/loadavg").read_text().strip()
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
