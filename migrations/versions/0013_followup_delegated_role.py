"""delegated assignments take their parent's role

Revision ID: 0013_followup_delegated_role
Revises: 0012_security

Delegation used to make every delegated assignment a lead, even under a supporting parent. The
rule is now that delegated work keeps its parent's role (tracker.domain.work.rollup): this
repairs the rows already there, one level of the hierarchy per pass. No schema change.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_followup_delegated_role"
down_revision = "0012_security"
branch_labels = None
depends_on = None

_REPAIR = sa.text(
    "UPDATE assignment SET role = "
    "(SELECT parent.role FROM assignment AS parent WHERE parent.id = assignment.parent_id) "
    "WHERE parent_id IS NOT NULL AND role <> "
    "(SELECT parent.role FROM assignment AS parent WHERE parent.id = assignment.parent_id)"
)


def upgrade():
    conn = op.get_bind()
    for _level in range(10):  # deeper than any hierarchy; each pass fixes one more level
        if not conn.execute(_REPAIR).rowcount:
            break


def downgrade():
    pass  # the old roles were a mistake; nothing to restore
