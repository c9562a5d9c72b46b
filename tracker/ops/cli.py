"""`flask doctor` (and the backup commands)."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext

from tracker.domain.clock import utc_now


@click.command("doctor")
@click.option("--send-test", "send_to", metavar="EMAIL", help="Also send a test mail to EMAIL.")
@with_appcontext
def doctor_command(send_to):
    """Check settings, database, schema, uploads, mail server, scheduler and outbox."""
    from tracker.ops.doctor import run_checks

    failed = 0
    for check in run_checks(utc_now(), send_to):
        click.echo(check.line())
        failed += not check.ok
    if failed:
        raise click.ClickException(f"{failed} check(s) failed.")


def register_ops_cli(app: Flask) -> None:
    app.cli.add_command(doctor_command)
