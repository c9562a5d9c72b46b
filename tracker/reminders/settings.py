"""The reminder settings, read once from the Flask config."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from tracker.domain.clock import Policy, local_date, zone

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _weekday(value) -> int:
    text = str(value).strip().lower()
    if text.isdigit():
        return int(text) % 7
    return WEEKDAYS.index(text[:3])


def _time_of_day(value: str) -> time:
    hours, _, minutes = str(value).strip().partition(":")
    return time(int(hours), int(minutes or 0))


@dataclass(frozen=True)
class ReminderSettings:
    """What the sweeps, builders and sender need from the configuration."""

    timezone: str = "Asia/Ho_Chi_Minh"
    due_soon_days: int = 7
    reminder_days: tuple[int, ...] = (7, 3, 1)
    escalate_after_days: int = 7
    digest_weekday: int = 0  #: Monday
    send_time: time = time(7, 30)  #: digests, reminders and notices go out from this time
    link_days: int = 14
    office_email: str = "thuongtruc@localhost"
    base_url: str = "http://127.0.0.1:5000"
    secret_key: str = ""  #: always from the config (SECRET_KEY)
    sender: str = "tracker@localhost"

    @classmethod
    def from_config(cls, config) -> ReminderSettings:
        """Build from a Flask config mapping."""
        return cls(
            timezone=config.get("TIMEZONE", cls.timezone),
            due_soon_days=int(config.get("DUE_SOON_DAYS", 7)),
            reminder_days=tuple(sorted(set(config.get("REMINDER_DAYS_BEFORE", (7, 3, 1))))),
            escalate_after_days=int(config.get("ESCALATE_AFTER_DAYS", 7)),
            digest_weekday=_weekday(config.get("DIGEST_DAY_OF_WEEK", "mon")),
            send_time=_time_of_day(config.get("DIGEST_TIME", "07:30")),
            link_days=int(config.get("ACCESS_LINK_DAYS", 14)),
            office_email=config.get("STANDING_OFFICE_EMAIL") or cls.office_email,
            base_url=str(config.get("BASE_URL", cls.base_url)).rstrip("/"),
            secret_key=config["SECRET_KEY"],
            sender=config.get("MAIL_DEFAULT_SENDER") or cls.sender,
        )

    @property
    def policy(self) -> Policy:
        return Policy(timezone=self.timezone, due_soon_days=self.due_soon_days)

    def today(self, now: datetime) -> date:
        """The office's calendar day at `now`."""
        return local_date(now, self.timezone)

    def send_instant(self, day: date) -> datetime:
        """The instant mails planned for `day` go out: `send_time` on that day, office time."""
        return datetime.combine(day, self.send_time, tzinfo=zone(self.timezone))
