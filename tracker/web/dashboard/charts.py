"""Server-rendered SVG charts: the geometry is computed here, the template draws it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.domain.states import TimeStatus

STATUS_COLOURS = {
    TimeStatus.DONE_ON_TIME: "#2e7d32",
    TimeStatus.DONE_LATE: "#8d6e63",
    TimeStatus.ON_TRACK: "#1565c0",
    TimeStatus.DUE_SOON: "#ef6c00",
    TimeStatus.OVERDUE: "#c62828",
    TimeStatus.NO_DEADLINE: "#616161",
}
COMPLETED_COLOUR, OVERDUE_COLOUR = "#2e7d32", "#c62828"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    url: str
    colour: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    labels: list[tuple[float, float, str]]  #: axis labels: x, y, text


def horizontal_bars(
    items: Sequence[tuple[str, int, str, str]], width: int = 520, label_width: int = 200
) -> Chart:
    """One bar per (label, value, url, colour), longest = full width."""
    row, bar_height, span = 30, 20, width - label_width - 60
    most = max((value for _l, value, _u, _c in items), default=0) or 1
    bars = [
        Bar(label, value, url, colour, label_width, i * row + 5, span * value / most, bar_height)
        for i, (label, value, url, colour) in enumerate(items)
    ]
    return Chart(width, row * len(items) + 10, bars, [])


def weekly_columns(weeks, urls: Sequence[tuple[str, str]], label_of) -> Chart:
    """Paired columns per week: completions, then newly overdue (`urls` in the same order)."""
    width, height, base, slot = 640, 220, 180, 640 / max(len(weeks), 1)
    most = max((max(w.completed, w.new_overdue) for w in weeks), default=0) or 1
    bars, labels = [], []
    for i, (week, (done_url, late_url)) in enumerate(zip(weeks, urls, strict=True)):
        x = i * slot + slot * 0.15
        column = slot * 0.35
        for offset, value, url, colour in (
            (0, week.completed, done_url, COMPLETED_COLOUR),
            (column, week.new_overdue, late_url, OVERDUE_COLOUR),
        ):
            tall = (base - 20) * value / most
            bars.append(
                Bar(label_of(week), value, url, colour, x + offset, base - tall, column, tall)
            )
        labels.append((i * slot + slot / 2, base + 16, week.start.strftime("%d/%m")))
    return Chart(width, height, bars, labels)
