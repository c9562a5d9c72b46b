"""The migrations build the schema from empty, and agree with the models."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from tests.conftest import reset_schema
from tracker.extensions import db


def test_upgrade_from_empty_creates_every_model_table(app):
    reset_schema(app)  # drops everything, then upgrades from nothing
    tables = set(sa.inspect(db.engine).get_table_names())
    assert {t.name for t in db.metadata.sorted_tables} <= tables
    assert "alembic_version" in tables


def test_models_and_latest_migration_agree(app):
    """What `flask db migrate` would find: nothing."""
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "render_as_batch": True}
        )
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_downgrade_to_base_and_back(app):
    downgrade(revision="base")
    assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade(revision="heads")
    assert "assignment" in sa.inspect(db.engine).get_table_names()


def test_constraint_names_follow_the_convention(app):
    inspector = sa.inspect(db.engine)
    fks = inspector.get_foreign_keys("assignment")
    assert fks and all(fk["name"].startswith("fk_assignment_") for fk in fks)
    uniques = inspector.get_unique_constraints("assignment")
    assert any(u["name"] == "uq_assignment_task_id_agency_id" for u in uniques)
    indexes = {ix["name"] for ix in inspector.get_indexes("assignment")}
    assert "ix_assignment_agency_state_deadline" in indexes
