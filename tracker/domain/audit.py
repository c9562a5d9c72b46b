"""Writing the audit trail: every change the domain makes records one event."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from tracker.extensions import db
from tracker.models import AuditEvent


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def record(
    actor,
    action: str,
    obj,
    now: datetime,
    changes: dict[str, tuple[Any, Any]] | None = None,
    note: str | None = None,
) -> AuditEvent:
    """Add an audit event for `obj` (flushed with the caller's transaction)."""
    if obj.id is None:
        db.session.flush()
    event = AuditEvent(
        at=now,
        actor_id=actor.user_id if actor else None,
        actor_label=actor.label if actor else None,
        action=action,
        object_type=obj.__tablename__,
        object_id=obj.id,
        changes={k: [_plain(old), _plain(new)] for k, (old, new) in (changes or {}).items()},
        note=note,
    )
    db.session.add(event)
    return event


def set_fields(obj, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Assign `values` to `obj`; return {field: (old, new)} for those that changed."""
    changed = {}
    for name, new in values.items():
        old = getattr(obj, name)
        if old != new:
            setattr(obj, name, new)
            changed[name] = (old, new)
    return changed
