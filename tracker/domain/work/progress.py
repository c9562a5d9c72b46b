"""Task summaries for lists: official status and progress, from assignments loaded in one go."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tracker.domain.clock import Policy
from tracker.domain.states import AssignmentRole, TimeStatus
from tracker.domain.status import task_status
from tracker.models import Task


@dataclass
class TaskSummary:
    task: Task
    status: TimeStatus | None
    progress: int
    agencies: int


def summarise(task: Task, now: datetime, policy: Policy) -> TaskSummary:
    """The task's rolled-up status and the mean progress of its lead assignments."""
    top = [a for a in task.assignments if a.parent_id is None]
    leads = [a for a in top if a.role == AssignmentRole.LEAD] or top
    progress = round(sum(a.progress for a in leads) / len(leads)) if leads else 0
    return TaskSummary(task, task_status(task, now, policy), progress, len(top))
