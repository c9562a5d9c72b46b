"""Time: instants are aware UTC; the office's calendar day is in its own time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"


@lru_cache(maxsize=8)
def zone(name: str = DEFAULT_TIMEZONE) -> ZoneInfo:
    """The ZoneInfo for a name, cached."""
    return ZoneInfo(name)


def require_aware(now: datetime) -> datetime:
    """Refuse a naive datetime: every instant in the tracker carries its zone."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("naive datetime: pass an aware instant (UTC)")
    return now


def utc_now() -> datetime:
    """The current instant; only the outermost caller (view, job, command) calls this."""
    return datetime.now(UTC)


def local_date(now: datetime, tz: str = DEFAULT_TIMEZONE) -> date:
    """The calendar day in the office's time zone at instant `now`."""
    return require_aware(now).astimezone(zone(tz)).date()


@dataclass(frozen=True)
class Policy:
    """The follow-up settings the rules depend on."""

    timezone: str = DEFAULT_TIMEZONE
    due_soon_days: int = 7

    def today(self, now: datetime) -> date:
        """The office's calendar day at `now`."""
        return local_date(now, self.timezone)

    @classmethod
    def from_config(cls, config) -> Policy:
        """Build from a Flask config mapping."""
        return cls(
            timezone=config.get("TIMEZONE", DEFAULT_TIMEZONE),
            due_soon_days=int(config.get("DUE_SOON_DAYS", 7)),
        )
