"""What the work pages read: a notice's tasks, the review queue, an assignment's reports, the
task list's choices. Each takes the Actor whose view it is, and sees through permissions."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tracker.domain.agency_tree import agency_names
from tracker.domain.permissions import Actor, task_clause, visible_documents
from tracker.domain.states import ExtensionState, WorkState
from tracker.extensions import db
from tracker.models import Assignment, Document, ExtensionRequest, ProgressUpdate, Task

#: notices, newest first
NEWEST_FIRST = (Document.created_at.desc(), Document.id.desc())


def newest_documents(actor: Actor):
    """A SELECT of the notices `actor` may see, newest first."""
    return visible_documents(actor).order_by(*NEWEST_FIRST)


def document_page(actor: Actor, page: int, per_page: int):
    """One page of the notices `actor` may see, newest first, and each one's number of tasks."""
    documents = db.paginate(newest_documents(actor), page=page, per_page=per_page, error_out=False)
    ids = [d.id for d in documents.items] or [-1]
    counts = db.session.execute(
        sa.select(Task.document_id, sa.func.count(Task.id))
        .where(Task.document_id.in_(ids))
        .group_by(Task.document_id)
    )
    return documents, dict(counts.all())


def document_tasks(actor: Actor, document: Document) -> list[Task]:
    """The notice's tasks `actor` may see, in the notice's order, with their assignments."""
    return list(
        db.session.scalars(
            sa.select(Task)
            .where(Task.document_id == document.id, task_clause(actor.reach))
            .options(selectinload(Task.assignments))
            .order_by(Task.ordinal, Task.id)
        )
    )


def visible_assignments(actor: Actor, assignments: Iterable[Assignment]) -> list[Assignment]:
    """Those of `assignments` that `actor` may see."""
    return [a for a in assignments if actor.sees(a.agency_id)]


def task_filter_choices(actor: Actor) -> tuple[list, list]:
    """The task list's choices: (id, name) of the agencies and (id, number) of the notices
    `actor` may see."""
    documents = visible_documents(actor).with_only_columns(Document.id, Document.number)
    numbers = [(i, number) for i, number in db.session.execute(documents.order_by(Document.number))]
    return agency_names(actor), numbers


def review_queue() -> tuple[list[Assignment], list[ExtensionRequest]]:
    """The office's queue: completion reports awaiting confirmation and extension requests
    waiting for a decision, oldest first, with what the page shows loaded."""
    reports = db.session.scalars(
        sa.select(Assignment)
        .where(Assignment.state == WorkState.AWAITING_CONFIRMATION)
        .options(
            selectinload(Assignment.task),
            selectinload(Assignment.agency),
            selectinload(Assignment.updates),
        )
        .order_by(Assignment.reported_done_on, Assignment.id)
    ).all()
    extensions = db.session.scalars(
        sa.select(ExtensionRequest)
        .where(ExtensionRequest.state == ExtensionState.PENDING)
        .options(
            selectinload(ExtensionRequest.assignment).selectinload(Assignment.task),
            selectinload(ExtensionRequest.assignment).selectinload(Assignment.agency),
        )
        .order_by(ExtensionRequest.requested_at, ExtensionRequest.id)
    ).all()
    return list(reports), list(extensions)


def progress_updates(assignment: Assignment) -> list[ProgressUpdate]:
    """The assignment's reports, oldest first, with their files and authors."""
    return list(
        db.session.scalars(
            sa.select(ProgressUpdate)
            .where(ProgressUpdate.assignment_id == assignment.id)
            .options(selectinload(ProgressUpdate.attachments), selectinload(ProgressUpdate.author))
            .order_by(ProgressUpdate.created_at, ProgressUpdate.id)
        )
    )
