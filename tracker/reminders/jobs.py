"""The jobs: sweeps over the database that take `now`, declared once for the scheduler and
the command line. A job records what is due and commits; delivery is a job of its own."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from flask import current_app
from sqlalchemy.exc import IntegrityError

from tracker.domain.calendar import WorkCalendar
from tracker.extensions import db
from tracker.models import JobRun
from tracker.reminders.planning import (
    plan_deadline_mails,
    plan_digests,
    record_plan,
    stored_links,
)
from tracker.reminders.sender import deliver_pending
from tracker.reminders.settings import ReminderSettings
from tracker.reminders.summary import plan_summary

#: set when the scheduler is asked to stop: delivery ends after its current batch
stopping = threading.Event()


def plan_everything(now: datetime, settings: ReminderSettings | None = None):
    """Every mail the sweeps would record at `now` (links are added to the session)."""
    settings = settings or ReminderSettings.from_config(current_app.config)
    cal, links = WorkCalendar.load(), stored_links(settings, now)
    return [
        *plan_digests(now, settings, cal, links),
        *plan_deadline_mails(now, settings, cal, links),
        *plan_summary(now, settings, cal),
    ]


def sweep(now: datetime) -> str:
    """Record every digest, reminder, notice, escalation and summary due at `now`."""
    recorded = record_plan(plan_everything(now), now)
    return f"recorded {recorded}"


def deliver(now: datetime) -> str:
    """Send what is pending in the outbox."""
    report = deliver_pending(now, current_app.config, should_stop=stopping.is_set)
    text = f"sent {report.sent}, failed {report.failed}, held {report.held}"
    text += f", dropped {report.dropped}" if report.dropped else ""
    return text + (f"; last error: {report.errors[-1]}" if report.errors else "")


#: name -> job; the scheduler and `flask reminders run` use this one table
JOBS: dict[str, Callable[[datetime], str]] = {"sweep": sweep, "deliver": deliver}


def run_job(name: str, now: datetime) -> str:
    """Run one job as if at `now`, note it in JobRun, commit."""
    db.session.commit()
    result = JOBS[name](now)
    db.session.commit()
    try:  # bookkeeping only: two schedulers creating the row at once must not fail the job
        row = db.session.get(JobRun, name) or JobRun(name=name)
        row.last_started_at, row.last_finished_at, row.last_result = now, now, result
        db.session.add(row)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
    return result
