"""Fixtures: the app on a real database (SQLite file, or PostgreSQL via TEST_DATABASE_URL),
schema built by the migrations, and helpers to make agencies, users and tasks."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from config import TestConfig, normalise_database_url
from tracker import create_app
from tracker.domain.clock import Policy
from tracker.domain.permissions import actor_for_user, system_actor
from tracker.domain.states import Role
from tracker.extensions import db

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "tracker" / "sample"
#: 10:00 in Hà Nội on Monday 15/06/2026
NOW = datetime(2026, 6, 15, 3, 0, tzinfo=UTC)
PASSWORD = "correct-horse-battery"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """A fresh database for this test session: a SQLite file, or, when TEST_DATABASE_URL names
    a PostgreSQL server, a new database on it (dropped at the end), so runs never collide."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        return
    server = sa.make_url(normalise_database_url(url))
    name = f"{server.database or 'test'}_{os.getpid()}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield server.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def is_postgres(database_url) -> bool:
    return database_url.startswith("postgres")


def make_app(database_url: str, tmp_path: Path, **overrides):
    settings = {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
    settings["WTF_CSRF_ENABLED"] = False  # tests post forms directly; test_csrf turns it on
    settings.update(
        SQLALCHEMY_DATABASE_URI=database_url,
        UPLOAD_DIR=str(tmp_path / "uploads"),
        **overrides,
    )
    return create_app(settings)


def reset_schema(app) -> None:
    """Drop everything and build the schema from the migrations, as production does."""
    from flask_migrate import upgrade

    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(sa.text("DROP SCHEMA public CASCADE"))
                conn.execute(sa.text("CREATE SCHEMA public"))
        else:
            db.drop_all()
            with db.engine.begin() as conn:
                conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        upgrade(revision="heads")


@pytest.fixture(scope="session", autouse=True)
def _translations():
    """Compile the .po catalogues to .mo when missing or older (.mo files are build output)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parent.parent / "tracker" / "translations"
    for po_path in root.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)


@pytest.fixture(scope="session")
def _schema(database_url, tmp_path_factory):
    app = make_app(database_url, tmp_path_factory.mktemp("schema"))
    reset_schema(app)
    with app.app_context():
        db.engine.dispose()
    return True


def empty_tables() -> None:
    """Delete every row, children first (faster than rebuilding the schema per test)."""
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())


@pytest.fixture
def app(_schema, database_url, tmp_path):
    app = make_app(database_url, tmp_path)
    with app.app_context():
        yield app
        db.session.remove()
        empty_tables()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def policy(app) -> Policy:
    return Policy.from_config(app.config)


@pytest.fixture
def system():
    return system_actor("tests")


@pytest.fixture
def agencies(app, system):
    """The Lạng Sơn registry, by code."""
    from tracker.domain.agencies import import_agencies, parse_agency_csv
    from tracker.models import Agency

    rows = parse_agency_csv((SAMPLE_DIR / "lang-son-agencies.csv").read_bytes())
    import_agencies(rows, system, NOW)
    db.session.commit()
    return {a.code: a for a in db.session.scalars(sa.select(Agency))}


@pytest.fixture
def make_user(app, system):
    from tracker.domain.accounts.users import create_user

    def make(role: Role | str = Role.OFFICE, agency=None, email=None, password=PASSWORD):
        role = Role(role)
        email = email or f"{role.value}-{agency.code if agency else 'x'}@test.example"
        user = create_user(
            system,
            NOW,
            email=email,
            role=role,
            password=password,
            agency=agency,
            name=f"{role.value} user",
        )
        db.session.commit()
        return user

    return make


@pytest.fixture
def office(make_user):
    return make_user(Role.OFFICE)


@pytest.fixture
def office_actor(office):
    return actor_for_user(office)


@pytest.fixture
def login(client):
    """Log a user in through the real login form; returns the client."""

    def do_login(user, password=PASSWORD):
        response = client.post("/login", data={"email": user.email, "password": password})
        assert response.status_code in (302, 303), response.get_data(as_text=True)[:500]
        return client

    return do_login
