"""`flask backup DIR` and `flask restore DIR`: the database (PostgreSQL through pg_dump,
SQLite through its online backup API) and the uploaded files, with a manifest of checksums.
A restore goes into an empty database and an empty folder only, after every checksum held."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from tracker.extensions import db
from tracker.ops.files import sha256_of, stored_files
from tracker.ops.health import current_revisions

MANIFEST = "manifest.json"
FORMAT = 1
DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that must not go on; the message says why."""


@dataclass(frozen=True)
class Summary:
    database: str
    schema: list[str]
    files: int

    def __str__(self) -> str:
        schema = ", ".join(self.schema) or "empty"
        return f"database ({self.database}, schema {schema}) and {self.files} file(s)"


def _libpq(url: sa.URL) -> tuple[str, dict[str, str]]:
    """The URL for pg_dump/pg_restore, the password passed in the environment, not argv."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(command: list[str], env: dict[str, str]) -> None:
    # the PostgreSQL client tools with the configured database's URL, never user input
    result = subprocess.run(  # noqa: S603
        command, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def _sqlite_path(url: sa.URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up or restored")
    return Path(url.database)


def backup(target: Path, upload_dir: Path, now: datetime) -> Summary:
    """Write the database, the files and the manifest into `target` (new or empty)."""
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: give a new folder for each backup")
    target.mkdir(parents=True, exist_ok=True)
    engine, schema = db.engine, sorted(current_revisions())
    kind = engine.dialect.name
    dump = target / DUMPS[kind]
    if kind == "postgresql":
        url, env = _libpq(engine.url)
        options = ("--format=custom", "--no-owner", "--no-privileges")
        _run(["pg_dump", *options, "--file", str(dump), "--dbname", url], env)
    else:
        source = engine.raw_connection()
        try:
            with sqlite3.connect(dump) as copy:
                source.driver_connection.backup(copy)  # consistent while others write
            copy.close()
        finally:
            source.close()
    files = {}
    for name in sorted(stored_files(upload_dir)):
        (target / "files" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(upload_dir / name, target / "files" / name)
        files[name] = sha256_of(target / "files" / name)
    manifest = {
        "format": FORMAT,
        "created_at": now.isoformat(),
        "database": {"kind": kind, "file": dump.name, "sha256": sha256_of(dump), "schema": schema},
        "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return Summary(kind, schema, len(files))


def read_manifest(source: Path) -> dict:
    """The manifest, after every checksum in it was found true."""
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source / MANIFEST} cannot be read: {error}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
    expected |= {f"files/{name}": sha for name, sha in manifest["files"].items()}
    for name, sha in expected.items():
        path = source / name
        if not path.is_file():
            raise BackupError(f"the backup lacks {name}")
        if sha256_of(path) != sha:
            raise BackupError(f"{name} does not match its checksum: the backup is damaged")
    return manifest


def restore(source: Path, upload_dir: Path) -> Summary:
    """Restore `source` into the configured database and upload folder, both empty."""
    manifest = read_manifest(source)
    engine, kind = db.engine, manifest["database"]["kind"]
    if kind != engine.dialect.name:
        raise BackupError(f"this backup is of {kind}; DATABASE_URL is {engine.dialect.name}")
    tables = sa.inspect(engine).get_table_names()
    if tables:
        raise BackupError(
            f"the database is not empty ({len(tables)} tables): restore into a new, empty one"
        )
    if stored_files(upload_dir):
        raise BackupError(f"UPLOAD_DIR {upload_dir} is not empty: restore into an empty folder")
    dump = source / manifest["database"]["file"]
    if kind == "postgresql":
        url, env = _libpq(engine.url)
        options = ("--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction")
        _run(["pg_restore", *options, "--dbname", url, str(dump)], env)
    else:
        engine.dispose()
        with (
            sqlite3.connect(dump) as backup_copy,
            sqlite3.connect(_sqlite_path(engine.url)) as live,
        ):
            backup_copy.backup(live)
        backup_copy.close()
        live.close()
    for name in manifest["files"]:
        (upload_dir / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / "files" / name, upload_dir / name)
    engine.dispose()
    return Summary(kind, manifest["database"]["schema"], len(manifest["files"]))
