"""task summary: whether a task has a lead, and its finished status, stored on the task

Revision ID: 0007_task_summary
Revises: 0006_perf

The task list's "done on time" and "done late" filters read Task.done_status through an index
instead of checking every lead of ~12,000 candidate tasks; has_lead answers which tasks roll up
from their support assignments. tracker.domain.work.task_summary keeps both at every flush; the
upgrade fills them for the tasks already there.
"""

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0007_task_summary"
down_revision = "0006_perf"
branch_labels = None
depends_on = None

OPEN_STATES = {"not_started", "in_progress", "awaiting_confirmation", "returned"}


def _finished_status(rows):
    # The same rule as tracker.domain.status.finished_status, frozen here as migrations must be.
    counted = [r for r in rows if r.role == "lead"] or rows
    if any(r.state in OPEN_STATES for r in counted):
        return None
    done = [r for r in counted if r.state == "done"]
    if any(r.completed_late for r in done):
        return "done_late"
    return "done_on_time" if done else None


def upgrade():
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("has_lead", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("done_status", sa.String(length=32), nullable=True))
        batch_op.create_index(
            "ix_task_done_status", ["done_status", "deadline", "id"], unique=False
        )
        batch_op.create_index("ix_task_has_lead", ["has_lead"], unique=False)
    task = sa.table(
        "task", sa.column("id", sa.Integer), sa.column("has_lead", sa.Boolean),
        sa.column("done_status", sa.String),
    )  # fmt: skip
    assignment = sa.table(
        "assignment", sa.column("task_id", sa.Integer), sa.column("parent_id", sa.Integer),
        sa.column("role", sa.String), sa.column("state", sa.String),
        sa.column("completed_late", sa.Boolean),
    )  # fmt: skip
    conn = op.get_bind()
    top_level = defaultdict(list)
    for row in conn.execute(
        sa.select(assignment.c.task_id, assignment.c.role, assignment.c.state,
                  assignment.c.completed_late).where(assignment.c.parent_id.is_(None))
    ):  # fmt: skip
        top_level[row.task_id].append(row)
    updates = [
        {"tid": task_id, "has_lead": any(r.role == "lead" for r in rows),
         "done_status": _finished_status(rows)}
        for task_id, rows in top_level.items()
    ]  # fmt: skip
    if updates:
        conn.execute(
            task.update()
            .where(task.c.id == sa.bindparam("tid"))
            .values(has_lead=sa.bindparam("has_lead"), done_status=sa.bindparam("done_status")),
            updates,
        )


def downgrade():
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index("ix_task_has_lead")
        batch_op.drop_index("ix_task_done_status")
        batch_op.drop_column("done_status")
        batch_op.drop_column("has_lead")
