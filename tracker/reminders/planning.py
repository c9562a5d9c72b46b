"""Planning: turning what is due into built mails with their recipients and dedup keys.

A sweep plans (loads in a few queries, groups in Python, builds), then records the plan in the
outbox. Planning writes nothing: the access links the mails carry are placeholders, made by the
sender at delivery (tracker.reminders.links).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from tracker.domain.calendar import WorkCalendar
from tracker.reminders import builders
from tracker.reminders.builders import BuiltMail
from tracker.reminders.due import (
    ACTIONABLE,
    OpenItem,
    Recipient,
    agency_names,
    digest_period,
    escalation_day,
    existing_keys,
    head_contacts,
    notice_due,
    open_items,
    overdue_day,
    recipients_by_agency,
    reminder_stage,
)
from tracker.reminders.links import ACCESS_MARK
from tracker.reminders.outbox import record_mail_once
from tracker.reminders.settings import ReminderSettings

#: a weekly digest (or summary) is worth sending for a week; the next one supersedes it
DIGEST_USEFUL = timedelta(days=7)
#: the longest run of days off a reminder may be moved across (Tết with its weekends)
LONGEST_BREAK_DAYS = 16
#: (agency id, assignment id or None) -> link token
LinkFactory = Callable[[int, int | None], str]


@dataclass(frozen=True)
class PlannedMail:
    kind: str
    dedup_key: str
    to: list[str]
    built: BuiltMail
    locale: str = "vi"
    cc: tuple[str, ...] = ()
    agency_id: int | None = None
    assignment_id: int | None = None
    useful_until: datetime | None = None  #: not worth sending after this


def stored_links(settings: ReminderSettings, now: datetime) -> LinkFactory:
    """What recorded mails carry: the placeholder the sender replaces by a token at delivery
    (the mail's agency and assignment say what the link opens)."""

    def placeholder(_agency_id: int, _assignment_id: int | None = None) -> str:
        return ACCESS_MARK

    return placeholder


def preview_links(_agency_id: int, _assignment_id: int | None = None) -> str:
    """A dummy token, for previews that must record nothing."""
    return "preview"


def link_url(settings: ReminderSettings, token: str, assignment_id: int | None = None) -> str:
    """The address a link token opens, outside any session."""
    anchor = f"#a{assignment_id}" if assignment_id else ""
    return f"{settings.base_url}/link/{token}{anchor}"


def by_locale(recipients: list[Recipient]) -> dict[str, list[str]]:
    """Recipients grouped by language, Vietnamese first: one mail per language."""
    groups: dict[str, list[str]] = defaultdict(list)
    for recipient in sorted(recipients, key=lambda r: r.locale != "vi"):
        groups[recipient.locale].append(recipient.email)
    return groups


def localised_key(key: str, locale: str) -> str:
    """The dedup key of one language's copy (the Vietnamese copy keeps the plain key)."""
    return key if locale == "vi" else f"{key}:{locale}"


def plan_digests(now, settings, cal: WorkCalendar, links: LinkFactory, agency_ids=None):
    """This period's weekly digests still to record, one per agency with open work."""
    period = digest_period(now, settings, cal)
    if period is None:
        return []
    week, instant = period
    grouped: dict[int, list[OpenItem]] = defaultdict(list)
    for item in open_items(agency_ids=agency_ids):
        if item.created_at <= instant:
            grouped[item.agency_id].append(item)
    keys = {agency_id: f"digest:{agency_id}:{week}" for agency_id in grouped}
    done = existing_keys(keys.values())
    todo = [agency_id for agency_id in grouped if keys[agency_id] not in done]
    recipients, names = recipients_by_agency(todo), agency_names(todo)
    today, planned = settings.today(now), []
    for agency_id in todo:
        if not recipients.get(agency_id):
            continue
        token = links(agency_id, None)
        url = lambda item, token=token: link_url(settings, token, item.id)  # noqa: E731 - per agency
        for locale, emails in by_locale(recipients[agency_id]).items():
            built = builders.build_digest(
                names[agency_id],
                grouped[agency_id],
                today,
                settings.due_soon_days,
                url,
                locale,
                link_url(settings, token),
            )
            planned.append(
                PlannedMail(
                    "digest",
                    localised_key(keys[agency_id], locale),
                    emails,
                    built,
                    locale,
                    agency_id=agency_id,
                    useful_until=instant + DIGEST_USEFUL,
                )
            )
    return planned


def _deadline_candidates(now, settings, cal):
    """(kind, key, item, day) of every reminder, overdue notice and escalation now due."""
    today = settings.today(now)
    span = (
        today - timedelta(days=settings.escalate_after_days + 90),
        # a reminder may move earlier over a run of days off (Tết): look that far ahead too
        today + timedelta(days=max(settings.reminder_days, default=0) + 1 + LONGEST_BREAK_DAYS),
    )
    found = []
    for item in open_items(states=ACTIONABLE, deadline_between=span):
        stage = reminder_stage(item, now, settings, cal)
        if stage is not None:
            key = f"reminder:{item.id}:{item.deadline}:d{stage[0]}"
            found.append(("reminder", key, item))
        if notice_due(item, overdue_day(item, cal), now, settings):
            found.append(("overdue", f"overdue:{item.id}:{item.deadline}", item))
        if notice_due(item, escalation_day(item, settings, cal), now, settings):
            found.append(("escalation", f"escalation:{item.id}:{item.deadline}", item))
    return found


def plan_deadline_mails(now, settings, cal: WorkCalendar, links: LinkFactory):
    """Reminders before deadlines, overdue notices and escalations still to record."""
    candidates = _deadline_candidates(now, settings, cal)
    done = existing_keys(key for _kind, key, _item in candidates)
    candidates = [c for c in candidates if c[1] not in done]
    agency_ids = {item.agency_id for _kind, _key, item in candidates}
    recipients, names = recipients_by_agency(agency_ids), agency_names(agency_ids)
    heads, today, planned = head_contacts(agency_ids), settings.today(now), []
    build = {
        "reminder": builders.build_reminder,
        "overdue": builders.build_overdue,
        "escalation": builders.build_escalation,
    }
    for kind, key, item in candidates:
        url = link_url(settings, links(item.agency_id, item.id), item.id)
        # a reminder after its deadline is useless: the overdue notice says it better
        end_of_deadline = settings.send_instant(item.deadline + timedelta(days=1)).replace(
            hour=0, minute=0
        )
        cc: tuple[str, ...]
        if kind == "escalation":
            groups = {"vi": [heads.get(item.agency_id) or settings.office_email]}
            cc = (settings.office_email,)
        else:
            groups, cc = by_locale(recipients.get(item.agency_id, [])), ()
        for locale, emails in groups.items():
            built = build[kind](item, names[item.agency_id], today, url, locale)
            planned.append(
                PlannedMail(
                    kind,
                    localised_key(key, locale),
                    emails,
                    built,
                    locale,
                    cc,
                    item.agency_id,
                    item.id,
                    useful_until=end_of_deadline if kind == "reminder" else None,
                )
            )
    return planned


def record_plan(planned: list[PlannedMail], now: datetime) -> int:
    """Write planned mails to the outbox (the caller commits); returns how many were new."""
    recorded = 0
    for mail in planned:
        row = record_mail_once(
            kind=mail.kind,
            dedup_key=mail.dedup_key,
            to=mail.to,
            cc=list(mail.cc),
            subject=mail.built.subject,
            body_text=mail.built.body_text,
            body_html=mail.built.body_html,
            now=now,
            agency_id=mail.agency_id,
            assignment_id=mail.assignment_id,
            locale=mail.locale,
            useful_until=mail.useful_until,
        )
        recorded += row is not None
    return recorded


def preview_digest(agency_id: int, now: datetime, settings: ReminderSettings, locale="vi"):
    """The digest the agency would get now, built without recording anything (None: nothing
    open, so no digest)."""
    items = open_items(agency_ids=[agency_id])
    if not items:
        return None
    name = agency_names([agency_id])[agency_id]
    url = lambda item: link_url(settings, preview_links(agency_id), item.id)  # noqa: E731
    return builders.build_digest(
        name,
        items,
        settings.today(now),
        settings.due_soon_days,
        url,
        locale,
        link_url(settings, preview_links(agency_id)),
    )
