"""Backup and restore: data and files, `flask backup`, a restore into a new database and an
empty folder, `flask files verify`, and the restored tracker serves the same pages, tokens and
links. Then what verify finds when files change, vanish or appear."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import NOW, PASSWORD, make_app
from tracker.domain.accounts.links import issue_link
from tracker.domain.accounts.tokens import create_token
from tracker.domain.permissions import actor_for_user
from tracker.domain.reports.feeds import create_feed
from tracker.extensions import db
from tracker.models import Attachment

EVIDENCE = b"%PDF-1.4 bien ban kiem tra " + bytes(range(256)) * 64


@pytest.fixture
def empty_database(database_url, tmp_path):
    """A second, empty database on the same server (or a new SQLite file)."""
    if not database_url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    server = sa.make_url(database_url)
    name = f"{server.database}_restored"
    admin = sa.create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield server.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def data(app, client, login, world):
    """Evidence uploaded through the web, an e-mail link, an API token, a calendar feed."""
    login(world.officer)
    response = client.post(
        f"/assignments/{world.mine.id}/progress",
        data={
            "progress-percent": "30",
            "progress-note": "Kèm biên bản",
            "progress-files": (io.BytesIO(EVIDENCE), "bien-ban.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code in (302, 303)
    link = issue_link(app.config["SECRET_KEY"], world.mine.agency_id, NOW, days=14)
    _row, api_token = create_token(world.office, "backup test", NOW)
    _feed, feed_secret = create_feed(actor_for_user(world.office), None, NOW)
    db.session.commit()
    attachment = db.session.scalar(sa.select(Attachment))
    return {"link": link, "api": api_token, "feed": feed_secret, "attachment": attachment.id}


def pages(app, world, data) -> dict[str, bytes]:
    """What the tracker answers, normalised for what differs per request (CSRF tokens)."""
    client = app.test_client()
    seen = {}
    client.post("/login", data={"email": world.office.email, "password": PASSWORD})
    for path in (f"/tasks/{world.task.id}", f"/assignments/{world.mine.id}"):
        seen[path] = client.get(path).data
    seen["attachment"] = client.get(f"/attachments/{data['attachment']}").data
    seen["link"] = app.test_client().get(f"/link/{data['link']}").data
    seen["feed"] = app.test_client().get(f"/calendar/{data['feed']}.ics").data
    api = app.test_client().get("/api/v1/tasks", headers={"Authorization": f"Bearer {data['api']}"})
    seen["api"] = api.data
    assert all(seen.values())
    return {k: re.sub(rb'value="[^"]{40,}"', b'value="csrf"', v) for k, v in seen.items()}


def test_backup_restore_verify_and_the_same_tracker(
    app,
    runner,
    world,
    data,
    empty_database,
    tmp_path,
):
    before = pages(app, world, data)
    backup_dir = tmp_path / "backup-2026-06-15"
    result = runner.invoke(args=["backup", str(backup_dir)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert len(manifest["files"]) == 1

    restored = make_app(empty_database, tmp_path / "restored", FIXED_NOW=NOW)
    with restored.app_context():
        result = restored.test_cli_runner().invoke(args=["restore", str(backup_dir)])
        assert result.exit_code == 0, result.output
        assert "1 file(s)" in result.output
        verified = restored.test_cli_runner().invoke(args=["files", "verify"])
        assert verified.exit_code == 0, verified.output
        assert "1 file(s) checked, 0 changed, 0 missing, 0 orphaned." in verified.output
        after = pages(restored, world, data)
        again = restored.test_cli_runner().invoke(args=["restore", str(backup_dir)])
        assert again.exit_code != 0 and "not empty" in again.output
        db.session.remove()
        db.engine.dispose()
    assert after == before
    assert after["attachment"] == EVIDENCE


def test_a_damaged_backup_is_refused_before_anything_changes(app, runner, data, tmp_path):
    backup_dir = tmp_path / "backup"
    assert runner.invoke(args=["backup", str(backup_dir)]).exit_code == 0
    [stored] = (backup_dir / "files").iterdir()
    stored.write_bytes(b"changed")
    restored = make_app(f"sqlite:///{tmp_path / 'new.sqlite3'}", tmp_path / "r")
    with restored.app_context():
        result = restored.test_cli_runner().invoke(args=["restore", str(backup_dir)])
        assert "does not match its checksum" in result.output
        assert sa.inspect(db.engine).get_table_names() == []
        db.engine.dispose()


def test_backup_needs_a_new_folder(runner, tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "something").write_text("x")
    result = runner.invoke(args=["backup", str(tmp_path / "old")])
    assert result.exit_code != 0 and "is not empty" in result.output


def test_verify_lists_changed_missing_and_orphaned_files(app, runner, data):
    folder = Path(app.config["UPLOAD_DIR"])
    [stored] = [p for p in folder.iterdir() if not p.name.startswith(".")]
    stored.write_bytes(b"%PDF-1.4 something else")
    (folder / "stray.pdf").write_bytes(b"nobody's")
    result = runner.invoke(args=["files", "verify"])
    assert result.exit_code != 0
    assert f"✗ changed (sha256 differs): {stored.name}" in result.output
    assert "· orphaned (named by nothing): stray.pdf" in result.output
    stored.unlink()
    result = runner.invoke(args=["files", "verify"])
    assert f"✗ missing: {stored.name}" in result.output
