"""mail: the account an account mail (password reset, set password) is for

Revision ID: 0011_mail_account_links
Revises: 0007_task_summary

Secrets are no longer stored in an outbox body: the body holds a placeholder and the sender
makes the link (its token) at delivery. For account mails it needs the account: user_id.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_mail_account_links"
down_revision = "0007_task_summary"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_notification_user_id"), ["user_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_notification_user_id_user_account"),
            "user_account",
            ["user_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade():
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_notification_user_id_user_account"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_notification_user_id"))
        batch_op.drop_column("user_id")
