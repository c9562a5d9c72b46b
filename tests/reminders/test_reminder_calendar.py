"""Reminders 7/3/1 days before a deadline across Tết and 30/4–1/5: moved to the working day
before (never after), never two for one deadline on the same or consecutive days, each
counting its days from the day it goes out; digests once a week, on working days only."""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

import pytest
import sqlalchemy as sa

from tracker.domain.calendar import WorkCalendar
from tracker.extensions import db
from tracker.models import Notification
from tracker.reminders.jobs import run_job

pytestmark = pytest.mark.slow
START = date(2026, 2, 1)
#: deadline -> the (days before, day it goes out) reminders expected
EXPECTED = {
    date(2026, 2, 24): [(3, date(2026, 2, 13)), (1, date(2026, 2, 23))],  # after Tết
    date(2026, 3, 8): [(7, date(2026, 2, 27)), (1, date(2026, 3, 6))],  # a Sunday
    date(2026, 3, 17): [(7, date(2026, 3, 10)), (3, date(2026, 3, 13)), (1, date(2026, 3, 16))],
    date(2026, 5, 4): [(7, date(2026, 4, 24)), (1, date(2026, 4, 29))],  # after 30/4–1/5
}


def _sweep_every_morning(until: date) -> None:
    day = START
    while day <= until:
        run_job("sweep", datetime.combine(day, time(1, 0), tzinfo=UTC))  # 08:00 in Hà Nội
        day += timedelta(days=1)


def test_reminders_across_tet_and_the_may_holidays(app, agencies, give):
    agency = agencies["h-trangdinh"]
    made = {
        deadline: give(
            agency, deadline, title=f"Hạn {deadline:%d/%m}", at=datetime(2026, 1, 30, tzinfo=UTC)
        )
        for deadline in EXPECTED
    }
    _sweep_every_morning(max(EXPECTED))
    cal, sent = WorkCalendar.load(), defaultdict(list)
    rows = db.session.execute(
        sa.select(
            Notification.assignment_id,
            Notification.dedup_key,
            Notification.created_at,
            Notification.subject,
        ).where(Notification.kind == "reminder")
    )
    by_assignment = {a.id: deadline for deadline, a in made.items()}
    for assignment_id, key, created_at, subject in rows:
        day = (created_at + timedelta(hours=7)).date()
        stage = int(key.rsplit(":d", 1)[1])
        sent[by_assignment[assignment_id]].append((stage, day, subject))
    for deadline, expected in EXPECTED.items():
        got = sorted(sent[deadline], key=lambda s: s[1])
        assert [(n, day) for n, day, _s in got] == sorted(expected, key=lambda s: s[1]), deadline
        for n, day, subject in got:
            assert cal.is_working_day(day) and day <= deadline - timedelta(days=n)
            assert f"{(deadline - day).days} " in subject  # counted from the day it goes out
        days = [day for _n, day, _s in got]
        assert all((b - a).days >= 2 for a, b in itertools.pairwise(days))


def test_one_digest_a_week_on_working_days_only(app, agencies, give):
    give(agencies["h-trangdinh"], date(2026, 6, 30), at=datetime(2026, 1, 30, tzinfo=UTC))
    _sweep_every_morning(date(2026, 5, 10))
    days = [
        (created + timedelta(hours=7)).date()
        for created in db.session.scalars(
            sa.select(Notification.created_at).where(Notification.kind == "digest")
        )
    ]
    cal = WorkCalendar.load()
    assert all(cal.is_working_day(day) for day in days)
    weeks = [day.isocalendar()[:2] for day in days]
    assert len(weeks) == len(set(weeks))  # never two in one week
    assert date(2026, 2, 23) in days  # the week of Tết had none; the next Monday has one
    assert date(2026, 4, 28) in days  # Monday 27/04 is a holiday: Tuesday
