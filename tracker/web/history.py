"""The audit trail, as each object's page shows it."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.models import AuditEvent

ACTION_LABELS = {
    "document.create": _l("Document recorded"),
    "document.update": _l("Document edited"),
    "task.create": _l("Task created"),
    "task.update": _l("Task edited"),
    "task.deadline": _l("Task deadline changed"),
    "assignment.create": _l("Assigned"),
    "assignment.delegate": _l("Delegated"),
    "assignment.deadline": _l("Deadline changed"),
    "assignment.report_progress": _l("Progress reported"),
    "assignment.report_completion": _l("Completion reported"),
    "assignment.confirm": _l("Completion confirmed"),
    "assignment.return": _l("Returned for rework"),
    "assignment.pause": _l("Paused"),
    "assignment.resume": _l("Resumed"),
    "assignment.cancel": _l("Cancelled"),
    "assignment.reopen": _l("Reopened"),
    "assignment.roll_up": _l("Progress rolled up from delegated work"),
    "extension.request": _l("Extension requested"),
    "extension.approve": _l("Extension approved"),
    "extension.reject": _l("Extension rejected"),
    "evidence.add": _l("Evidence attached"),
    "agency.create": _l("Agency created"),
    "agency.update": _l("Agency edited"),
    "agency.import": _l("Imported from CSV"),
    "user.create": _l("Account created"),
    "user.password": _l("Password changed"),
    "user.active": _l("Account activated or deactivated"),
}


@dataclass
class HistoryLine:
    event: AuditEvent
    label: str
    who: str
    changes: list[tuple[str, str, str]]


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:10]}/{value[5:7]}/{value[0:4]}"  # an ISO date, as dd/mm/yyyy
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"


def history_for(*targets: tuple[str, list[int]]) -> list[HistoryLine]:
    """Events about the objects named by (object_type, ids) pairs, oldest first, one query."""
    clauses = [
        sa.and_(AuditEvent.object_type == kind, AuditEvent.object_id.in_(ids))
        for kind, ids in targets
        if ids
    ]
    if not clauses:
        return []
    events = db.session.scalars(
        sa.select(AuditEvent)
        .where(sa.or_(*clauses))
        .options(selectinload(AuditEvent.actor))
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return [
        HistoryLine(
            event=event,
            label=ACTION_LABELS.get(event.action, event.action),
            who=event.actor.name if event.actor else (event.actor_label or ""),
            changes=[
                (name, _shown(pair[0]), _shown(pair[1]))
                for name, pair in (event.changes or {}).items()
                if isinstance(pair, list) and len(pair) == 2
            ],
        )
        for event in events
    ]
