"""Files written on behalf of a database transaction live and die with it.

A file is written before the rows that name it are committed; if that transaction is rolled
back, or the session is closed without committing (an error page), the file is removed, so no
orphan is left on disk with nothing pointing at it.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session, SessionTransaction

_KEY = "files_pending_commit"


def write_with_transaction(session: Session, path: Path, data: bytes) -> None:
    """Write `path` now; remove it again unless `session`'s transaction commits."""
    path.write_bytes(data)
    session.info.setdefault(_KEY, []).append(path)


@sa.event.listens_for(Session, "after_commit")
def _keep(session: Session) -> None:
    session.info.pop(_KEY, None)


@sa.event.listens_for(Session, "after_transaction_end")
def _remove_uncommitted(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is not None:  # a savepoint: the outer transaction decides
        return
    for path in session.info.pop(_KEY, []):
        path.unlink(missing_ok=True)
