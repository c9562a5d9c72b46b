"""web: a folded search column on task

Revision ID: 0002_web
Revises: 0001_core
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0002_web"
down_revision = "0001_core"
branch_labels = None
depends_on = None


def _fold(text):
    # The same rule as tracker.domain.text.fold, frozen here as migrations must be.
    text = " ".join(unicodedata.normalize("NFC", text or "").split()).lower()
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.replace("đ", "d")


def upgrade():
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
    task = sa.table(
        "task", sa.column("id", sa.Integer), sa.column("title", sa.String),
        sa.column("text", sa.Text), sa.column("search_text", sa.Text),
    )
    conn = op.get_bind()
    rows = conn.execute(sa.select(task.c.id, task.c.title, task.c.text)).all()
    for row in rows:
        conn.execute(
            task.update().where(task.c.id == row.id).values(
                search_text=_fold(f"{row.title}\n{row.text}")
            )
        )


def downgrade():
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_column("search_text")
