"""duplicate notices: the keys a notice is compared by, and the recorded choice of a copy

Revision ID: 0013_followup_duplicate_notices
Revises: 0013_followup_delegated_role

document.number_key and document.text_key let the import find a notice already in the tracker
(tracker.domain.notices.duplicates) through an index; document.duplicate_of_id records that the
office chose to import a second copy. The upgrade fills both keys for the notices already there.
"""

import hashlib
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0013_followup_duplicate_notices"
down_revision = "0013_followup_delegated_role"
branch_labels = None
depends_on = None

_WORD = re.compile(r"\w+")
_NUMBER_NOISE = re.compile(r"^so\s*:?|[\s.,;:]+$|\s+")


def _fold(text):
    # tracker.domain.text.fold, frozen here as migrations must be.
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip().lower()
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").replace("đ", "d")


def _number_key(number):
    return _NUMBER_NOISE.sub("", _fold(number))[:100]


def _text_key(text):
    words = _WORD.findall(_fold(text))
    return hashlib.sha256(" ".join(words).encode()).hexdigest() if words else None


def upgrade():
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("number_key", sa.String(length=100), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("text_key", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("duplicate_of_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_document_number_key"), ["number_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_text_key"), ["text_key"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_document_duplicate_of_id_document"), "document", ["duplicate_of_id"], ["id"]
        )
    conn = op.get_bind()
    document = sa.table(
        "document",
        sa.column("id", sa.Integer),
        sa.column("number", sa.String),
        sa.column("full_text", sa.Text),
        sa.column("number_key", sa.String),
        sa.column("text_key", sa.String),
    )
    rows = conn.execute(sa.select(document.c.id, document.c.number, document.c.full_text)).all()
    for row in rows:
        conn.execute(
            document.update()
            .where(document.c.id == row.id)
            .values(number_key=_number_key(row.number), text_key=_text_key(row.full_text))
        )


def downgrade():
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_document_duplicate_of_id_document"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_document_text_key"))
        batch_op.drop_index(batch_op.f("ix_document_number_key"))
        batch_op.drop_column("duplicate_of_id")
        batch_op.drop_column("text_key")
        batch_op.drop_column("number_key")
