"""What the API returns: one output schema and one serializer per resource."""

from __future__ import annotations

from tracker.domain.states import (
    AgencyLevel,
    AssignmentRole,
    DocumentKind,
    ExtensionState,
    Priority,
    Recurrence,
    TimeStatus,
    UpdateKind,
    WorkState,
)
from tracker.web.api.schema import Field, Schema


def _enum(cls, nullable=False) -> Field:
    return Field("string", required=True, nullable=nullable, enum=tuple(m.value for m in cls))


def _f(kind: str, nullable: bool = False) -> Field:
    return Field(kind, required=True, nullable=nullable)


ID, TEXT, DAY, MAYBE_DAY, INSTANT = (
    _f("integer"),
    _f("string"),
    _f("date"),
    _f("date", True),
    _f("date-time"),
)

AGENCY = Schema("Agency", {
    "id": ID, "code": TEXT, "name": TEXT, "level": _enum(AgencyLevel),
    "parent_id": _f("integer", True), "active": _f("boolean"),
})  # fmt: skip
DOCUMENT = Schema("Document", {
    "id": ID, "number": TEXT, "kind": _enum(DocumentKind), "issuer": TEXT,
    "issued_on": MAYBE_DAY, "title": TEXT, "created_at": INSTANT,
})  # fmt: skip
TASK = Schema("Task", {
    "id": ID, "document_id": _f("integer", True), "ordinal": _f("integer", True),
    "title": TEXT, "text": TEXT, "deadline": MAYBE_DAY, "recurrence": _enum(Recurrence),
    "priority": _enum(Priority), "status": _enum(TimeStatus, nullable=True), "created_at": INSTANT,
})  # fmt: skip
ASSIGNMENT = Schema("Assignment", {
    "id": ID, "task_id": ID, "agency_id": ID, "parent_id": _f("integer", True),
    "role": _enum(AssignmentRole), "state": _enum(WorkState),
    "status": _enum(TimeStatus, nullable=True), "progress": ID,
    "original_deadline": MAYBE_DAY, "deadline": MAYBE_DAY, "reported_done_on": MAYBE_DAY,
    "completed_on": MAYBE_DAY, "completed_late": _f("boolean", True),
    "created_at": INSTANT, "updated_at": INSTANT,
})  # fmt: skip
PROGRESS_UPDATE = Schema("ProgressUpdate", {
    "id": ID, "assignment_id": ID, "kind": _enum(UpdateKind), "percent": ID, "note": TEXT,
    "author_id": _f("integer", True), "via_link": _f("boolean"), "created_at": INSTANT,
})  # fmt: skip
EXTENSION_REQUEST = Schema("ExtensionRequest", {
    "id": ID, "assignment_id": ID, "requested_deadline": DAY, "reason": TEXT,
    "state": _enum(ExtensionState), "requested_at": INSTANT,
    "decided_at": _f("date-time", True), "decision_note": _f("string", True),
    "approved_deadline": MAYBE_DAY,
})  # fmt: skip
ERROR_BODY = Schema("ErrorBody", {
    "code": TEXT, "message": TEXT,
    "fields": Field("object", description="the message for each field that was refused"),
    "existing_document_id": Field("integer", description="the notice already in the tracker"),
})  # fmt: skip
ERROR = Schema("Error", {"error": Field("object", required=True, items=ERROR_BODY)})


def page_of(schema: Schema) -> Schema:
    """A page of `schema` objects with the paging figures."""
    return Schema(f"{schema.name}Page", {
        "items": Field("array", required=True, items=schema),
        "page": ID, "per_page": ID, "total": ID,
    })  # fmt: skip


def list_of(schema: Schema) -> Field:
    return Field("array", items=schema)


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    return value


def dump(schema: Schema, obj, **extra) -> dict:
    """The object's fields named in `schema` (and `extra` values), JSON-ready."""
    data = {name: _plain(getattr(obj, name)) for name in schema.fields if name not in extra}
    data.update({name: _plain(value) for name, value in extra.items()})
    return data
