"""The audit trail, as each object's page shows it."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from tracker.domain.history_values import HIDDEN_FIELDS, AgencyNames, field_label, shown_value
from tracker.domain.labels import ACTION_LABELS
from tracker.extensions import db
from tracker.models import AuditEvent

#: actions whose note is the reason the office or the agency gave
REASON_ACTIONS = frozenset(
    {
        "assignment.return",
        "assignment.pause",
        "assignment.cancel",
        "assignment.reopen",
        "assignment.deadline",
        "task.deadline",
        "extension.request",
        "extension.reject",
    }
)


@dataclass
class Change:
    field: str
    old: str | None
    new: str | None


@dataclass
class HistoryLine:
    event: AuditEvent
    label: str
    who: str
    changes: list[Change]
    note_label: str
    #: whose work it is about, when the history covers several assignments
    subject: str | None = None


def _changes(event: AuditEvent, names: AgencyNames) -> list[Change]:
    result = []
    for name, pair in (event.changes or {}).items():
        if name in HIDDEN_FIELDS or not (isinstance(pair, list) and len(pair) == 2):
            continue
        old, new = (shown_value(name, value, event.object_type, names) for value in pair)
        if old is not None or new is not None:
            result.append(Change(field_label(name), old, new))
    return result


def history_for(*targets: tuple[str, list[int]]) -> list[HistoryLine]:
    """Events about the objects named by (object_type, ids) pairs, oldest first, for people:
    a fixed number of queries (events and authors, then the agencies they name)."""
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
    ).all()
    names = AgencyNames(events)
    several = len({(e.object_type, e.object_id) for e in events}) > 1
    return [
        HistoryLine(
            event=event,
            label=str(ACTION_LABELS.get(event.action, event.action)),
            who=event.actor.name if event.actor else (event.actor_label or ""),
            changes=_changes(event, names),
            note_label=str(_l("Reason") if event.action in REASON_ACTIONS else _l("Note")),
            subject=names.by_assignment.get(event.object_id)
            if several and event.object_type == "assignment"
            else None,
        )
        for event in events
    ]
