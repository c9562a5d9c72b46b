"""mail: until when a mail is worth sending

Revision ID: 0011_mail_useful_until
Revises: 0011_mail_recipients

After an outage, stale mail must not flood out: a reminder is useless once its deadline has
passed (the overdue notice says it better), a weekly digest once the next one exists. The
sender drops (status "dropped") what is past useful_until, and older unsent digests and
summaries that a newer one supersedes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_mail_useful_until"
down_revision = "0011_mail_recipients"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("useful_until", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_column("useful_until")
