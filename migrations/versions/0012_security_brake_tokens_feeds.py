"""security: the throttle counters, device-trusted sessions, token expiry and scope, feed owners

Revision ID: 0012_security
Revises: 0011_mail_useful_until

The login brake no longer counts rows of login_attempt (checked, then written: parallel guesses
slipped through); a throttle row per key is counted in one atomic statement. Existing API
tokens keep working without an expiry and with write access; existing calendar feeds have no
owner (they still die with their agency).
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_security"
down_revision = "0011_mail_useful_until"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "throttle",
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_throttle")),
    )
    op.drop_table("login_attempt")
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("device_hash", sa.String(length=64), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_user_session_device_hash"), ["device_hash"], unique=False
        )
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("read_only", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("calendar_feed", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_calendar_feed_owner_id"), ["owner_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_calendar_feed_owner_id_user_account"),
            "user_account",
            ["owner_id"],
            ["id"],
        )


def downgrade():
    with op.batch_alter_table("calendar_feed", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_calendar_feed_owner_id_user_account"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_calendar_feed_owner_id"))
        batch_op.drop_column("owner_id")
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.drop_column("read_only")
        batch_op.drop_column("expires_at")
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_session_device_hash"))
        batch_op.drop_column("device_hash")
    op.create_table(
        "login_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("ip_address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempt")),
    )
    op.create_index("ix_login_attempt_email_at", "login_attempt", ["email", "at"], unique=False)
    op.create_index(
        op.f("ix_login_attempt_ip_address"), "login_attempt", ["ip_address"], unique=False
    )
    op.drop_table("throttle")
