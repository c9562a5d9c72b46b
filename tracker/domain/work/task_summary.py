"""Each task's stored summary of its top-level assignments, kept in step at every flush.

The task list filters tasks by their rolled-up status (status.task_status). Two parts of that
roll-up never change with the date, so they are stored on the task, where an index answers
them: whether a lead is among its top-level assignments (`Task.has_lead`), and its finished
status once nothing counted is open (`Task.done_status`, status.finished_status).

A flush that adds, removes or changes an assignment's task, role, parent, state or lateness
recomputes its tasks' summaries from the database. The task rows are locked first (FOR
UPDATE, in id order): on PostgreSQL, two officers confirming a task's last two leads at once
then recompute one after the other, the second in a snapshot that sees the first's commit.
Rows written around the ORM (bulk loads, a hand-made SQL fix) are summarised again by
`refresh_task_summaries` (`flask tasks refresh-summaries`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import cast

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from tracker.domain.states import AssignmentRole
from tracker.domain.status import finished_status
from tracker.models import Assignment, Task

_KEY = "task_summaries_due"
#: the assignment columns the summary is made of
_SUMMARISED = ("task_id", "role", "parent_id", "state", "completed_late")
_BATCH = 500


def refresh_task_summaries(session: Session, task_ids: Iterable[int] | None = None) -> int:
    """Recompute the stored summary of `task_ids` (every task when None); the number changed."""
    if task_ids is None:
        task_ids = session.scalars(sa.select(Task.id))
    ordered = sorted(set(task_ids))
    return sum(
        _refresh_chunk(session, tuple(ordered[start : start + _BATCH]))
        for start in range(0, len(ordered), _BATCH)
    )


def _refresh_chunk(session: Session, task_ids: tuple[int, ...]) -> int:
    conn = session.connection()
    task, assignment = cast(sa.Table, Task.__table__), cast(sa.Table, Assignment.__table__)
    stored = conn.execute(
        sa.select(task.c.id, task.c.has_lead, task.c.done_status)
        .where(task.c.id.in_(task_ids))
        .order_by(task.c.id)
        .with_for_update()
    ).all()
    top_level = defaultdict(list)
    for row in conn.execute(
        sa.select(assignment.c.task_id, assignment.c.role, assignment.c.state,
                  assignment.c.completed_late)
        .where(assignment.c.task_id.in_(task_ids), assignment.c.parent_id.is_(None))
    ):  # fmt: skip
        top_level[row.task_id].append(row)
    updates = []
    for task_id, has_lead, done_status in stored:
        rows = top_level[task_id]
        summary = (any(r.role == AssignmentRole.LEAD for r in rows), finished_status(rows))
        if summary != (has_lead, done_status):
            updates.append({"tid": task_id, "has_lead": summary[0], "done_status": summary[1]})
    if updates:
        conn.execute(
            task.update()
            .where(task.c.id == sa.bindparam("tid"))
            .values(has_lead=sa.bindparam("has_lead"), done_status=sa.bindparam("done_status")),
            updates,
        )
        for values in updates:  # objects already loaded read the new values on next access
            loaded = session.identity_map.get(identity_key(Task, values["tid"]))
            if loaded is not None:
                session.expire(loaded, ["has_lead", "done_status"])
    return len(updates)


def _touched_tasks(session: Session) -> set[int]:
    task_ids = set()
    for obj in (*session.new, *session.deleted):
        if isinstance(obj, Assignment):
            task_ids.add(obj.task_id)
    for obj in session.dirty:
        if not isinstance(obj, Assignment):
            continue
        attrs = sa.inspect(obj).attrs
        if any(attrs[name].history.has_changes() for name in _SUMMARISED):
            task_ids.add(obj.task_id)
            task_ids.update(attrs.task_id.history.deleted or ())  # moved from another task
    task_ids.discard(None)
    return task_ids


@sa.event.listens_for(Session, "after_flush")
def _note_touched_tasks(session: Session, _flush_context) -> None:
    # The lists of new, dirty and deleted objects and their history are only read here...
    touched = _touched_tasks(session)
    if touched:
        session.info.setdefault(_KEY, set()).update(touched)


@sa.event.listens_for(Session, "after_flush_postexec")
def _refresh_touched_tasks(session: Session, _flush_context) -> None:
    # ...and the summaries written here, once the flush is complete.
    touched = session.info.pop(_KEY, None)
    if touched:
        refresh_task_summaries(session, touched)
