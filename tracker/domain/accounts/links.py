"""Signed e-mail links: an agency reports progress without a password.

The token carries only a random nonce, signed with SECRET_KEY; the AccessLink row with that
nonce says which agency (and, optionally, which one assignment) it opens, until when, and
whether the office revoked it. Expiry is checked against `now`, never the wall clock.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer

from tracker.domain import audit
from tracker.domain.clock import require_aware
from tracker.domain.errors import NotFound
from tracker.domain.permissions import Actor
from tracker.domain.states import Role
from tracker.extensions import db
from tracker.models import AccessLink, Assignment

_SALT = "tracker.access-link"


def _serializer(secret_key: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt=_SALT)


def issue_link(
    secret_key: str,
    agency_id: int,
    now: datetime,
    days: int,
    assignment_id: int | None = None,
) -> str:
    """Record a new link for the agency (all its assignments, or one) and return its token."""
    require_aware(now)
    nonce = secrets.token_urlsafe(18)
    db.session.add(
        AccessLink(
            agency_id=agency_id,
            assignment_id=assignment_id,
            nonce=nonce,
            created_at=now,
            expires_at=now + timedelta(days=days),
        )
    )
    return _serializer(secret_key).dumps(nonce)


def resolve_link(secret_key: str, token: str, now: datetime) -> AccessLink | None:
    """The live link a token stands for; None when forged, unknown, expired or revoked."""
    require_aware(now)
    try:
        nonce = _serializer(secret_key).loads(token)
    except BadSignature:
        return None
    if not isinstance(nonce, str):
        return None
    link = db.session.scalar(sa.select(AccessLink).where(AccessLink.nonce == nonce))
    if link is None or link.revoked_at is not None or link.expires_at <= now:
        return None
    if not link.agency.active:
        return None  # checked at every use, even if a deactivation did not revoke it
    return link


def revoke_link(link: AccessLink, now: datetime) -> None:
    """Stop a link from working (the caller commits)."""
    link.revoked_at = require_aware(now)


def _may_manage_links(actor: Actor, agency_id: int) -> bool:
    return actor.role in (Role.OFFICE, Role.ADMIN) or (
        actor.role == Role.AGENCY and agency_id in actor.agency_ids
    )


def active_links(actor: Actor, agency_id: int, now: datetime) -> list[AccessLink]:
    """The agency's links still working now, newest first: for the office and its officers."""
    if not _may_manage_links(actor, agency_id):
        raise NotFound(_l("There is no such agency."))
    stmt = (
        sa.select(AccessLink)
        .where(
            AccessLink.agency_id == agency_id,
            AccessLink.revoked_at.is_(None),
            AccessLink.expires_at > require_aware(now),
        )
        .order_by(AccessLink.id.desc())
    )
    return list(db.session.scalars(stmt))


def revoke_agency_links(
    actor: Actor, agency_id: int, now: datetime, link_id: int | None = None
) -> int:
    """Revoke one of the agency's live links (`link_id`) or all of them; how many stopped."""
    links = active_links(actor, agency_id, now)
    chosen = [link for link in links if link_id is None or link.id == link_id]
    if link_id is not None and not chosen:
        raise NotFound(_l("There is no such link."))
    for link in chosen:
        revoke_link(link, now)
    if chosen:
        audit.record(
            actor, "access_link.revoke", chosen[0].agency, now, {"links": (len(chosen), 0)}
        )
    return len(chosen)


def revoke_all_links_of(agency_id: int, now: datetime) -> None:
    """Revoke every live link of an agency being deactivated (the caller commits)."""
    stmt = sa.select(AccessLink).where(
        AccessLink.agency_id == agency_id, AccessLink.revoked_at.is_(None)
    )
    for link in db.session.scalars(stmt):
        revoke_link(link, now)


def link_covers(link: AccessLink, assignment: Assignment) -> bool:
    """Whether the link opens this assignment: its agency's, and the one it names if any."""
    if assignment.agency_id != link.agency_id:
        return False
    return link.assignment_id is None or link.assignment_id == assignment.id


def link_assignments(link: AccessLink) -> list[Assignment]:
    """The assignments a link opens, by deadline (no deadline last)."""
    query = sa.select(Assignment).where(Assignment.agency_id == link.agency_id)
    if link.assignment_id is not None:
        query = query.where(Assignment.id == link.assignment_id)
    query = query.order_by(Assignment.deadline.is_(None), Assignment.deadline, Assignment.id)
    return list(db.session.scalars(query))


def link_actor(link: AccessLink) -> Actor:
    """Who acts through the link: an officer of that agency only, named by the link."""
    return Actor(role=Role.AGENCY, agency_ids=frozenset({link.agency_id}), label=f"link:{link.id}")
