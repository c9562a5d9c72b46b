"""Working days: weekends, Vietnamese public holidays and the days the office sets apart.

The `holidays` package gives the public holidays (Tết, 30/4, 2/9 …); CalendarDay rows override
it either way: a compensatory day off, or a Saturday worked in exchange.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays
import sqlalchemy as sa

from tracker.extensions import db
from tracker.models import CalendarDay

#: the longest run of days off we are prepared to skip (Tết plus weekends is about 9)
_MAX_SKIP = 60


@lru_cache(maxsize=32)
def public_holidays(year: int) -> frozenset[date]:
    """Vietnam's public holidays in `year`, from the `holidays` package."""
    return frozenset(holidays.country_holidays("VN", years=year).keys())


@dataclass(frozen=True)
class WorkCalendar:
    """The working-day rules, with the office's own days loaded once (no query per day)."""

    #: day -> True when the office declared it a day off, False when a working day
    overrides: dict[date, bool] = field(default_factory=dict)

    @classmethod
    def load(cls) -> WorkCalendar:
        """Read the office's days from the database (a small table: one query)."""
        rows = db.session.execute(sa.select(CalendarDay.day, CalendarDay.is_day_off))
        return cls({day: off for day, off in rows})

    def is_working_day(self, day: date) -> bool:
        """Monday to Friday, not a public holiday, unless the office decided otherwise."""
        if day in self.overrides:
            return not self.overrides[day]
        return day.weekday() < 5 and day not in public_holidays(day.year)

    def on_or_after(self, day: date) -> date:
        """`day` if it is a working day, otherwise the next one."""
        for offset in range(_MAX_SKIP):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError(f"no working day within {_MAX_SKIP} days of {day}")

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        return self.on_or_after(day + timedelta(days=1))

    def add_working_days(self, day: date, count: int) -> date:
        """The day `count` working days after `day` (before it, when negative)."""
        step = 1 if count >= 0 else -1
        remaining, current = abs(count), day
        while remaining:
            current += timedelta(days=step)
            if self.is_working_day(current):
                remaining -= 1
        return current


def is_working_day(day: date) -> bool:
    """Whether `day` is a working day (reads the office's days)."""
    return WorkCalendar.load().is_working_day(day)


def next_working_day(day: date) -> date:
    """The first working day after `day`."""
    return WorkCalendar.load().next_working_day(day)


def add_working_days(day: date, count: int) -> date:
    """`count` working days after `day`: for deadlines such as "within 5 working days"."""
    return WorkCalendar.load().add_working_days(day, count)
