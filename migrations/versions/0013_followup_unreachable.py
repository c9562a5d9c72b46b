"""unreachable agencies: a contact refused for good by the mail server is marked failing

Revision ID: 0013_followup_unreachable
Revises: 0013_followup_duplicate_notices

tracker.domain.reachability reads agency_contact.failing_since to tell which agencies mail
cannot reach; the sender sets it on a permanent (5xx) refusal.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_followup_unreachable"
down_revision = "0013_followup_duplicate_notices"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("agency_contact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failing_since", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("failing_reason", sa.String(length=500), nullable=True))


def downgrade():
    with op.batch_alter_table("agency_contact", schema=None) as batch_op:
        batch_op.drop_column("failing_reason")
        batch_op.drop_column("failing_since")
