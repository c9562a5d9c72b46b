"""Write operations: the same actions the web allows, each through its domain function."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from tracker.domain import workflow
from tracker.domain.agency_tree import agencies_by_id
from tracker.domain.errors import InvalidInput
from tracker.domain.permissions import visible_document
from tracker.domain.states import AssignmentRole, Priority, Recurrence
from tracker.domain.work import assignment as assigning
from tracker.domain.work import tasks
from tracker.extensions import db
from tracker.models import ExtensionRequest
from tracker.web.access import current_actor
from tracker.web.api import resources as r
from tracker.web.api.blueprint import operation
from tracker.web.api.paging import get_or_404
from tracker.web.api.routes_read import (
    dump_assignment,
    dump_extension,
    dump_task,
    dump_update,
    visible_assignment,
    visible_task,
)
from tracker.web.api.schema import Field, Schema
from tracker.web.clock import policy, request_now

NOTE = Field("string", required=True, min_length=1, max_length=5000)
OPTIONAL_NOTE = Field("string", nullable=True, max_length=5000)


def _enum(cls, **kwargs) -> Field:
    return Field("string", enum=tuple(m.value for m in cls), **kwargs)


NEW_TASK = Schema("NewTask", {
    "text": Field("string", required=True, min_length=1, max_length=20000),
    "title": Field("string", nullable=True, max_length=500),
    "document_id": Field("integer", nullable=True, minimum=1),
    "ordinal": Field("integer", nullable=True, minimum=1, maximum=10000),
    "deadline": Field("date", nullable=True),
    "priority": _enum(Priority), "recurrence": _enum(Recurrence),
})  # fmt: skip


@operation("/tasks", "POST", summary="Record a directive as a task (standing office)",
           tag="tasks", body=NEW_TASK, response=r.TASK, status=201)  # fmt: skip
def create_task(body):
    document = None
    if body.get("document_id") is not None:
        document = visible_document(current_actor(), body["document_id"])
        if document is None:
            raise InvalidInput(_l("There is no such notice."), field="document_id")
    task = tasks.create_task(
        current_actor(),
        request_now(),
        text=body["text"],
        title=body.get("title"),
        document=document,
        ordinal=body.get("ordinal"),
        deadline=body.get("deadline"),
        recurrence=Recurrence(body.get("recurrence", Recurrence.NONE.value)),
        priority=Priority(body.get("priority", Priority.NORMAL.value)),
    )
    db.session.flush()
    return dump_task(task)


NEW_ASSIGNMENTS = Schema("NewAssignments", {
    "agency_ids": Field("array", required=True, min_length=1, max_length=500,
                        items=Field("integer", minimum=1)),
    "role": _enum(AssignmentRole, required=True), "deadline": Field("date", nullable=True),
})  # fmt: skip


@operation("/tasks/<int:task_id>/assignments", "POST", tag="tasks", body=NEW_ASSIGNMENTS,
           summary="Assign a task to agencies (standing office)",
           response=r.list_of(r.ASSIGNMENT), status=201)  # fmt: skip
def assign_task(task_id: int, body):
    task = visible_task(task_id)
    ids = set(body["agency_ids"])
    agencies = agencies_by_id(ids)
    if len(agencies) != len(ids):
        raise InvalidInput(_l("Some of these agencies do not exist."), field="agency_ids")
    made = assigning.assign(
        task, agencies, AssignmentRole(body["role"]), current_actor(), request_now(),
        deadline=body.get("deadline"),
    )  # fmt: skip
    db.session.flush()
    return [dump_assignment(a) for a in made]


PROGRESS = Schema("ProgressReport", {
    "percent": Field("integer", required=True, minimum=0, maximum=100), "note": NOTE,
})  # fmt: skip


@operation("/assignments/<int:assignment_id>/progress-updates", "POST", tag="assignments",
           summary="Report progress", body=PROGRESS, response=r.PROGRESS_UPDATE,
           status=201)  # fmt: skip
def report_progress(assignment_id: int, body):
    assignment = visible_assignment(assignment_id)
    update = workflow.report_progress(
        assignment, current_actor(), body["percent"], body["note"], request_now()
    )
    db.session.flush()
    return dump_update(update)


@operation("/assignments/<int:assignment_id>/completion", "POST", tag="assignments",
           summary="Report the work done", body=Schema("CompletionReport", {"note": NOTE}),
           response=r.PROGRESS_UPDATE, status=201)  # fmt: skip
def report_completion(assignment_id: int, body):
    assignment = visible_assignment(assignment_id)
    update = workflow.report_completion(
        assignment, current_actor(), body["note"], request_now(), policy()
    )
    db.session.flush()
    return dump_update(update)


@operation("/assignments/<int:assignment_id>/confirmation", "POST", tag="assignments",
           summary="Confirm reported completion (standing office)", response=r.ASSIGNMENT,
           body=Schema("Confirmation", {"note": OPTIONAL_NOTE}))  # fmt: skip
def confirm(assignment_id: int, body):
    assignment = visible_assignment(assignment_id)
    workflow.confirm_completion(assignment, current_actor(), request_now(), body.get("note"))
    return dump_assignment(assignment)


@operation("/assignments/<int:assignment_id>/return", "POST", tag="assignments",
           summary="Return reported work for rework (standing office)", response=r.ASSIGNMENT,
           body=Schema("Return", {"reason": NOTE}))  # fmt: skip
def return_for_rework(assignment_id: int, body):
    assignment = visible_assignment(assignment_id)
    workflow.return_for_rework(assignment, current_actor(), body["reason"], request_now())
    return dump_assignment(assignment)


EXTENSION = Schema("NewExtensionRequest", {
    "requested_deadline": Field("date", required=True), "reason": NOTE,
})  # fmt: skip


@operation("/assignments/<int:assignment_id>/extension-requests", "POST", tag="extensions",
           summary="Ask for a later deadline", body=EXTENSION, response=r.EXTENSION_REQUEST,
           status=201)  # fmt: skip
def request_extension(assignment_id: int, body):
    assignment = visible_assignment(assignment_id)
    request = assigning.request_extension(
        assignment, current_actor(), body["requested_deadline"], body["reason"], request_now(),
        policy(),
    )  # fmt: skip
    db.session.flush()
    return dump_extension(request)


DECISION = Schema("ExtensionDecision", {
    "approve": Field("boolean", required=True), "new_deadline": Field("date", nullable=True),
    "note": OPTIONAL_NOTE,
})  # fmt: skip


@operation("/extension-requests/<int:request_id>/decision", "POST", tag="extensions",
           summary="Approve or reject an extension (standing office)", body=DECISION,
           response=r.EXTENSION_REQUEST)  # fmt: skip
def decide_extension(request_id: int, body):
    request = get_or_404(ExtensionRequest, request_id)
    visible_assignment(request.assignment_id)
    assigning.decide_extension(
        request, current_actor(), body["approve"], request_now(),
        new_deadline=body.get("new_deadline"), note=body.get("note"),
    )  # fmt: skip
    return dump_extension(request)
