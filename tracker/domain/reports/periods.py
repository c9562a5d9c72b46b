"""The periods of the office's summary reports (báo cáo sơ kết): a week, a month or a quarter.

A period is named by one value, as a selector offers it: "2026-W48", "2026-11", "2026-Q4".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from tracker.domain.errors import InvalidInput

ROMAN = ("I", "II", "III", "IV")
_PATTERN = re.compile(r"^(\d{4})-(?:W(\d{1,2})|Q([1-4])|(\d{1,2}))$")


@dataclass(frozen=True)
class ReportPeriod:
    kind: str  #: "week", "month" or "quarter"
    value: str  #: as the selector names it
    start: date
    end: date
    label: str  #: in the document's Vietnamese: "tháng 11 năm 2026"


def week(year: int, number: int) -> ReportPeriod:
    start = date.fromisocalendar(year, number, 1)
    end = start + timedelta(days=6)
    return ReportPeriod("week", f"{year}-W{number:02d}", start, end, f"tuần {number} năm {year}")


def month(year: int, number: int) -> ReportPeriod:
    start = date(year, number, 1)
    end = date(year + number // 12, number % 12 + 1, 1) - timedelta(days=1)
    return ReportPeriod("month", f"{year}-{number:02d}", start, end, f"tháng {number} năm {year}")


def quarter(year: int, number: int) -> ReportPeriod:
    start = date(year, 3 * number - 2, 1)
    end = month(year, 3 * number).end
    return ReportPeriod(
        "quarter", f"{year}-Q{number}", start, end, f"quý {ROMAN[number - 1]} năm {year}"
    )


def parse_period(value: str) -> ReportPeriod:
    """The period a selector value names; InvalidInput when there is no such period."""
    found = _PATTERN.match((value or "").strip().upper())
    try:
        if not found or not 1900 < int(found[1]) < 3000:
            raise ValueError(value)
        year = int(found[1])
        if found[2]:
            return week(year, int(found[2]))
        if found[3]:
            return quarter(year, int(found[3]))
        return month(year, int(found[4]))
    except ValueError:
        raise InvalidInput(
            _l("Choose a week, a month or a quarter from the list."), field="period"
        ) from None


def period_choices(today: date, weeks: int = 8, months: int = 12, quarters: int = 6):
    """The recent periods, newest first, grouped: {"week": [...], "month": [...], ...}."""
    year, number, _ = today.isocalendar()
    monday = date.fromisocalendar(year, number, 1)
    recent_weeks = [monday - timedelta(weeks=i) for i in range(weeks)]
    choices = {"week": [week(*d.isocalendar()[:2]) for d in recent_weeks]}
    index = today.year * 12 + today.month - 1
    choices["month"] = [month((index - i) // 12, (index - i) % 12 + 1) for i in range(months)]
    index = today.year * 4 + (today.month - 1) // 3
    choices["quarter"] = [quarter((index - i) // 4, (index - i) % 4 + 1) for i in range(quarters)]
    return choices


def default_period(today: date) -> ReportPeriod:
    """The current month."""
    return month(today.year, today.month)
