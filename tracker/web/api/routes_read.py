"""Read operations: lists (paged, filtered like the web list) and single objects."""

from __future__ import annotations

from flask import abort

from tracker.domain import listing
from tracker.domain.states import AgencyLevel, AssignmentRole, ExtensionState, TimeStatus, WorkState
from tracker.domain.status import classify, task_status
from tracker.domain.work.pages import newest_documents
from tracker.domain.work.task_queries import TaskFilters, task_page
from tracker.models import Assignment, ExtensionRequest, ProgressUpdate, Task
from tracker.web.access import current_actor, visible_agency_or_404, visible_document_or_404
from tracker.web.access import visible_assignment_or_404 as _visible_assignment
from tracker.web.access import visible_task_or_404 as _visible_task
from tracker.web.api import resources as r
from tracker.web.api.blueprint import operation
from tracker.web.api.paging import PAGING, get_or_404, page
from tracker.web.api.schema import INT_MAX, Field, Schema
from tracker.web.clock import policy, request_now


def _id(description: str = "") -> Field:
    return Field("integer", minimum=1, description=description)


def _enum(cls) -> Field:
    return Field("string", enum=tuple(m.value for m in cls))


def _check_id(object_id: int) -> None:
    if not 0 < object_id <= INT_MAX:
        abort(404)


def visible_assignment(assignment_id: int) -> Assignment:
    _check_id(assignment_id)
    return _visible_assignment(assignment_id)


def visible_task(task_id: int) -> Task:
    _check_id(task_id)
    return _visible_task(task_id)


def dump_task(task: Task) -> dict:
    return r.dump(r.TASK, task, status=task_status(task, request_now(), policy()))


def dump_assignment(assignment: Assignment) -> dict:
    return r.dump(r.ASSIGNMENT, assignment, status=classify(assignment, request_now(), policy()))


def dump_update(update: ProgressUpdate) -> dict:
    return r.dump(r.PROGRESS_UPDATE, update)


def dump_extension(request: ExtensionRequest) -> dict:
    return r.dump(r.EXTENSION_REQUEST, request)


AGENCY_QUERY = Schema("AgencyQuery", {**PAGING, "level": _enum(AgencyLevel), "parent": _id()})


@operation("/agencies", "GET", summary="List agencies", tag="agencies",
           query=AGENCY_QUERY, response=r.page_of(r.AGENCY))  # fmt: skip
def list_agencies(query):
    level = AgencyLevel(query["level"]) if "level" in query else None
    stmt = listing.agency_list(current_actor(), level, query.get("parent"))
    return page(stmt, query, lambda a: r.dump(r.AGENCY, a))


@operation("/agencies/<int:agency_id>", "GET", summary="Read an agency", tag="agencies",
           response=r.AGENCY)  # fmt: skip
def get_agency(agency_id: int):
    _check_id(agency_id)
    return r.dump(r.AGENCY, visible_agency_or_404(agency_id))


@operation("/documents", "GET", summary="List notices", tag="documents",
           query=Schema("DocumentQuery", dict(PAGING)), response=r.page_of(r.DOCUMENT))  # fmt: skip
def list_documents(query):
    stmt = newest_documents(current_actor())
    return page(stmt, query, lambda d: r.dump(r.DOCUMENT, d))


@operation("/documents/<int:document_id>", "GET", summary="Read a notice", tag="documents",
           response=r.DOCUMENT)  # fmt: skip
def get_document(document_id: int):
    _check_id(document_id)
    return r.dump(r.DOCUMENT, visible_document_or_404(document_id))


TASK_QUERY = Schema("TaskQuery", {
    **PAGING, "q": Field("string", max_length=200), "status": _enum(TimeStatus),
    "agency": _id(), "document": _id(), "role": _enum(AssignmentRole),
    "deadline_from": Field("date"), "deadline_to": Field("date"),
})  # fmt: skip


@operation("/tasks", "GET", summary="List tasks, filtered like the web list", tag="tasks",
           query=TASK_QUERY, response=r.page_of(r.TASK))  # fmt: skip
def list_tasks(query):
    filters = TaskFilters(
        q=query.get("q", ""),
        status=TimeStatus(query["status"]) if "status" in query else None,
        agency_id=query.get("agency"),
        document_id=query.get("document"),
        role=AssignmentRole(query["role"]) if "role" in query else None,
        deadline_from=query.get("deadline_from"),
        deadline_to=query.get("deadline_to"),
    )
    p = policy()
    number, size = query.get("page", 1), query.get("per_page", 25)
    today = p.today(request_now())
    found = task_page(filters, current_actor(), today, p.due_soon_days, number, size)
    items = [dump_task(task) for task in found.items]
    return {"items": items, "page": number, "per_page": size, "total": found.total}


@operation("/tasks/<int:task_id>", "GET", summary="Read a task", tag="tasks", response=r.TASK)
def get_task(task_id: int):
    return dump_task(visible_task(task_id))


ASSIGNMENT_QUERY = Schema("AssignmentQuery", {
    **PAGING, "task": _id(), "agency": _id(), "state": _enum(WorkState),
    "status": _enum(TimeStatus), "role": _enum(AssignmentRole),
    "deadline_from": Field("date"), "deadline_to": Field("date"),
})  # fmt: skip


@operation("/assignments", "GET", summary="List assignments", tag="assignments",
           query=ASSIGNMENT_QUERY, response=r.page_of(r.ASSIGNMENT))  # fmt: skip
def list_assignments(query):
    p = policy()
    stmt = listing.assignment_list(current_actor(), query, p.today(request_now()), p.due_soon_days)
    return page(stmt, query, dump_assignment)


@operation("/assignments/<int:assignment_id>", "GET", summary="Read an assignment",
           tag="assignments", response=r.ASSIGNMENT)  # fmt: skip
def get_assignment(assignment_id: int):
    return dump_assignment(visible_assignment(assignment_id))


@operation("/assignments/<int:assignment_id>/progress-updates", "GET", tag="assignments",
           summary="An assignment's progress reports", query=Schema("UpdateQuery", dict(PAGING)),
           response=r.page_of(r.PROGRESS_UPDATE))  # fmt: skip
def list_progress_updates(assignment_id: int, query):
    assignment = visible_assignment(assignment_id)
    return page(listing.progress_update_list(assignment), query, dump_update)


EXTENSION_QUERY = Schema("ExtensionQuery", {**PAGING, "state": _enum(ExtensionState),
                                            "assignment": _id()})  # fmt: skip


@operation("/extension-requests", "GET", summary="List extension requests", tag="extensions",
           query=EXTENSION_QUERY, response=r.page_of(r.EXTENSION_REQUEST))  # fmt: skip
def list_extension_requests(query):
    state = ExtensionState(query["state"]) if "state" in query else None
    stmt = listing.extension_request_list(current_actor(), state, query.get("assignment"))
    return page(stmt, query, dump_extension)


@operation("/extension-requests/<int:request_id>", "GET", summary="Read an extension request",
           tag="extensions", response=r.EXTENSION_REQUEST)  # fmt: skip
def get_extension_request(request_id: int):
    request = get_or_404(ExtensionRequest, request_id)
    visible_assignment(request.assignment_id)
    return dump_extension(request)
