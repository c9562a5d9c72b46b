"""The outage story: the mail server down for three weeks of daily sweeps, then back. Each
agency gets one current digest, no reminder after its deadline, and every link works on
arrival; nothing is lost (every mail is sent or deliberately dropped)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from tests.reminders.test_delivery import MONDAY_8AM, run_all
from tracker.extensions import db
from tracker.models import Notification, NotificationStatus

pytestmark = pytest.mark.slow
OUTAGE_START = datetime(2026, 6, 1, 1, 0, tzinfo=UTC)  # Monday 01/06, 08:00 in Hà Nội
BACK = MONDAY_8AM  # Monday 22/06, 08:00: three weeks later


def test_three_weeks_without_a_mail_server_then_one_current_digest_and_working_links(
    mail_app, smtp, agencies, give, client
):
    chosen = [agencies["h-trangdinh"], agencies["ca-tinh"]]
    for agency in chosen:
        for deadline in (date(2026, 6, 10), date(2026, 6, 19), date(2026, 7, 10)):
            give(agency, deadline, title=f"Việc hạn {deadline:%d/%m}", at=OUTAGE_START)
    smtp.stop()
    day = OUTAGE_START
    while day < BACK:
        run_all(day)
        day += timedelta(days=1)
    smtp.start()
    run_all(BACK)

    statuses = Counter(db.session.scalars(sa.select(Notification.status)))
    assert set(statuses) == {NotificationStatus.SENT, NotificationStatus.DROPPED}
    received = smtp.received
    digests = Counter(r.key.rsplit(":", 1)[0] for r in received if r.key.startswith("digest:"))
    assert sorted(digests) == sorted(f"digest:{a.id}" for a in chosen)
    assert set(digests.values()) == {1}
    assert all(r.key.endswith(":2026-W26") for r in received if r.key.startswith("digest:"))
    for r in received:
        if r.key.startswith("reminder:"):
            deadline = date.fromisoformat(r.key.split(":")[2])
            assert deadline >= BACK.date(), r.key  # none after its deadline
    overdue = {r.key for r in received if r.key.startswith("overdue:")}
    assert len(overdue) == 2 * len(chosen)  # the deadlines that passed are told once each
    # every link works on arrival, and for its full 14 days from there
    tokens = set()
    for r in received:
        body = r.message.get_body(("plain",)).get_content()
        tokens.update(re.findall(r"/link/([^\s#]+)", body))
    assert tokens
    mail_app.config["FIXED_NOW"] = BACK + timedelta(days=13)
    for token in tokens:
        assert client.get(f"/link/{token}").status_code == 200
