"""/healthz says the process lives; /readyz whether it can serve; an old schema gets 503
with what to do, never a page of 500s."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask_migrate import upgrade

from tests.conftest import make_app
from tracker.extensions import db
from tracker.models import JobRun, Notification, NotificationStatus
from tracker.ops.health import head_revisions


def test_healthz_needs_no_database(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_readyz_reports_schema_scheduler_and_outbox(app, client, now, make_user):
    from tracker.domain.clock import utc_now

    db.session.add(JobRun(name="deliver", last_finished_at=utc_now() - timedelta(seconds=30)))
    db.session.add(
        Notification(
            kind="test",
            dedup_key="k1",
            to_addrs=["a@example.gov.vn"],
            subject="s",
            body_text="b",
            body_html="<p>b</p>",
            status=NotificationStatus.FAILED,
        )
    )
    db.session.commit()
    response = client.get("/readyz")
    assert response.status_code == 200
    report = response.get_json()
    assert report["status"] == "ok"
    assert report["schema"]["at_head"] is True
    assert report["schema"]["current"] == sorted(head_revisions())
    assert 25 <= report["scheduler"]["heartbeat_age_seconds"] <= 3600
    assert report["scheduler"]["ok"] is True
    assert report["outbox"] == {"pending": 0, "overdue": 0, "failed": 1, "held": 0}


@pytest.fixture
def old_schema_app(tmp_path):
    """An app on its own SQLite file, migrated to the migration before the newest."""
    from alembic.script import ScriptDirectory

    from tracker.ops.health import MIGRATIONS_DIR

    [head] = head_revisions()
    previous = ScriptDirectory(str(MIGRATIONS_DIR)).get_revision(head).down_revision
    app = make_app(f"sqlite:///{tmp_path / 'old.sqlite3'}", tmp_path)
    with app.app_context():
        upgrade(revision=previous)
        yield app
        db.session.remove()
        db.engine.dispose()


def test_an_old_schema_answers_503_with_the_command(old_schema_app):
    client = old_schema_app.test_client()
    for path in ("/login", "/tasks/", "/"):
        response = client.get(path)
        assert response.status_code == 503, path
        text = response.get_data(as_text=True)
        assert "flask db upgrade" in text
        assert "Cơ sở dữ liệu" in text  # in Vietnamese, like every page
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.get_json()["schema"]["at_head"] is False
    assert client.get("/healthz").status_code == 200


def test_after_the_upgrade_the_pages_come_back(old_schema_app):
    client = old_schema_app.test_client()
    assert client.get("/login").status_code == 503
    upgrade(revision="heads")
    assert client.get("/login").status_code == 200
    assert client.get("/readyz").status_code == 200
