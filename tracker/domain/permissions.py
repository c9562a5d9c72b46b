"""Who may see and do what: roles, and an agency officer's reach down the hierarchy.

The rule "which agencies does this actor see" is written here once: an office member, an
administrator and a leader see every agency; an agency officer (or a signed e-mail link) sees
the agencies in `Actor.agency_ids`. `Actor.sees` answers it for one agency, `Actor.agency_clause`
as SQL; the lists, reports, feeds, exports and the API all filter through them, and the
`visible_*` lookups below give None for what the actor may not see (the web turns that into 404).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from tracker.domain.errors import PermissionDenied
from tracker.domain.states import Role
from tracker.extensions import db
from tracker.models import Agency, Assignment, Document, Task

#: the roles that see every agency's work
READ_ALL_ROLES = frozenset({Role.OFFICE, Role.ADMIN, Role.VIEWER})

#: the agencies someone sees: None for every agency, else these (possibly none)
Reach = frozenset[int] | None


@dataclass(frozen=True)
class Actor:
    """Whoever acts: a logged-in user, a signed e-mail link, the scheduler or a command."""

    role: Role
    user_id: int | None = None
    label: str | None = None
    #: agencies this actor answers for (an officer's agency and those below it)
    agency_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_office(self) -> bool:
        return self.role in (Role.OFFICE, Role.ADMIN)

    def covers(self, agency_id: int) -> bool:
        """Whether this actor may act for `agency_id`."""
        return self.is_office or agency_id in self.agency_ids

    def can_read_all(self) -> bool:
        """Whether this actor sees every agency's work."""
        return self.role in READ_ALL_ROLES

    @property
    def reach(self) -> Reach:
        """The agencies this actor sees (None: every agency)."""
        return None if self.can_read_all() else self.agency_ids

    def sees(self, agency_id: int | None) -> bool:
        """Whether this actor sees `agency_id`'s work (None: work of no single agency)."""
        return reach_covers(self.reach, agency_id)

    def agency_clause(self, column=Assignment.agency_id):
        """`column` limited to the agencies this actor sees, as a SQL condition."""
        return reach_clause(self.reach, column)


def reach_covers(reach: Reach, agency_id: int | None) -> bool:
    """Whether `reach` includes `agency_id` (None, work of no single agency: only all)."""
    return reach is None or (agency_id is not None and agency_id in reach)


def reach_clause(reach: Reach, column=Assignment.agency_id):
    """`column` limited to `reach`, as a SQL condition (always true for every agency)."""
    if reach is None:
        return sa.true()
    return column.in_(reach or {-1})


def task_clause(reach: Reach):
    """Tasks with work for an agency in `reach`, as a condition on Task."""
    if reach is None:
        return sa.true()
    return Task.id.in_(sa.select(Assignment.task_id).where(reach_clause(reach)))


def document_clause(reach: Reach):
    """Notices with work for an agency in `reach`, as a condition on Document."""
    if reach is None:
        return sa.true()
    mine = sa.select(Task.document_id).join(Assignment, Assignment.task_id == Task.id)
    return Document.id.in_(mine.where(reach_clause(reach)))


def visible_assignment(actor: Actor, assignment_id: int) -> Assignment | None:
    """The assignment, if `actor` may see it."""
    assignment = db.session.get(Assignment, assignment_id)
    return assignment if assignment is not None and actor.sees(assignment.agency_id) else None


def visible_task(actor: Actor, task_id: int) -> Task | None:
    """The task, if `actor` may see it (an officer: one assigned to their agencies)."""
    task = db.session.get(Task, task_id)
    if task is None or actor.can_read_all():
        return task
    mine = sa.select(Assignment.id).where(Assignment.task_id == task.id, actor.agency_clause())
    return task if db.session.scalar(mine.limit(1)) is not None else None


def visible_documents(actor: Actor):
    """A SELECT of the notices `actor` may see: all, or those with work for their agencies."""
    return sa.select(Document).where(document_clause(actor.reach))


def visible_document(actor: Actor, document_id: int) -> Document | None:
    """The notice, if `actor` may see it."""
    return db.session.scalar(visible_documents(actor).where(Document.id == document_id))


def visible_agency(actor: Actor, agency_id: int) -> Agency | None:
    """The agency, if `actor` sees its work."""
    agency = db.session.get(Agency, agency_id)
    return agency if agency is not None and actor.sees(agency.id) else None


def descendant_agency_ids(root_ids: set[int]) -> set[int]:
    """`root_ids` and every agency below them, in one recursive query."""
    if not root_ids:
        return set()
    tree = sa.select(Agency.id).where(Agency.id.in_(root_ids)).cte("tree", recursive=True)
    tree = tree.union(sa.select(Agency.id).join(tree, Agency.parent_id == tree.c.id))
    return set(db.session.scalars(sa.select(tree.c.id)))


def actor_for_user(user) -> Actor:
    """The Actor a logged-in user acts as."""
    scope: frozenset[int] = frozenset()
    if user.role == Role.AGENCY and user.agency_id is not None:
        scope = frozenset(descendant_agency_ids({user.agency_id}))
    return Actor(role=user.role, user_id=user.id, label=user.email, agency_ids=scope)


def system_actor(label: str) -> Actor:
    """The actor for the scheduler and command-line tools."""
    return Actor(role=Role.ADMIN, label=label)


def require_office(actor: Actor) -> None:
    """Refuse unless the actor is the standing office (or an administrator)."""
    if not actor.is_office:
        raise PermissionDenied(_l("Only the standing office can do this."))


def require_agency_side(actor: Actor, agency_id: int) -> None:
    """Refuse unless the actor answers for the agency (the office may act on its behalf)."""
    if actor.role == Role.VIEWER or not actor.covers(agency_id):
        raise PermissionDenied(_l("You cannot act for this agency."))
