"""Benchmark, run by hand: `.venv/bin/python bench/bench_digests.py [--agencies N --open M]`.

1. Build every weekly digest for 1,000 agencies and 50,000 open assignments: time, peak memory
   (tracemalloc) and the number of SQL statements (a SQLAlchemy event listener counts them).
2. Deliver outbox rows over one SMTP connection to a loopback aiosmtpd server, against plain
   smtplib sending the same messages over one connection.
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
from tracker.models import Agency, AgencyContact, Assignment, Notification, Task
from tracker.reminders.outbox import record_mail
from tracker.reminders.planning import plan_digests, stored_links
from tracker.reminders.sender import build_message, deliver_pending
from tracker.reminders.settings import ReminderSettings

NOW = datetime(2026, 6, 22, 1, 0, tzinfo=UTC)  # Monday 08:00 in Hà Nội
CREATED = NOW - timedelta(days=30)


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


def bench_build(app) -> None:
    settings = ReminderSettings.from_config(app.config)
    statements = []
    sa.event.listen(db.engine, "before_cursor_execute", lambda *a, **k: statements.append(1))
    tracemalloc.start()
    started = time.perf_counter()
    planned = plan_digests(NOW, settings, WorkCalendar.load(), stored_links(settings, NOW))
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows = sum(mail.built.body_text.count("\n- ") for mail in planned)
    print(
        f"built {len(planned)} digests ({rows} rows) in {elapsed:.2f} s; "
        f"peak memory {peak / 1e6:.0f} MB; {len(statements)} SQL statements"
    )
    db.session.rollback()


def bench_delivery(app, count: int) -> None:
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
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
    messages = [
        build_message(row, "tracker@localhost", NOW)
        for row in db.session.scalars(sa.select(Notification))
    ]
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port, timeout=20) as conn:
        for msg in messages:
            conn.send_message(msg, "tracker@localhost", [msg["To"]])
    plain = count / (time.perf_counter() - started)
    started = time.perf_counter()
    report = deliver_pending(NOW, app.config, batch_size=500)
    ours = report.sent / (time.perf_counter() - started)
    controller.stop()
    print(
        f"delivery: outbox {ours:.0f} msg/s vs plain smtplib {plain:.0f} msg/s "
        f"= {100 * ours / plain:.0f}% ({report.sent} sent, server got {sink.count})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--open", type=int, default=50000)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    app = make_app(url)
    with app.app_context():
        populate(args.agencies, args.open)
        bench_build(app)
        bench_delivery(app, args.messages)


if __name__ == "__main__":
    main()
