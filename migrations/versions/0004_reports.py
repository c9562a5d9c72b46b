"""reports: indexes for the weekly trend (completion days) and period reports (deadlines)

Revision ID: 0004_reports
Revises: 0002_web
"""

from alembic import op

revision = "0004_reports"
down_revision = "0002_web"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_index("ix_assignment_completed_on", ["completed_on"], unique=False)
        batch_op.create_index("ix_assignment_deadline", ["deadline"], unique=False)


def downgrade():
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index("ix_assignment_deadline")
        batch_op.drop_index("ix_assignment_completed_on")
