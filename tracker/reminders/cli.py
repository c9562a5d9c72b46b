"""`flask reminders run|send` and `flask scheduler`."""

from __future__ import annotations

import contextlib
import logging
import signal
from datetime import datetime
from typing import Any, cast

import click
import sqlalchemy as sa
from apscheduler.schedulers import SchedulerNotRunningError
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from tracker.domain.clock import utc_now, zone
from tracker.extensions import db
from tracker.models import Notification, NotificationStatus
from tracker.reminders.jobs import plan_everything, run_job, stopping
from tracker.reminders.outbox import REQUEUEABLE, requeue

#: how long a stopping scheduler waits for its running job before leaving
SHUTDOWN_GRACE_SECONDS = 60

reminders_cli = AppGroup("reminders", help="Digests, reminders and the outbox.")


def parse_now(value: str | None) -> datetime:
    """An ISO instant; without a zone it is read as office time (Asia/Ho_Chi_Minh)."""
    if not value:
        return utc_now()
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not an ISO date-time: {value!r}") from None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=zone(current_app.config["TIMEZONE"]))
    return instant


def _dry_run(now: datetime) -> None:
    planned = plan_everything(now)
    for mail in planned:
        to = ", ".join(mail.to) + (f" (cc {', '.join(mail.cc)})" if mail.cc else "")
        click.echo(f"would record {mail.dedup_key} to {to}: {mail.built.subject}")
    pending = db.session.scalars(
        sa.select(Notification).where(
            Notification.status == NotificationStatus.PENDING,
            Notification.next_attempt_at <= now,
        )
    ).all()
    for row in pending:
        click.echo(f"would send {row.dedup_key} to {', '.join(row.to_addrs)}: {row.subject}")
    click.echo(f"dry run: {len(planned)} to record, {len(pending)} pending; nothing changed.")
    db.session.rollback()


@reminders_cli.command("run")
@click.option("--now", "now_text", help="Run as if at this ISO date-time (default: now).")
@click.option("--dry-run", is_flag=True, help="Print what would go out; change nothing.")
def run_command(now_text, dry_run):
    """Run every sweep once, then deliver what is pending."""
    now = parse_now(now_text)
    if dry_run:
        _dry_run(now)
        return
    click.echo(f"sweep: {run_job('sweep', now)}")
    click.echo(f"deliver: {run_job('deliver', now)}")


@reminders_cli.command("send")
@click.option("--now", "now_text", help="Deliver as if at this ISO date-time.")
def send_command(now_text):
    """Deliver pending outbox rows only."""
    click.echo(f"deliver: {run_job('deliver', parse_now(now_text))}")


@reminders_cli.command("requeue")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice([s.value for s in REQUEUEABLE]),
    default=("failed",),
    show_default=True,
    help="Which mails to put back (repeat for several).",
)
@click.option("--kind", help="Only mails of this kind (digest, reminder, ...).")
@click.option("--now", "now_text", help="As if at this ISO date-time.")
def requeue_command(statuses, kind, now_text):
    """Put failed (or held, or dropped) mails back in the queue, all at once."""
    count = requeue(parse_now(now_text), statuses, kind=kind)
    db.session.commit()
    click.echo(f"requeued {count}")


@click.command("scheduler")
@click.option("--no-catch-up", is_flag=True, help="Do not sweep once at start.")
@with_appcontext
def scheduler_command(no_catch_up):
    """Run the scheduler in the foreground (one process; a lease keeps others idle)."""
    from tracker.reminders.lease import LeaderLease
    from tracker.reminders.scheduler import build_scheduler, run_as_leader

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = cast(Any, current_app)._get_current_object()  # the real app, for the scheduler's threads
    lease = LeaderLease()
    scheduler = build_scheduler(app, lease)

    def stop(*_signal):  # the running job finishes (delivery after its batch), then we leave
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if not no_catch_up:  # what fell due while no scheduler ran goes out now, once
        run_as_leader(app, lease, "sweep")
        run_as_leader(app, lease, "deliver")
    click.echo(f"scheduler {lease.holder} started")
    try:
        # The jobs run in the scheduler's threads; this thread only waits for a signal. A signal
        # that comes at any moment, even before the scheduler is running, is seen here.
        if not stopping.is_set():
            scheduler.start()
            while not stopping.wait(1.0):
                pass
    finally:
        with contextlib.suppress(SchedulerNotRunningError):
            scheduler.shutdown(wait=False)
        _leave(app, lease)


def _leave(app, lease) -> None:
    """Give the lease up once no job runs any more (bounded); a job still running past the
    bound keeps it, and the lease then lapses on its own."""
    from tracker.reminders.scheduler import RUNNING

    if not RUNNING.wait_idle(SHUTDOWN_GRACE_SECONDS):
        click.echo("a job is still running: the lease is left to lapse")
        return
    with app.app_context(), contextlib.suppress(Exception):  # the database may be down
        lease.release()
    click.echo(f"scheduler {lease.holder} stopped")
