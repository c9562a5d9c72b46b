"""imports: notice drafts kept between the review pages

Revision ID: 0005_imports
Revises: 0004_reports
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_imports"
down_revision = "0004_reports"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "import_draft",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("original_filename", sa.String(length=255), nullable=True),
        sa.Column("original_stored_name", sa.String(length=100), nullable=True),
        sa.Column("original_content_type", sa.String(length=100), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_import_draft_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["user_account.id"], ondelete="CASCADE",
            name=op.f("fk_import_draft_owner_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_draft")),
    )
    with op.batch_alter_table("import_draft", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_draft_expires_at"), ["expires_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_import_draft_owner_id"), ["owner_id"], unique=False)


def downgrade():
    with op.batch_alter_table("import_draft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_draft_owner_id"))
        batch_op.drop_index(batch_op.f("ix_import_draft_expires_at"))
    op.drop_table("import_draft")
