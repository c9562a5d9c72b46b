"""How the audit trail's recorded changes read on screen: field names and values for people.

Events store plain values (enum values, ISO dates, agency codes); this turns them into the
labels the rest of the interface uses, in the user's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from tracker.domain.labels import (
    ASSIGNMENT_ROLE_LABELS,
    FIELD_LABELS,
    KIND_LABELS,
    LEVEL_LABELS,
    PRIORITY_LABELS,
    RECURRENCE_LABELS,
    ROLE_LABELS,
    STATE_LABELS,
)
from tracker.domain.states import (
    AgencyLevel,
    AssignmentRole,
    DocumentKind,
    Priority,
    Recurrence,
    Role,
    WorkState,
)
from tracker.extensions import db
from tracker.models import Agency, Assignment, AuditEvent

#: recorded for the machine (the delegating assignment's id), said in words by the label
HIDDEN_FIELDS = frozenset({"parent"})
#: field -> (vocabulary, its labels)
_VOCABULARIES: dict[str, tuple[type[StrEnum], Mapping[Any, Any]]] = {
    "state": (WorkState, STATE_LABELS),
    "state_before_pause": (WorkState, STATE_LABELS),
    "recurrence": (Recurrence, RECURRENCE_LABELS),
    "priority": (Priority, PRIORITY_LABELS),
    "kind": (DocumentKind, KIND_LABELS),
    "level": (AgencyLevel, LEVEL_LABELS),
}
_YES_NO = frozenset({"completed_late", "active"})
_LONGEST = 120


class AgencyNames:
    """Agency names by code, by id and by assignment, for every event shown, loaded at once
    (one query for the agencies named, one for the assignments' agencies), never per row."""

    def __init__(self, events: Iterable[AuditEvent]):
        codes: set[str] = set()
        ids: set[int] = set()
        for event in events:
            for name, pair in (event.changes or {}).items():
                values = [v for v in pair if v is not None] if isinstance(pair, list) else []
                if name == "agency":
                    codes.update(str(v) for v in values)
                elif name == "parent_id":
                    ids.update(v for v in values if isinstance(v, int))
        self.by_code: dict[str, str] = {}
        self.by_id: dict[int, str] = {}
        #: assignment id -> its agency's name, to say whose work an event is about
        self.by_assignment: dict[int, str] = {}
        assignments = {e.object_id for e in events if e.object_type == "assignment"}
        if assignments:
            self.by_assignment = dict(
                db.session.execute(
                    sa.select(Assignment.id, Agency.name)
                    .join(Agency, Agency.id == Assignment.agency_id)
                    .where(Assignment.id.in_(assignments))
                ).all()
            )
        if codes or ids:
            rows = db.session.execute(
                sa.select(Agency.id, Agency.code, Agency.name).where(
                    sa.or_(Agency.code.in_(codes), Agency.id.in_(ids))
                )
            )
            for agency_id, code, name in rows:
                self.by_code[code], self.by_id[agency_id] = name, name


def _as_date(text: str) -> str | None:
    try:
        return date.fromisoformat(text).strftime("%d/%m/%Y")
    except ValueError:
        return None


def _vocabulary(field: str, object_type: str) -> tuple[type[StrEnum], Mapping[Any, Any]] | None:
    if field == "role" and object_type == "user_account":
        return Role, ROLE_LABELS
    if field == "role":
        return AssignmentRole, ASSIGNMENT_ROLE_LABELS
    return _VOCABULARIES.get(field)


def _labelled(field: str, value, object_type: str):
    found = _vocabulary(field, object_type)
    if found is None:
        return None
    vocabulary, labels = found
    try:
        return labels[vocabulary(value)]
    except ValueError:
        return None


def shown_value(field: str, value, object_type: str, names: AgencyNames) -> str | None:
    """A recorded value as people read it; None when nothing was there."""
    if value is None or value == "":
        return None
    label = _labelled(field, value, object_type)
    if label is not None:
        return str(label)
    if field in _YES_NO:
        return str(_l("Yes") if value else _l("No"))
    if field == "progress":
        return f"{value}%"
    if field == "agency":
        return names.by_code.get(str(value), str(value))
    if field == "parent_id":
        return names.by_id.get(value, str(value))
    text = str(value)
    if isinstance(value, str) and len(value) == 10:  # an ISO date, as dd/mm/yyyy
        text = _as_date(value) or text
    return text if len(text) <= _LONGEST else text[: _LONGEST - 3] + "…"


def field_label(field: str) -> str:
    """The name of a recorded field, in the user's language."""
    return str(FIELD_LABELS.get(field, field.replace("_", " ")))
