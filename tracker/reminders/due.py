"""What is due: the rows the sweeps work on, loaded in a few queries, and when each mail is due.

Every rule takes `now`; a mail is due once its planned instant has passed, so a sweep that
missed its tick (downtime, a restart) catches up on the next one, and the dedup key keeps it
from going out twice. A mail planned before the assignment existed is never sent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

import sqlalchemy as sa

from tracker.domain.calendar import WorkCalendar
from tracker.domain.states import OPEN_STATES, Role, WorkState
from tracker.extensions import db
from tracker.models import Agency, AgencyContact, Assignment, Document, Notification, Task, User
from tracker.reminders.settings import ReminderSettings

#: states in which the agency still has to act: reminders and notices concern only these
ACTIONABLE = frozenset({WorkState.NOT_STARTED, WorkState.IN_PROGRESS, WorkState.RETURNED})


@dataclass(frozen=True)
class Recipient:
    email: str
    locale: str = "vi"


class OpenItem(NamedTuple):
    """One open assignment, flattened for the builders (no lazy loads while rendering).

    A named tuple rather than a frozen dataclass: a sweep makes tens of thousands of these, and
    a tuple is made several times faster."""

    id: int
    agency_id: int
    state: WorkState
    deadline: date | None
    reported_done_on: date | None
    created_at: datetime
    title: str
    notice: str | None


def open_items(
    *, agency_ids: Iterable[int] | None = None, states=OPEN_STATES, deadline_between=None
) -> list[OpenItem]:
    """Open assignments with their task and notice, in one query."""
    query = (
        sa.select(
            Assignment.id,
            Assignment.agency_id,
            Assignment.state,
            Assignment.deadline,
            Assignment.reported_done_on,
            Assignment.created_at,
            Task.title,
            Document.number,
        )
        .join(Task, Task.id == Assignment.task_id)
        .outerjoin(Document, Document.id == Task.document_id)
        .join(Agency, Agency.id == Assignment.agency_id)
        .where(Assignment.state.in_(list(states)), Agency.active)
        .order_by(Assignment.agency_id, Assignment.id)
    )
    if agency_ids is not None:
        query = query.where(Assignment.agency_id.in_(list(agency_ids)))
    if deadline_between is not None:
        query = query.where(Assignment.deadline.between(*deadline_between))
    return list(map(OpenItem._make, db.session.execute(query)))


def agency_names(agency_ids: Iterable[int] | None = None) -> dict[int, str]:
    """Agency id -> name, in one query."""
    query = sa.select(Agency.id, Agency.name)
    if agency_ids is not None:
        query = query.where(Agency.id.in_(list(agency_ids)))
    return dict(db.session.execute(query).all())


def recipients_by_agency(agency_ids: Iterable[int] | None = None) -> dict[int, list[Recipient]]:
    """Each agency's working contacts (head first) then its active officers, without repeats;
    a contact refused for good (domain.reachability) is left out."""
    contacts = sa.select(AgencyContact.agency_id, AgencyContact.email, sa.literal("vi"))
    contacts = contacts.where(AgencyContact.failing_since.is_(None))  # refused for good
    contacts = contacts.order_by(AgencyContact.agency_id, AgencyContact.is_head.desc())
    contacts = contacts.order_by(AgencyContact.id)
    officers = sa.select(User.agency_id, User.email, User.locale).where(
        User.role == Role.AGENCY, User.active, User.agency_id.is_not(None)
    )
    officers = officers.order_by(User.agency_id, User.id)
    if agency_ids is not None:
        ids = list(agency_ids)
        contacts = contacts.where(AgencyContact.agency_id.in_(ids))
        officers = officers.where(User.agency_id.in_(ids))
    result: dict[int, list[Recipient]] = defaultdict(list)
    seen: set[tuple[int, str]] = set()
    for query in (contacts, officers):
        for agency_id, email, locale in db.session.execute(query):
            if agency_id is None:  # both queries exclude it; the type cannot say so
                continue
            if (agency_id, email.lower()) not in seen:
                seen.add((agency_id, email.lower()))
                result[agency_id].append(Recipient(email, locale or "vi"))
    return result


def head_contacts(agency_ids: Iterable[int]) -> dict[int, str]:
    """Each agency's head contact (else its first contact), in one query."""
    query = (
        sa.select(AgencyContact.agency_id, AgencyContact.email)
        .where(AgencyContact.agency_id.in_(list(agency_ids)))
        .order_by(AgencyContact.agency_id, AgencyContact.is_head.desc(), AgencyContact.id)
    )
    result: dict[int, str] = {}
    for agency_id, email in db.session.execute(query):
        result.setdefault(agency_id, email)
    return result


def existing_keys(keys: Iterable[str], chunk: int = 500) -> set[str]:
    """The dedup keys among `keys` already in the outbox (a query per 500 keys)."""
    keys = list(dict.fromkeys(keys))
    found: set[str] = set()
    for start in range(0, len(keys), chunk):
        part = keys[start : start + chunk]
        found.update(
            db.session.scalars(
                sa.select(Notification.dedup_key).where(Notification.dedup_key.in_(part))
            )
        )
    return found


def digest_period(now: datetime, settings: ReminderSettings, cal: WorkCalendar):
    """This week's digest period once its send instant has passed, on a working day only:
    (ISO week label, instant). Never last week's: a digest missed while nothing ran is not
    sent late next to the new one (one digest per agency per week, ever)."""
    today = settings.today(now)
    if not cal.is_working_day(today):
        return None
    nominal = today - timedelta(days=today.weekday()) + timedelta(days=settings.digest_weekday)
    instant = settings.send_instant(cal.on_or_after(nominal))
    if instant > now:
        return None
    year, week, _ = nominal.isocalendar()
    return f"{year}-W{week:02d}", instant


def on_or_before(cal: WorkCalendar, day: date) -> date:
    """`day` if it is a working day, otherwise the working day before it."""
    while not cal.is_working_day(day):
        day -= timedelta(days=1)
    return day


def reminder_days(deadline: date, settings, cal: WorkCalendar) -> list[tuple[int, date]]:
    """(N, day it goes out) of each "N days before" reminder of a deadline. A reminder that
    falls on a day off moves to the working day before, so the agency gets its full notice;
    when moving brings two reminders onto the same or consecutive days, only the one nearer
    the deadline is kept (it counts its days from the day it goes out)."""
    kept: list[tuple[int, date]] = []
    for days_before in sorted(settings.reminder_days):
        day = on_or_before(cal, deadline - timedelta(days=days_before))
        if all((other - day).days >= 2 for _n, other in kept):
            kept.append((days_before, day))
    return sorted(kept, reverse=True)


def reminder_stage(item: OpenItem, now, settings, cal: WorkCalendar) -> tuple[int, date] | None:
    """The latest "N days before" reminder now due for an item: (N, day it goes out)."""
    if item.deadline is None or item.state not in ACTIONABLE:
        return None
    today, due = settings.today(now), None
    if today > item.deadline:
        return None
    for days_before, day in reminder_days(item.deadline, settings, cal):
        instant = settings.send_instant(day)
        if item.created_at <= instant <= now:
            due = (days_before, day)
    return due


def overdue_day(item: OpenItem, cal: WorkCalendar) -> date | None:
    """The working day after the deadline passed: the overdue notice goes out then."""
    return cal.next_working_day(item.deadline) if item.deadline else None


def escalation_day(item: OpenItem, settings, cal: WorkCalendar) -> date | None:
    """The first working day the item is overdue by more than ESCALATE_AFTER_DAYS."""
    if item.deadline is None:
        return None
    return cal.on_or_after(item.deadline + timedelta(days=settings.escalate_after_days + 1))


def notice_due(item: OpenItem, day: date | None, now, settings) -> bool:
    """Whether a notice planned for `day` is due now (and was planned after assignment)."""
    if day is None or item.state not in ACTIONABLE:
        return False
    instant = settings.send_instant(day)
    return item.created_at <= instant <= now
