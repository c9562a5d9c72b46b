"""`flask doctor`, `flask backup`, `flask restore`, `flask files verify`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

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


@click.command("backup")
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def backup_command(target: Path):
    """Back up the database and the uploaded files into TARGET (a new folder)."""
    from tracker.ops.backup import BackupError, backup

    try:
        summary = backup(target, Path(current_app.config["UPLOAD_DIR"]), utc_now())
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backed up {summary} into {target} (manifest.json lists their checksums).")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
@with_appcontext
def restore_command(source: Path):
    """Restore a backup into an empty database and an empty upload folder."""
    from tracker.ops.backup import BackupError, restore

    try:
        summary = restore(source, Path(current_app.config["UPLOAD_DIR"]))
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Restored {summary}. Then: flask db upgrade (if this code is newer), flask doctor.")


files_cli = AppGroup("files", help="The uploaded files.")


@files_cli.command("verify")
def verify_files_command():
    """Check every attachment against its sha256; list missing and orphaned files."""
    from tracker.ops.files import verify_files

    report = verify_files(Path(current_app.config["UPLOAD_DIR"]))
    for name in report.mismatched:
        click.echo(f"✗ changed (sha256 differs): {name}")
    for name in report.missing:
        click.echo(f"✗ missing: {name}")
    for name in report.orphaned:
        click.echo(f"· orphaned (named by nothing): {name}")
    click.echo(
        f"{report.checked} file(s) checked, {len(report.mismatched)} changed, "
        f"{len(report.missing)} missing, {len(report.orphaned)} orphaned."
    )
    if not report.ok:
        raise click.ClickException("some files are changed or missing.")


def register_ops_cli(app: Flask) -> None:
    for command in (doctor_command, backup_command, restore_command, files_cli):
        app.cli.add_command(command)
