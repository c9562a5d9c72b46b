"""`flask` commands: users, agencies, tasks, demo (and reminders, notices, scheduler)."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from tracker.domain.clock import utc_now
from tracker.domain.errors import DomainError
from tracker.domain.permissions import system_actor
from tracker.domain.states import Role
from tracker.extensions import db

users_cli = AppGroup("users", help="Manage accounts.")
agencies_cli = AppGroup("agencies", help="Manage the agency registry.")
tasks_cli = AppGroup("tasks", help="Maintain tasks.")

ROLE_NAMES = [role.value for role in Role]


def fail(error: DomainError) -> None:
    """Roll back and stop the command with the domain's message."""
    db.session.rollback()
    raise click.ClickException(str(error.message))


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--role", type=click.Choice(ROLE_NAMES), required=True)
@click.option("--agency", "agency_code", help="Agency code, for agency officers.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--name", default="")
@click.option("--locale", type=click.Choice(["vi", "en"]), default="vi")
def create_user_command(email, role, agency_code, password, name, locale):
    """Create an account."""
    import sqlalchemy as sa

    from tracker.domain.accounts.users import create_user
    from tracker.models import Agency

    agency = None
    if agency_code:
        agency = db.session.scalar(sa.select(Agency).where(Agency.code == agency_code.lower()))
        if agency is None:
            raise click.ClickException(f"No agency with code {agency_code!r}.")
    try:
        user = create_user(
            system_actor("cli"),
            utc_now(),
            email=email,
            role=role,
            password=password,
            name=name,
            agency=agency,
            locale=locale,
        )
    except DomainError as error:
        fail(error)
    db.session.commit()
    click.echo(f"Created {user.email} ({user.role.value}).")


@users_cli.command("token")
@click.argument("email")
@click.option("--name", default="cli", help="What the token is for.")
@click.option("--days", default=365, show_default=True, help="Days it works; 0: no expiry.")
@click.option("--read-only", is_flag=True, help="It may only read, never change anything.")
def create_token_command(email, name, days, read_only):
    """Print a new personal API token for EMAIL (shown once; stored only as a hash)."""
    from tracker.domain.accounts.tokens import create_token
    from tracker.domain.accounts.users import find_user

    user = find_user(email)
    if user is None or not user.active:
        raise click.ClickException(f"No active account {email!r}.")
    try:
        _token, secret = create_token(user, name, utc_now(), days=days or None, read_only=read_only)
    except DomainError as error:
        fail(error)
    db.session.commit()
    click.echo(secret)


@agencies_cli.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_agencies_command(csv_file: Path):
    """Import or update agencies from CSV (code,name,level,parent_code,aliases,email)."""
    from tracker.domain.agencies import import_agencies, parse_agency_csv

    try:
        rows = parse_agency_csv(csv_file.read_bytes())
        bad = [row for row in rows if row.errors]
        for row in bad:
            click.echo(f"line {row.line} ({row.code or '?'}): {'; '.join(row.errors)}", err=True)
        created, updated = import_agencies(rows, system_actor("cli"), utc_now())
    except DomainError as error:
        fail(error)
    db.session.commit()
    click.echo(f"Agencies: {created} created, {updated} updated.")


@tasks_cli.command("refresh-summaries")
def refresh_summaries_command():
    """Recompute every task's stored summary (after rows were changed by hand in SQL)."""
    from tracker.domain.work.task_summary import refresh_task_summaries

    changed = refresh_task_summaries(db.session)
    db.session.commit()
    click.echo(f"Task summaries corrected: {changed}.")


@click.command("demo")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Pretend today is this day.")
@click.option(
    "--allow-production",
    is_flag=True,
    help="Load the demo into a production database anyway (accounts get a random password).",
)
@with_appcontext
def demo_command(today, allow_production):
    """Load the demo data (Lạng Sơn agencies, notice 75/TB-UBND); safe to run twice."""
    import secrets

    from tracker.demo import DEMO_PASSWORD, load_demo

    password = DEMO_PASSWORD
    if current_app.config.get("ENV_NAME") not in ("development", "test"):
        if not allow_production:
            raise click.ClickException(
                "the demo creates accounts with a published password; it runs only with "
                "TRACKER_ENV=development (or add --allow-production for a random password)."
            )
        password = secrets.token_urlsafe(12)  # never the published one outside development
    now = utc_now()
    summary = load_demo(now, today=today.date() if today else None, password=password)
    db.session.commit()
    click.echo(summary)


def register_cli(app: Flask) -> None:
    """Attach every command group to `flask`."""
    app.cli.add_command(users_cli)
    app.cli.add_command(agencies_cli)
    app.cli.add_command(tasks_cli)
    app.cli.add_command(demo_command)
    from tracker.reminders.cli import reminders_cli, scheduler_command

    app.cli.add_command(reminders_cli)
    app.cli.add_command(scheduler_command)
    from tracker.notices_cli import notices_cli

    app.cli.add_command(notices_cli)
    from tracker.ops.cli import register_ops_cli

    register_ops_cli(app)
