"""Access control for views: the current actor, role checks, objects an actor may see.

Every view that shows or changes an object fetches it through these helpers, so an agency
officer who asks for another agency's object gets 404, whatever the URL.
"""

from __future__ import annotations

from functools import wraps

import sqlalchemy as sa
from flask import abort, g
from flask_login import current_user, login_required

from tracker.domain.permissions import Actor, actor_for_user
from tracker.domain.states import Role
from tracker.extensions import db
from tracker.models import Assignment, Document, Task

OFFICE_ROLES = (Role.ADMIN, Role.OFFICE)
READ_ALL_ROLES = (Role.ADMIN, Role.OFFICE, Role.VIEWER)


def current_actor() -> Actor:
    """The logged-in user as a domain Actor (cached for the request)."""
    if "actor" not in g:
        g.actor = actor_for_user(current_user)
    return g.actor


def roles_required(*roles: Role):
    """Log-in required, and one of `roles`; others get 404 (the page is not theirs to know)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(*args, **kwargs):
            if current_user.role not in roles:
                abort(404)
            return view(*args, **kwargs)

        return wrapper

    return decorator


def assignment_scope(actor: Actor):
    """A WHERE clause limiting assignments to what `actor` may see (None: everything)."""
    if actor.can_read_all():
        return None
    return Assignment.agency_id.in_(actor.agency_ids or {-1})


def visible_assignment_or_404(assignment_id: int) -> Assignment:
    """The assignment, if the current actor may see it; otherwise 404."""
    assignment = db.get_or_404(Assignment, assignment_id)
    actor = current_actor()
    if not actor.can_read_all() and assignment.agency_id not in actor.agency_ids:
        abort(404)
    return assignment


def visible_task_or_404(task_id: int) -> Task:
    """The task, if the current actor may see it (an officer: one assigned to their agencies)."""
    task = db.get_or_404(Task, task_id)
    actor = current_actor()
    if actor.can_read_all():
        return task
    mine = db.session.scalar(
        sa.select(Assignment.id).where(
            Assignment.task_id == task.id, Assignment.agency_id.in_(actor.agency_ids or {-1})
        )
    )
    if mine is None:
        abort(404)
    return task


def visible_documents():
    """A SELECT of the notices the current actor may see: all, or (an officer) those with work
    for their agencies."""
    stmt = sa.select(Document)
    actor = current_actor()
    if not actor.can_read_all():
        mine = sa.select(Task.document_id).join(Assignment, Assignment.task_id == Task.id)
        stmt = stmt.where(Document.id.in_(mine.where(assignment_scope(actor))))
    return stmt


def visible_document_or_404(document_id: int) -> Document:
    """The notice, if the current actor may see it; otherwise 404."""
    document = db.session.scalar(visible_documents().where(Document.id == document_id))
    if document is None:
        abort(404)
    return document
