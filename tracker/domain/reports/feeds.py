"""iCalendar feeds of deadlines behind revocable secret URLs (only the secret's hash is kept).

One all-day event per open assignment with a deadline. The UID never changes, SEQUENCE and
DTSTAMP follow the assignment's last change, so a calendar moves the event when the deadline
moves; finished, paused and cancelled work leaves the feed.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from icalendar import Calendar, Event

from tracker.domain import audit
from tracker.domain.accounts.tokens import hash_secret
from tracker.domain.clock import require_aware
from tracker.domain.errors import NotFound, PermissionDenied
from tracker.domain.permissions import Actor
from tracker.domain.states import OPEN_STATES
from tracker.extensions import db
from tracker.models import Agency, Assignment, CalendarFeed, Document, Task, User

#: SEQUENCE counts seconds from here, so it grows with every change and fits in 32 bits
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


def create_feed(
    actor: Actor, agency: Agency | None, now: datetime, owner: User | None = None
) -> tuple[CalendarFeed, str]:
    """A new feed of `agency`'s deadlines (None: every agency's), owned by `owner` (it dies
    with their account); returns it and its secret."""
    require_aware(now)
    if not actor.sees(agency.id if agency else None):
        raise PermissionDenied(_l("You cannot make a calendar for this agency."))
    secret = secrets.token_urlsafe(32)
    feed = CalendarFeed(agency=agency, owner=owner, token_hash=hash_secret(secret), created_at=now)
    db.session.add(feed)
    audit.record(
        actor, "calendar_feed.create", feed, now, {"agency": (None, agency and agency.code)}
    )
    return feed, secret


def revoke_feed(actor: Actor, feed_id: int, now: datetime) -> CalendarFeed:
    """Stop a feed's URL from working."""
    require_aware(now)
    feed = db.session.get(CalendarFeed, feed_id)
    if feed is None or not actor.sees(feed.agency_id):
        raise NotFound(_l("There is no such calendar."))
    if feed.revoked_at is None:
        feed.revoked_at = now
        audit.record(actor, "calendar_feed.revoke", feed, now, {})
    return feed


def visible_feeds(actor: Actor) -> list[CalendarFeed]:
    """The feeds `actor` may manage, newest first."""
    stmt = sa.select(CalendarFeed).where(actor.agency_clause(CalendarFeed.agency_id))
    stmt = stmt.order_by(CalendarFeed.id.desc())
    return list(db.session.scalars(stmt))


def feed_for_secret(secret: str) -> CalendarFeed | None:
    """The live feed with this secret, or None: unknown, revoked, or its owner or its agency
    deactivated (checked at every use, whatever revoked it or not)."""
    feed = db.session.scalar(
        sa.select(CalendarFeed).where(CalendarFeed.token_hash == hash_secret(secret or ""))
    )
    if feed is None or feed.revoked_at is not None:
        return None
    if (feed.owner is not None and not feed.owner.active) or (
        feed.agency is not None and not feed.agency.active
    ):
        return None
    return feed


def revoke_feeds_of(owner: User, now: datetime) -> None:
    """Revoke every live feed `owner` made (their account is being deactivated)."""
    live = db.session.scalars(
        sa.select(CalendarFeed).where(
            CalendarFeed.owner_id == owner.id, CalendarFeed.revoked_at.is_(None)
        )
    )
    for feed in live:
        feed.revoked_at = now


def feed_calendar(feed: CalendarFeed, base_url: str) -> bytes:
    """The feed as iCalendar text, in one query."""
    stmt = (
        sa.select(Assignment, Task.title, Agency.name, Document.number)
        .join(Task, Task.id == Assignment.task_id)
        .join(Agency, Agency.id == Assignment.agency_id)
        .outerjoin(Document, Document.id == Task.document_id)
        .where(Assignment.state.in_(OPEN_STATES), Assignment.deadline.is_not(None))
        .order_by(Assignment.deadline, Assignment.id)
    )
    if feed.agency_id is not None:
        stmt = stmt.where(Assignment.agency_id == feed.agency_id)
    calendar = Calendar()
    calendar.add("prodid", "-//tracker//deadlines//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", feed.agency.name if feed.agency else str(_l("All deadlines")))
    host = urlsplit(base_url).hostname or "tracker"
    for assignment, title, agency_name, number in db.session.execute(stmt):
        calendar.add_component(_event(assignment, title, agency_name, number, host, base_url))
    return calendar.to_ical()


def _event(assignment, title, agency_name, number, host, base_url) -> Event:
    event = Event()
    changed = assignment.updated_at or assignment.created_at
    event.add("uid", f"assignment-{assignment.id}@{host}")
    event.add("summary", f"{title} — {agency_name}")
    event.add("dtstart", assignment.deadline)
    event.add("dtend", assignment.deadline + timedelta(days=1))
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    event.add("sequence", max(0, int((changed - SEQUENCE_EPOCH).total_seconds())))
    event.add("transp", "TRANSPARENT")
    event.add("description", f"{number or ''}\n{base_url.rstrip('/')}/tasks/{assignment.task_id}")
    event.add("url", f"{base_url.rstrip('/')}/tasks/{assignment.task_id}")
    return event
