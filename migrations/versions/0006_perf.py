"""perf: covering indexes for the official status counts and the task list's status filter

Revision ID: 0006_perf
Revises: 0005_imports

ix_assignment_status replaces ix_assignment_state_deadline (same leading columns, so every
query that used it still can) and carries every column the status rule and the reports read,
so counts are answered from the index alone. ix_assignment_task_status answers, per task, "does
it have a lead" and "is any of its assignments in a worse status" without reading the table.
"""

from alembic import op

revision = "0006_perf"
down_revision = "0005_imports"
branch_labels = None
depends_on = None

STATUS_COLUMNS = ["state", "deadline", "completed_late", "reported_done_on", "agency_id",
                  "task_id", "role", "parent_id"]  # fmt: skip
TASK_STATUS_COLUMNS = ["task_id", "parent_id", "role", "state", "deadline", "completed_late",
                       "reported_done_on"]  # fmt: skip


def upgrade():
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index("ix_assignment_state_deadline")
        batch_op.create_index("ix_assignment_status", STATUS_COLUMNS, unique=False)
        batch_op.create_index("ix_assignment_task_status", TASK_STATUS_COLUMNS, unique=False)


def downgrade():
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index("ix_assignment_task_status")
        batch_op.drop_index("ix_assignment_status")
        batch_op.create_index("ix_assignment_state_deadline", ["state", "deadline"], unique=False)
