"""`flask notices`: read a notice, import it in one go, measure the reader on a corpus."""

from __future__ import annotations

import csv
import hashlib
import json
import secrets
from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from tracker.domain.clock import utc_now
from tracker.domain.errors import DomainError
from tracker.domain.notices import (
    AgencyRef,
    NoticeFileError,
    NoticeReading,
    evaluate_batches,
    evaluate_corpus,
    extract_text,
    format_batches,
    read_notice,
)
from tracker.domain.permissions import system_actor
from tracker.extensions import db

notices_cli = AppGroup("notices", help="Read and import notices.")

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
ISSUED_ON = click.option(
    "--issued-on",
    type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]),
    help="The notice's date, when its text lacks it.",
)
AGENCIES = click.option(
    "--agencies",
    "agencies_csv",
    type=FILE,
    help="Agencies from this CSV (code,name,level,parent_code,aliases) instead of the database.",
)


def agencies_from_csv(path: Path) -> list[AgencyRef]:
    """A registry CSV as the reader's AgencyRefs (no database needed)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            AgencyRef(
                code=row["code"].strip().lower(),
                name=row["name"].strip(),
                level=row["level"].strip().lower(),
                aliases=tuple(
                    a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()
                ),
                parent_code=(row.get("parent_code") or "").strip().lower() or None,
            )
            for row in csv.DictReader(handle)
        ]


def _registry(agencies_csv: Path | None) -> list[AgencyRef]:
    if agencies_csv is not None:
        return agencies_from_csv(agencies_csv)
    from tracker.domain.notices.importing import registry_refs

    return registry_refs()


def _read(path: Path, agencies: list[AgencyRef], issued_on) -> tuple[str, bytes, NoticeReading]:
    data = path.read_bytes()
    try:
        text = extract_text(path.name, data)
    except NoticeFileError as error:
        raise click.ClickException(f"{path}: {error.message}") from error
    day: date | None = issued_on.date() if issued_on else None
    from tracker.domain.calendar import WorkCalendar

    working = WorkCalendar.load().add_working_days
    return text, data, read_notice(text, agencies, issued_on=day, add_working_days=working)


@notices_cli.command("read")
@click.argument("path", type=FILE)
@click.option("--json", "as_json", is_flag=True, help="Print the reading as JSON.")
@ISSUED_ON
@AGENCIES
def read_command(path: Path, as_json: bool, issued_on, agencies_csv: Path | None):
    """Read FILE (.txt, .docx, .pdf) and print what was found; creates nothing."""
    _text, _data, reading = _read(path, _registry(agencies_csv), issued_on)
    if as_json:
        click.echo(json.dumps(reading.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{reading.number or '?'} · {reading.issuer or '?'} · {reading.title or '?'}")
    for d in reading.directives:
        deadline = d.deadline.isoformat() if d.deadline else "-"
        lead = ", ".join(d.lead_codes) or "-"
        click.echo(f"{d.ordinal:>3}. [{deadline}] lead: {lead} · {' '.join(d.text.split()[:12])}")


@notices_cli.command("import")
@click.argument("path", type=FILE)
@ISSUED_ON
@click.option(
    "--accept-early-deadlines", is_flag=True, help="Keep deadlines before the notice's date."
)
@click.option(
    "--allow-duplicate",
    is_flag=True,
    help="Import a second copy of a notice the tracker already has (recorded on the copy).",
)
def import_command(path: Path, issued_on, accept_early_deadlines: bool, allow_duplicate: bool):
    """Read FILE and create its document, tasks and assignments (registry agencies only).
    A notice already in the tracker (the same file, the same issuer, number and date, or
    nearly the same text) is refused with exit status 1 unless --allow-duplicate."""
    from tracker.domain.notices.draft import draft_from_reading
    from tracker.domain.notices.duplicates import DuplicateNotice
    from tracker.domain.notices.importing import confirm_import, find_imported, store_original

    text, data, reading = _read(path, _registry(None), issued_on)
    key = "cli-" + hashlib.sha256(data).hexdigest()[:60]
    existing = find_imported(key)
    if existing is not None and not allow_duplicate:
        raise click.ClickException(_duplicate_message(path, existing))
    if existing is not None:
        key = f"{key[:48]}-{secrets.token_hex(6)}"  # a copy on purpose: a key of its own
    draft = draft_from_reading(reading, text)
    draft.allow_duplicate = allow_duplicate
    for directive in draft.directives:
        directive.accept_early = accept_early_deadlines
    original = store_original(path.name, data, current_app.config["UPLOAD_DIR"])
    try:
        outcome = confirm_import(draft, system_actor("cli"), utc_now(), key, original)
    except DomainError as error:
        db.session.rollback()
        Path(current_app.config["UPLOAD_DIR"], original.stored_name).unlink(missing_ok=True)
        if isinstance(error, DuplicateNotice):
            raise click.ClickException(_duplicate_message(path, error.existing)) from error
        raise click.ClickException(f"{path}: {error.message} ({error.field})") from error
    db.session.commit()
    _print_created(outcome.document)


def _duplicate_message(path: Path, existing) -> str:
    return (
        f"{path}: already in the tracker as document {existing.id} ({existing.number}); "
        "nothing imported. Run again with --allow-duplicate to import a second copy on purpose."
    )


def _print_created(document) -> None:
    click.echo(f"Created document {document.id}: {document.number} · {document.title}")
    for task in document.tasks:
        lead = [a.agency.code for a in task.assignments if a.role.value == "lead"]
        support = [a.agency.code for a in task.assignments if a.role.value == "support"]
        deadline = task.deadline.isoformat() if task.deadline else "-"
        click.echo(
            f"{task.ordinal:>3}. [{deadline}] lead: {', '.join(lead) or '-'}"
            f" · support: {', '.join(support) or '-'} · {task.title[:60]}"
        )


@notices_cli.command("evaluate")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@AGENCIES
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "--blind",
    is_flag=True,
    help="For each batch-NN/ folder: the blind score recorded in its blind.json, and today's.",
)
def evaluate_command(directory: Path, agencies_csv: Path | None, as_json: bool, blind: bool):
    """Precision and recall per field over DIRECTORY's X.txt + X.expected.json pairs."""
    if blind:
        batches = evaluate_batches(directory, agencies_from_csv)
        if not batches:
            raise click.ClickException(f"{directory}: no batch-NN/ folder with an agencies.csv.")
        click.echo(format_batches(batches))
        return
    report = evaluate_corpus(directory, _registry(agencies_csv))
    if not report.notices:
        raise click.ClickException(f"{directory}: no X.txt with an X.expected.json beside it.")
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.format_table())
