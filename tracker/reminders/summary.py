"""The standing office's weekly summary: counts by official status per agency, what is
overdue, what waits for the office (completion reports, extension requests), and the agencies
mail cannot reach (domain.reachability)."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa

from tracker.domain.calendar import WorkCalendar
from tracker.domain.collation import vietnamese_key
from tracker.domain.reachability import unreachable_agencies
from tracker.domain.states import ExtensionState, TimeStatus, WorkState
from tracker.domain.status import classify_values, time_status_sql
from tracker.extensions import db
from tracker.models import Agency, Assignment, ExtensionRequest
from tracker.reminders import builders
from tracker.reminders.due import agency_names, digest_period, existing_keys, open_items
from tracker.reminders.planning import DIGEST_USEFUL, PlannedMail
from tracker.reminders.settings import ReminderSettings

#: the summary shows the top of each list, whatever the size of the province (Postfix refuses
#: mail over 10 MB by default; the whole lists are in the tracker, linked from the mail)
SUMMARY_TOP_AGENCIES = 30
SUMMARY_TOP_ITEMS = 30


def status_counts(today, due_soon_days: int) -> dict[int, dict[TimeStatus, int]]:
    """agency id -> {official status: count}, counted by the database in one query."""
    status = time_status_sql(Assignment, today, due_soon_days).label("status")
    query = (
        sa.select(Assignment.agency_id, status, sa.func.count())
        .join(Agency, Agency.id == Assignment.agency_id)
        .where(Agency.active)
        .group_by(Assignment.agency_id, status)
    )
    counts: dict[int, dict[TimeStatus, int]] = defaultdict(dict)
    for agency_id, value, count in db.session.execute(query):
        if value is not None:
            counts[agency_id][TimeStatus(value)] = count
    return counts


def summary_data(now, settings: ReminderSettings, week: str) -> builders.SummaryData:
    """Load everything the summary shows, in six queries."""
    today = settings.today(now)
    counts = status_counts(today, settings.due_soon_days)
    items = open_items()
    names = agency_names()
    overdue, awaiting = [], []
    for item in items:
        status = classify_values(
            item.state,
            item.deadline,
            today,
            settings.due_soon_days,
            reported_done_on=item.reported_done_on,
        )
        if item.state == WorkState.AWAITING_CONFIRMATION:
            awaiting.append((names[item.agency_id], item))
        if status == TimeStatus.OVERDUE:
            overdue.append((names[item.agency_id], item, (today - (item.deadline or today)).days))
    overdue.sort(key=lambda row: (-row[2], vietnamese_key(row[0])))
    awaiting.sort(key=lambda row: (row[1].reported_done_on or today, row[1].id))
    pending = db.session.scalar(
        sa.select(sa.func.count()).where(ExtensionRequest.state == ExtensionState.PENDING)
    )
    worst = sorted(
        ((names[a], c) for a, c in counts.items()),
        key=lambda row: (-row[1].get(TimeStatus.OVERDUE, 0), vietnamese_key(row[0])),
    )
    totals: dict[TimeStatus, int] = defaultdict(int)
    for agency_counts in counts.values():
        for status, count in agency_counts.items():
            totals[status] += count
    base = settings.base_url
    unreachable = sorted((names[a], r.value) for a, r in unreachable_agencies().items())
    return builders.SummaryData(
        week,
        worst[:SUMMARY_TOP_AGENCIES],
        overdue[:SUMMARY_TOP_ITEMS],
        awaiting[:SUMMARY_TOP_ITEMS],
        pending or 0,
        base,
        totals=dict(totals),
        agencies_total=len(worst),
        overdue_total=len(overdue),
        awaiting_total=len(awaiting),
        overdue_url=f"{base}/tasks?status={TimeStatus.OVERDUE.value}",
        awaiting_url=f"{base}/review",
        dashboard_url=f"{base}/dashboard",
        unreachable=unreachable[:SUMMARY_TOP_ITEMS],
    )


def plan_summary(now, settings: ReminderSettings, cal: WorkCalendar) -> list[PlannedMail]:
    """This week's summary for the standing office, unless already recorded."""
    period = digest_period(now, settings, cal)
    if period is None:
        return []
    key = f"summary:{period[0]}"
    if existing_keys([key]):
        return []
    built = builders.build_summary(summary_data(now, settings, period[0]), "vi")
    useful = period[1] + DIGEST_USEFUL
    return [PlannedMail("summary", key, [settings.office_email], built, "vi", useful_until=useful)]
