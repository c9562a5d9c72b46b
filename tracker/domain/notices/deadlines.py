"""Dates and periods in a directive: which can be deadlines, and which is the deadline."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from .patterns import vre
from .text import fold_aligned

_PRE = r"(?P<pre>(?:trước|trong|đến|chậm nhất(?: là)?|hạn chót|từ nay đến)\s+)?"
_BEFORE = fold_aligned("trước")
_LATE = fold_aligned("cuối")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_FULL = vre(
    _PRE + r"(?:ngày\s+)?(?<![\d/.-])(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})"
    r"\s*(?P=sep)\s*(?P<y>\d{4})(?![\d/])"
)
_LONG = vre(
    _PRE + r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s*(?:năm|,)\s*(?P<y>\d{4}))?"
    r"(?![\d/])"
)
_SHORT = vre(
    r"(?P<pre>(?:trước|đến|chậm nhất(?: là)?|hạn chót)\s+"
    r"(?:ngày\s+)?|ngày\s+)(?<![\d/.-])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![\d/])"
)
_MONTH = vre(_PRE + r"tháng\s+(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>\d{4})(?![\d/])")
_QUARTER = vre(_PRE + r"quý\s+(?P<q>iv|iii|ii|i|[1-4])\b(?:\s*(?:/|năm)\s*(?P<y>\d{4}))?")
_HALF = vre(_PRE + r"(?:6|sáu)\s+tháng\s+(?P<half>cuối|đầu)\s+năm(?:\s+(?P<y>\d{4}))?")
_YEAR_END = vre(_PRE + r"(?:(?:những|các)\s+tháng\s+|quý\s+)?cuối\s+năm(?:\s+(?P<y>\d{4}))?")
_IN_YEAR = vre(r"(?P<pre>(?:trong|trước|đến hết|hết)\s+)năm\s+(?P<y>\d{4})\b")
_MONTH_ONLY = vre(
    r"(?P<pre>(?:trong|trước|đến hết|đến|hết)\s+)tháng\s+(?P<m>\d{1,2})\b"
    r"(?!\s*(?:/|năm|\d))"
)
#: "trong 30 ngày", "trong thời hạn 15 ngày kể từ ngày ký": counted from the notice's date.
_WITHIN_DAYS = vre(
    r"(?P<pre>(?:trong|trong vòng|trong thời hạn|chậm nhất)\s+)(?P<n>\d{1,3})"
    r"\s+ngày(?P<working>\s+làm việc)?"
)
#: Adds working days to a date: the office's calendar where there is one.
AddWorkingDays = Callable[[date, int], date]

#: A document reference just before a date: the date is the cited document's, not a deadline.
_CITED = vre(
    r"(?:\d+\s*[/-][\w./-]*[a-zđ][\w./-]*|(?:chỉ thị|quyết định|nghị quyết|nghị định|thông tư|"
    r"công văn|công điện|kế hoạch|thông báo|kết luận|luật|pháp lệnh|văn bản|tờ trình|báo cáo)"
    r"(?:\s+số)?)\s*,?\s*(?:(?:ban hành|ký)\s+)?(?:ngày\s+)?$"
)
#: The start of a period ("từ ngày", "1945 - ") is never a deadline; only its end can be.
_RANGE_START = vre(r"^\s*(?:[-–—]|đến|tới)\s*(?:ngày\s+)?\d")
_FROM = vre(r"\btừ\s+(?:ngày\s+)?$")
#: "số liệu tính từ ngày 01/10/2023 đến ngày 30/9/2024": a reporting period, not a deadline.
_DATA_PERIOD = vre(
    r"(?:số liệu|kỳ báo cáo|thời kỳ|giai đoạn|tính)\s+(?:tính\s+)?từ\s+(?:ngày\s+)?[\d/.-]+\s*$"
)
#: "Đến ngày 30/9/2024, vốn giải ngân đạt 52%": a date at which something stood.
_STATUS_AFTER = vre(r"^[^.;]{0,120}?\b(?:đã|đạt|xảy ra|ghi nhận|mới|còn)\b")
_UNTIL = fold_aligned("đến")
#: "ngày 1-4-2020, Giám đốc Công an tỉnh đã ...": a bare date opening a narrative sentence.
_NARRATIVE_AFTER = vre(
    r",\s*(?:giám đốc|chủ tịch|phó chủ tịch|bộ trưởng|thủ tướng|ubnd|ủy ban|sở)\b"
)


@dataclass(frozen=True)
class DateHit:
    """A date or period found in text, resolved to the last day it allows."""

    start: int
    end: int
    value: date
    text: str


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe(year: int | None, month: int, day: int | None = None) -> date | None:
    if year is None or not (1 <= month <= 12) or not (1900 <= year <= 2200):
        return None
    if day is None:
        return _month_end(year, month)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _value(kind: str, match: re.Match[str], year: int | None) -> date | None:
    groups = match.groupdict()
    y = int(groups["y"]) if groups.get("y") else year
    pre = (groups.get("pre") or "").strip()
    if kind in ("full", "long", "short"):
        return _safe(y, int(groups["m"]), int(groups["d"]))
    if kind in ("month", "month_only"):
        month = int(groups["m"])
        if pre.startswith(_BEFORE) and 1 <= month <= 12:
            return _safe(y - 1, 12) if month == 1 and y else _safe(y, month - 1)
        return _safe(y, month)
    if kind == "quarter":
        return _safe(y, _ROMAN[groups["q"]] * 3)
    if kind == "half":
        return _safe(y, 12 if groups["half"] == _LATE else 6)
    if kind == "in_year" and pre.startswith(_BEFORE) and y:
        return _safe(y - 1, 12)
    return _safe(y, 12)


_KINDS = (
    ("full", _FULL),
    ("long", _LONG),
    ("short", _SHORT),
    ("half", _HALF),
    ("month", _MONTH),
    ("quarter", _QUARTER),
    ("year_end", _YEAR_END),
    ("in_year", _IN_YEAR),
    ("month_only", _MONTH_ONLY),
)


def find_dates(
    text: str,
    year: int | None,
    issued_on: date | None = None,
    add_working_days: AddWorkingDays | None = None,
) -> list[DateHit]:
    """Return the dates and periods in text that could be deadlines, in reading order.

    "trong 10 ngày làm việc" counts working days with add_working_days (weekends and public
    holidays when none is given); "trong 10 ngày" counts calendar days.
    """
    folded = fold_aligned(text)
    hits = _period_hits(text, folded, year)
    if issued_on is not None:
        for match in _WITHIN_DAYS.finditer(folded):
            if not any(h.start < match.end() and match.start() < h.end for h in hits):
                days = int(match.group("n"))
                value = (
                    (add_working_days or public_working_days)(issued_on, days)
                    if match.group("working")
                    else issued_on + timedelta(days=days)
                )
                hits.append(DateHit(match.start(), match.end(), value, text[slice(*match.span())]))
    return sorted(hits, key=lambda h: h.start)


def _period_hits(text: str, folded: str, year: int | None) -> list[DateHit]:
    taken: list[tuple[int, int]] = []
    hits: list[DateHit] = []
    for kind, pattern in _KINDS:
        for match in pattern.finditer(folded):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            value = _value(kind, match, year)
            if value is None or _is_excluded(folded, match):
                continue
            hits.append(DateHit(start, end, value, text[start:end].strip()))
    return hits


def _is_excluded(folded: str, match: re.Match[str]) -> bool:
    before = folded[max(0, match.start() - 60) : match.start()]
    pre = (match.groupdict().get("pre") or "").strip()
    if (not pre and _CITED.search(before)) or _FROM.search(before):
        return True
    if not pre and _NARRATIVE_AFTER.match(folded, match.end()):
        return True
    if pre == _UNTIL and (_DATA_PERIOD.search(before) or _is_status(folded, match)):
        return True
    return bool(_RANGE_START.match(folded[match.end() : match.end() + 12]))


def _is_status(folded: str, match: re.Match[str]) -> bool:
    """ "Đến ngày X, ... đã/đạt ...": opening its clause, the date tells where things stood."""
    # Bounded windows: a text full of dates must not cost a pass over the text per date.
    before = folded[max(0, match.start() - 200) : match.start()].rstrip()
    opens_clause = (not before and match.start() <= 200) or before[-1:] in ".;:"
    rest = folded[match.end() : match.end() + 200]
    return opens_clause and rest.lstrip().startswith(",") and bool(_STATUS_AFTER.match(rest))


@dataclass(frozen=True)
class DeadlineChoice:
    """The deadline picked among several dates, and the other dates kept as milestones."""

    hit: DateHit | None
    milestones: tuple[date, ...]
    before_issue: bool


def choose_deadline(hits: list[DateHit], reference: date | None) -> DeadlineChoice:
    """Pick the earliest date on or after reference; if all are earlier, the latest, flagged."""
    if not hits:
        return DeadlineChoice(None, (), False)
    future = [h for h in hits if reference is None or h.value >= reference]
    if future:
        first = min(future, key=lambda h: (h.value, h.start))
        values = tuple(sorted({h.value for h in future}))
        return DeadlineChoice(first, values if len(values) > 1 else (), False)
    last = max(hits, key=lambda h: (h.value, h.start))
    return DeadlineChoice(last, (), True)


_BARE_YEAR = vre(r"^\s*(?:trong\s+)?(?:cả\s+)?năm\s+(?P<y>\d{4})\s*[.;]?\s*$")


def labelled_year(text: str) -> list[DateHit]:
    """A time column that says only "năm 2024": the year's last day."""
    match = _BARE_YEAR.match(fold_aligned(text))
    value = _safe(int(match.group("y")), 12) if match else None
    if match is None or value is None:
        return []
    return [DateHit(match.start("y") - 4, match.end("y"), value, text.strip().rstrip(".;"))]


def public_working_days(day: date, count: int) -> date:
    """`count` working days after `day`, Monday to Friday less Vietnam's public holidays."""
    current = day
    while count > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in _public_holidays(current.year):
            count -= 1
    return current


@lru_cache(maxsize=16)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("VN", years=year))
