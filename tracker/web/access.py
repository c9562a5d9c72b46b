"""Access control for views: the current actor, role checks, objects an actor may see.

Who sees what is decided in `tracker.domain.permissions`; these wrappers only turn "not yours
to see" into 404, so an agency officer who asks for another agency's object learns nothing.
"""

from __future__ import annotations

from functools import wraps

from flask import abort, g
from flask_login import current_user, login_required

from tracker.domain import permissions
from tracker.domain.permissions import Actor, actor_for_user
from tracker.domain.states import Role

OFFICE_ROLES = (Role.ADMIN, Role.OFFICE)


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


def _or_404(found):
    if found is None:
        abort(404)
    return found


def visible_assignment_or_404(assignment_id: int):
    """The assignment, if the current actor may see it; otherwise 404."""
    return _or_404(permissions.visible_assignment(current_actor(), assignment_id))


def visible_task_or_404(task_id: int):
    """The task, if the current actor may see it; otherwise 404."""
    return _or_404(permissions.visible_task(current_actor(), task_id))


def visible_document_or_404(document_id: int):
    """The notice, if the current actor may see it; otherwise 404."""
    return _or_404(permissions.visible_document(current_actor(), document_id))


def visible_agency_or_404(agency_id: int):
    """The agency, if the current actor sees its work; otherwise 404."""
    return _or_404(permissions.visible_agency(current_actor(), agency_id))
