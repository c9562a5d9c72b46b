"""Which agencies mail cannot reach, and why, so that no agency is left out silently.

An agency is reached through its contact addresses and its active officers' accounts. It cannot
be reached when it has neither (no address), or when every contact address it has was refused
for good by the mail server (a 5xx answer) and no officer's address is left. A refused contact
stays marked as failing until someone corrects it (a changed address is a new contact, not
failing). The import review, the assign form, the agencies page, the outbox (a mail without a
recipient is recorded as such) and the office's weekly summary all ask this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa

from tracker.domain.states import Role, Unreachable

__all__ = [
    "Unreachable",
    "agency_names_by_code",
    "mark_addresses_refused",
    "mark_refused_replies",
    "unreachable_agencies",
    "unreachable_codes",
    "unreachable_named",
]
from tracker.extensions import db
from tracker.models import Agency, AgencyContact, User

#: an SMTP reply refusing an address for good: "550 5.1.1 No such mailbox"
_PERMANENT_REPLY = re.compile(r"^5\d\d\b")


def unreachable_agencies(agency_ids: Iterable[int] | None = None) -> dict[int, Unreachable]:
    """The active agencies (of `agency_ids`, else all) mail cannot reach, with why (2 queries)."""
    contacts = sa.select(
        AgencyContact.agency_id,
        sa.func.count(AgencyContact.id),
        sa.func.count(AgencyContact.failing_since),
    ).group_by(AgencyContact.agency_id)
    officers = sa.select(User.agency_id).where(
        User.role == Role.AGENCY, User.active, User.agency_id.is_not(None)
    )
    agencies = sa.select(Agency.id).where(Agency.active)
    if agency_ids is not None:
        ids = list(agency_ids)
        contacts = contacts.where(AgencyContact.agency_id.in_(ids))
        officers = officers.where(User.agency_id.in_(ids))
        agencies = agencies.where(Agency.id.in_(ids))
    counts = {row[0]: (row[1], row[2]) for row in db.session.execute(contacts)}
    with_officers = set(db.session.scalars(officers.distinct()))
    result = {}
    for agency_id in db.session.scalars(agencies):
        total, failing = counts.get(agency_id, (0, 0))
        if agency_id in with_officers or total > failing:
            continue
        result[agency_id] = Unreachable.ADDRESS_REFUSED if total else Unreachable.NO_ADDRESS
    return result


def mark_addresses_refused(refused: dict[str, str], now: datetime) -> int:
    """Mark the contacts at addresses the mail server refused for good (address → its answer)
    as failing, keeping the first day and answer; the number newly marked. Flushes only."""
    if not refused:
        return 0
    lowered = {address.lower(): answer for address, answer in refused.items()}
    contacts = db.session.scalars(
        sa.select(AgencyContact).where(
            sa.func.lower(AgencyContact.email).in_(list(lowered)),
            AgencyContact.failing_since.is_(None),
        )
    ).all()
    for contact in contacts:
        contact.failing_since = now
        contact.failing_reason = lowered[contact.email.lower()][:500]
    db.session.flush()
    return len(contacts)


def mark_refused_replies(replies: dict[str, str], now: datetime) -> int:
    """From a delivery's permanent refusals (address → the server's reply), mark the contacts
    a 5xx reply refused as failing; a refusal of the whole mail (its sender, its size) names
    no address's fault and marks nothing. Flushes only: the sender commits with its record."""
    permanent = {a: r for a, r in (replies or {}).items() if _PERMANENT_REPLY.match(r or "")}
    return mark_addresses_refused(permanent, now)


def unreachable_named(agency_ids: Iterable[int] | None = None) -> list[tuple[str, Unreachable]]:
    """unreachable_agencies as (agency name, why), by name, for pages and mails."""
    found = unreachable_agencies(agency_ids)
    if not found:
        return []
    names = db.session.execute(sa.select(Agency.id, Agency.name).where(Agency.id.in_(found)))
    return sorted((name, found[agency_id]) for agency_id, name in names)


def agency_names_by_code(codes: Iterable[str]) -> dict[str, str]:
    """The names of the registry agencies of `codes`, by code (1 query)."""
    query = sa.select(Agency.code, Agency.name).where(Agency.code.in_(list(codes)))
    return {code: name for code, name in db.session.execute(query)}


def unreachable_codes(codes: Iterable[str]) -> dict[str, Unreachable]:
    """unreachable_agencies by registry code, for the import review (2 queries and 1)."""
    query = sa.select(Agency.id, Agency.code).where(Agency.code.in_(list(codes)))
    ids = {agency_id: code for agency_id, code in db.session.execute(query)}
    return {ids[agency_id]: why for agency_id, why in unreachable_agencies(ids).items()}
