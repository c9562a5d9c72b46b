"""The scheduler process (`flask scheduler`): APScheduler 3 in the foreground, never inside
the web application. Every job is declared here, once, with a cron trigger in the office's
time zone; `coalesce` and hours of misfire grace turn ticks missed during a restart into one
run, and the sweeps themselves catch up on anything still due."""

from __future__ import annotations

import contextlib
import logging
import threading
from dataclasses import dataclass

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from flask import Flask

from tracker.domain.clock import utc_now, zone
from tracker.extensions import db
from tracker.reminders.jobs import run_job, stopping
from tracker.reminders.lease import LeaderLease
from tracker.reminders.settings import ReminderSettings

log = logging.getLogger("tracker.scheduler")
MISFIRE_GRACE_SECONDS = 6 * 3600


@dataclass(frozen=True)
class ScheduledJob:
    name: str  #: a key of tracker.reminders.jobs.JOBS
    cron: dict  #: CronTrigger fields


def scheduled_jobs(settings: ReminderSettings) -> list[ScheduledJob]:
    """The schedule: sweep every hour at the send minute (a day's mails go out at the send
    time; later ticks catch up), deliver every minute."""
    return [
        ScheduledJob("sweep", {"minute": settings.send_time.minute}),
        ScheduledJob("deliver", {"minute": "*"}),
    ]


class Running:
    """Whether a job is running in this process, so shutdown can wait for it."""

    def __init__(self):
        self._count, self._idle = 0, threading.Condition()

    def __enter__(self):
        with self._idle:
            self._count += 1

    def __exit__(self, *_exc):
        with self._idle:
            self._count -= 1
            self._idle.notify_all()

    def wait_idle(self, seconds: float) -> bool:
        """Wait until no job runs, at most `seconds`; whether none runs now."""
        with self._idle:
            return self._idle.wait_for(lambda: self._count == 0, timeout=seconds)


RUNNING = Running()


def run_as_leader(app: Flask, lease: LeaderLease, name: str) -> str | None:
    """Run job `name` now if this process holds the lease; otherwise do nothing. Any error
    (the database down, the mail server gone) is logged and the process goes on: the next
    tick tries again, and the sweeps catch up on what is still due."""
    if stopping.is_set():
        return None
    with RUNNING, app.app_context():
        try:
            now = utc_now()
            if not lease.acquire(now):
                log.info("%s: another scheduler is the leader", name)
                return None
            result = run_job(name, now)
        except Exception:
            log.exception("%s failed; the next tick tries again", name)
            with contextlib.suppress(Exception):
                db.session.rollback()
            return None
        finally:
            db.session.remove()
        log.info("%s: %s", name, result)
        return result


def build_scheduler(app: Flask, lease: LeaderLease) -> BackgroundScheduler:
    """A BackgroundScheduler with every job of scheduled_jobs()."""
    settings = ReminderSettings.from_config(app.config)
    tz = zone(settings.timezone)
    scheduler = BackgroundScheduler(
        timezone=tz,
        job_defaults={
            "coalesce": True,
            "misfire_grace_time": MISFIRE_GRACE_SECONDS,
            "max_instances": 1,
        },
    )
    for job in scheduled_jobs(settings):
        scheduler.add_job(
            run_as_leader,
            CronTrigger(timezone=tz, **job.cron),
            args=[app, lease, job.name],
            id=job.name,
            name=job.name,
        )
    return scheduler
