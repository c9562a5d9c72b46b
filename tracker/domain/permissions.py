"""Who may see and do what: roles, and an agency officer's reach down the hierarchy."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from tracker.domain.errors import PermissionDenied
from tracker.domain.states import Role
from tracker.extensions import db
from tracker.models import Agency


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
        return self.role in (Role.OFFICE, Role.ADMIN, Role.VIEWER)


def descendant_agency_ids(root_ids: set[int]) -> set[int]:
    """`root_ids` and every agency below them, in one recursive query."""
    if not root_ids:
        return set()
    tree = sa.select(Agency.id).where(Agency.id.in_(root_ids)).cte("tree", recursive=True)
    tree = tree.union(sa.select(Agency.id).join(tree, Agency.parent_id == tree.c.id))
    return set(db.session.scalars(sa.select(tree.c.id)))


def actor_for_user(user) -> Actor:
    """The Actor a logged-in user acts as."""
    scope = frozenset()
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
