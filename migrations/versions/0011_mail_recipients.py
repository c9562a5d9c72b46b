"""mail: delivery per recipient, and a retry window for temporary errors

Revision ID: 0011_mail_recipients
Revises: 0011_mail_account_links

A server may accept one recipient and refuse another for now (greylisting: 451): the mail is
then sent again to the ones still missing only (delivered_to), those refused for good are
kept with the reason (refused_to), and temporary errors are retried until retry_until
(set at the first one), whatever the number of attempts.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_mail_recipients"
down_revision = "0011_mail_account_links"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("delivered_to", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("refused_to", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("retry_until", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_column("retry_until")
        batch_op.drop_column("refused_to")
        batch_op.drop_column("delivered_to")
