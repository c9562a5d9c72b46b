"""How delegated work rolls up to the assignment it was delegated from.

An agency may pass its assignment down to agencies below it (work.assignment.delegate). The
whole rule, also stated in the README:

1. Role. A delegated assignment keeps its parent's role: what a supporting agency (phối hợp)
   passes down stays support work, what a lead (chủ trì) passes down stays lead work.
2. Progress. The parent's progress is the mean of its children's, a done child counting 100
   and cancelled children not at all; it is recomputed after every report or decision on a
   child, up the chain, while the parent is open to work (not started, in progress, returned).
3. Status. A parent not yet started moves to in progress as soon as one counted child has
   started. Nothing else moves upward: the parent's agency reports completion itself and the
   office confirms it, because the parent answers to the office for the result.
4. Counting. A task's status reads only its top-level assignments (status.task_status);
   delegated assignments count in the reports under their own agency and role.
"""

from __future__ import annotations

from datetime import datetime

from tracker.domain import audit
from tracker.domain.permissions import Actor
from tracker.domain.states import WorkState
from tracker.models import Assignment

S = WorkState
#: parent states the roll-up may change: work still open to be done
_ROLLED = frozenset({S.NOT_STARTED, S.IN_PROGRESS, S.RETURNED})


def rolled_up(parent: Assignment) -> dict | None:
    """The progress (and state) rule 2 and 3 give `parent`, or None when nothing rolls up."""
    children = [c for c in parent.children if c.state != S.CANCELLED]
    if not children or parent.state not in _ROLLED:
        return None
    mean = round(sum(100 if c.state == S.DONE else c.progress for c in children) / len(children))
    values: dict = {"progress": mean}
    started = mean > 0 or any(c.state != S.NOT_STARTED for c in children)
    if parent.state == S.NOT_STARTED and started:
        values["state"] = S.IN_PROGRESS
    return values


def roll_up(parent: Assignment | None, actor: Actor, now: datetime) -> None:
    """Apply the rule to `parent` and each assignment above it, each change in its history."""
    while parent is not None:
        values = rolled_up(parent)
        if values is None:
            return
        changes = audit.set_fields(parent, values)
        if changes:
            parent.updated_at = now
            audit.record(actor, "assignment.roll_up", parent, now, changes)
        parent = parent.parent
