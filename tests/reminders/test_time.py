"""Time: the office's calendar day, holidays and days the office sets apart."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tracker.domain.calendar import WorkCalendar, add_working_days, next_working_day
from tracker.extensions import db
from tracker.models import CalendarDay
from tracker.reminders.jobs import run_job


def test_vietnam_midnight_while_utc_is_still_the_previous_day(mail_app, smtp, agencies, give):
    # Deadline Friday 03/07; "1 day before" is Thursday 02/07 in Hà Nội.
    give(agencies["h-trangdinh"], date(2026, 7, 3))
    mail_app.config["DIGEST_TIME"] = "00:00"
    run_job("sweep", datetime(2026, 7, 1, 16, 59, tzinfo=UTC))  # 23:59 Wednesday in Hà Nội
    assert not any(k.endswith(":d1") for k in _keys())
    run_job("sweep", datetime(2026, 7, 1, 17, 0, tzinfo=UTC))  # 00:00 Thursday, UTC Wednesday
    assert "reminder:1:2026-07-03:d1" in _keys()


def test_digest_day_that_is_a_holiday_goes_out_the_next_working_day(mail_app, smtp, agencies, give):
    # Monday 27/04/2026 is the Hùng Kings' holiday (observed).
    made = give(agencies["h-trangdinh"], date(2026, 5, 29), at=datetime(2026, 4, 20, 3, tzinfo=UTC))
    run_job("sweep", datetime(2026, 4, 27, 3, 0, tzinfo=UTC))
    assert not [k for k in _keys() if k.startswith("digest:")]
    run_job("sweep", datetime(2026, 4, 28, 1, 0, tzinfo=UTC))  # Tuesday 08:00
    assert [k for k in _keys() if k.startswith("digest:")] == [f"digest:{made.agency_id}:2026-W18"]


def test_working_days_follow_holidays_and_the_office_days(app):
    assert next_working_day(date(2026, 4, 24)) == date(2026, 4, 28)  # Fri → Tue after 27/04
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)  # across Tết
    db.session.add(CalendarDay(day=date(2026, 4, 25), is_day_off=False, label="Làm bù"))
    db.session.add(CalendarDay(day=date(2026, 4, 28), is_day_off=True, label="Nghỉ bù"))
    db.session.commit()
    cal = WorkCalendar.load()
    assert cal.is_working_day(date(2026, 4, 25)) and not cal.is_working_day(date(2026, 4, 28))
    assert cal.next_working_day(date(2026, 4, 24)) == date(2026, 4, 25)
    assert cal.add_working_days(date(2026, 4, 29), -1) == date(2026, 4, 25)


def _keys():
    import sqlalchemy as sa

    from tracker.models import Notification

    return list(db.session.scalars(sa.select(Notification.dedup_key)))
