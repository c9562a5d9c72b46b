"""Event mails: the domain's signals become outbox rows in the same transaction.

The receivers only add rows to the session; whoever changed the assignment commits, so the
mail is recorded if and only if the change is.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app

from tracker.domain import events
from tracker.domain.reachability import unreachable_agencies
from tracker.models import Assignment, ExtensionRequest, NotificationStatus
from tracker.reminders import builders
from tracker.reminders.due import OpenItem, recipients_by_agency
from tracker.reminders.links import ACCESS_MARK
from tracker.reminders.outbox import record_mail_once
from tracker.reminders.planning import PlannedMail, by_locale, link_url, localised_key, record_plan
from tracker.reminders.settings import ReminderSettings


def _item(assignment: Assignment) -> OpenItem:
    task = assignment.task
    return OpenItem(
        id=assignment.id,
        agency_id=assignment.agency_id,
        state=assignment.state,
        deadline=assignment.deadline,
        reported_done_on=assignment.reported_done_on,
        created_at=assignment.created_at,
        title=task.title,
        notice=task.document.number if task.document else None,
    )


def record_event_mail(kind: str, key: str, assignment: Assignment, now: datetime, **extra) -> int:
    """Record one event mail to the assignment's agency, one copy per language."""
    settings = ReminderSettings.from_config(current_app.config)
    recipients = recipients_by_agency([assignment.agency_id]).get(assignment.agency_id)
    if not recipients:
        return record_unaddressed(kind, key, assignment, now, settings, **extra)
    # the token is made at delivery, for this assignment (tracker.reminders.links)
    url, item = link_url(settings, ACCESS_MARK, assignment.id), _item(assignment)
    planned = [
        PlannedMail(
            kind,
            localised_key(key, locale),
            emails,
            builders.build_event(kind, item, assignment.agency.name, url, locale, **extra),
            locale,
            agency_id=assignment.agency_id,
            assignment_id=assignment.id,
        )
        for locale, emails in by_locale(recipients).items()
    ]
    return record_plan(planned, now)


def record_unaddressed(kind, key, assignment: Assignment, now, settings, **extra) -> int:
    """Record the mail the agency should have had, without recipient and never sent, with
    why: the outbox then shows that it was not told (domain.reachability)."""
    url, name = f"{settings.base_url}/assignments/{assignment.id}", assignment.agency.name
    built = builders.build_event(kind, _item(assignment), name, url, "vi", **extra)
    row = record_mail_once(
        kind=kind, dedup_key=key, to=[], subject=built.subject, body_text=built.body_text,
        body_html=built.body_html, now=now, agency_id=assignment.agency_id,
        assignment_id=assignment.id, locale="vi",
    )  # fmt: skip
    if row is None:
        return 0
    reason = unreachable_agencies([assignment.agency_id]).get(assignment.agency_id)
    row.status = NotificationStatus.NO_RECIPIENT
    row.last_error = f"no recipient: {reason or 'no_address'}"
    return 1


def on_assignment_created(assignment: Assignment, *, now: datetime, **_kw) -> None:
    record_event_mail("assignment_created", f"created:{assignment.id}", assignment, now)


def on_assignment_returned(assignment: Assignment, *, now: datetime, reason="", **_kw) -> None:
    key = f"returned:{assignment.id}:{now.isoformat()}"
    record_event_mail("assignment_returned", key, assignment, now, reason=reason)


def on_deadline_changed(assignment: Assignment, *, now, old_deadline=None, reason="", **_kw):
    key = f"deadline:{assignment.id}:{assignment.deadline}:{now.isoformat()}"
    record_event_mail(
        "deadline_changed", key, assignment, now, old_deadline=old_deadline, reason=reason
    )


def on_extension_decided(request: ExtensionRequest, *, now: datetime, approved: bool, **_kw):
    kind = "extension_approved" if approved else "extension_rejected"
    record_event_mail(
        kind,
        f"extension:{request.id}",
        request.assignment,
        now,
        request=request,
        note=request.decision_note or "",
    )


_RECEIVERS = (
    (events.assignment_created, on_assignment_created),
    (events.assignment_returned, on_assignment_returned),
    (events.deadline_changed, on_deadline_changed),
    (events.extension_decided, on_extension_decided),
)


def connect_handlers() -> None:
    """Connect the receivers (blinker ignores a receiver connected twice: idempotent)."""
    for signal, receiver in _RECEIVERS:
        signal.connect(receiver, weak=False)
