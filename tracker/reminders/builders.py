"""Building e-mails: subject, plain text and HTML from templates, in the recipient's language.

Builders only build: they take plain data already loaded (no queries, nothing written) and
return a BuiltMail. Links are made by the caller and passed in, so a preview can pass dummies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from tracker.domain.states import Urgency
from tracker.domain.status import SEVERITY, classify_values, urgency
from tracker.reminders.catalogue import Catalogue, catalogue
from tracker.reminders.due import OpenItem

SUBJECT_TITLE_LENGTH = 90


@dataclass(frozen=True)
class BuiltMail:
    subject: str
    body_text: str
    body_html: str


@dataclass
class DigestRow:
    item: OpenItem
    status: str
    state: str
    link: str
    deadline: str  #: dd/mm/yyyy, or "no deadline" in the mail's language


@dataclass
class DigestGroups:
    #: the sections' headings in the mail's language (digest_headings)
    headings: tuple[str, str, str, str] = ("", "", "", "")
    overdue: list[DigestRow] = field(default_factory=list)
    soon: list[DigestRow] = field(default_factory=list)
    later: list[DigestRow] = field(default_factory=list)
    awaiting: list[DigestRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.soon) + len(self.later) + len(self.awaiting)

    def sections(self):
        """(heading, rows) in the digest's order, empty sections left out."""
        parts = (self.overdue, self.soon, self.later, self.awaiting)
        return [(heading, rows) for heading, rows in zip(self.headings, parts, strict=True) if rows]


def short(title: str, limit: int = SUBJECT_TITLE_LENGTH) -> str:
    """A title cut to fit a subject line, on one line."""
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def render_mail(template: str, locale: str, subject: Callable[[], str], **context) -> BuiltMail:
    """Render email/<template>.txt and .html, and the subject, in `locale`.

    The templates' `_()` is the language's catalogue bound once (Catalogue.jinja_gettext), so
    rendering does not look the locale up again for every string."""
    cat = catalogue(locale)
    with force_locale(locale):
        title = subject()
    context.setdefault("subject", title)
    context.setdefault("locale", locale)
    text = render_template(f"email/{template}.txt", _=cat.jinja_gettext, **context)
    html = render_template(f"email/{template}.html", _=cat.jinja_gettext, **context)
    return BuiltMail(" ".join(title.split()), text, html)


def digest_headings(cat: Catalogue, due_soon_days: int) -> tuple[str, str, str, str]:
    """The headings of the digest's four sections, in `cat`'s language."""
    return (
        cat.gettext("Overdue"),
        cat.gettext("Due within %(n)s days", n=due_soon_days),
        cat.gettext("Other open work"),
        cat.gettext("Awaiting confirmation by the standing office"),
    )


def group_digest(
    items: Sequence[OpenItem], today: date, due_soon_days: int, links, cat: Catalogue
) -> DigestGroups:
    """Sort an agency's open work into the digest's sections (the groups of "my tasks":
    tracker.domain.status.urgency), labelled in `cat`'s language."""
    status_labels, state_labels = cat.status_labels, cat.state_labels
    no_deadline = cat.gettext("no deadline")
    groups = DigestGroups(digest_headings(cat, due_soon_days))
    sections = {
        Urgency.AWAITING: groups.awaiting,
        Urgency.OVERDUE: groups.overdue,
        Urgency.DUE_SOON: groups.soon,
    }
    key = sorted(items, key=lambda i: (i.deadline is None, i.deadline or today, i.id))
    for item in key:
        status = classify_values(
            item.state, item.deadline, today, due_soon_days, reported_done_on=item.reported_done_on
        )
        deadline = item.deadline.strftime("%d/%m/%Y") if item.deadline else no_deadline
        status_text = status_labels.get(status, "") if status is not None else ""
        row = DigestRow(item, status_text, state_labels[item.state], links(item), deadline)
        bucket = urgency(item.state, status)
        (sections.get(bucket, groups.later) if bucket else groups.later).append(row)
    return groups


def build_digest(
    agency_name: str, items, today: date, due_soon_days: int, links, locale: str, home: str
) -> BuiltMail:
    """The weekly digest of one agency's open work: each template rendered once, all rows."""
    cat = catalogue(locale)
    groups = group_digest(items, today, due_soon_days, links, cat)
    return render_mail(
        "digest",
        locale,
        lambda: _(
            "Weekly digest: %(count)s open assignments of %(agency)s",
            count=groups.total,
            agency=agency_name,
        ),
        agency_name=agency_name,
        groups=groups,
        today=today,
        labels={"notice": cat.gettext("Notice"), "deadline": cat.gettext("Deadline")},
        home=home,
    )


def build_reminder(item: OpenItem, agency_name, today, link, locale) -> BuiltMail:
    """N days before the deadline (counted from the day it goes out)."""
    days_left = (item.deadline - today).days

    def subject():
        if days_left <= 0:
            return _("Deadline reminder: %(title)s is due today", title=short(item.title))
        return _(
            "Deadline reminder: %(title)s – %(days)s days left",
            title=short(item.title),
            days=days_left,
        )

    return render_mail(
        "reminder",
        locale,
        subject,
        item=item,
        agency_name=agency_name,
        link=link,
        days_left=days_left,
    )


def build_overdue(item: OpenItem, agency_name, today, link, locale) -> BuiltMail:
    """The working day after the deadline passed."""
    return render_mail(
        "overdue",
        locale,
        lambda: _("Overdue: %(title)s", title=short(item.title)),
        item=item,
        agency_name=agency_name,
        link=link,
        days_late=(today - item.deadline).days,
    )


def build_escalation(item: OpenItem, agency_name, today, link, locale) -> BuiltMail:
    """Overdue by more than ESCALATE_AFTER_DAYS: to the head, the standing office in copy."""
    days_late = (today - item.deadline).days
    return render_mail(
        "escalation",
        locale,
        lambda: _(
            "Escalation: %(agency)s is %(days)s days late with %(title)s",
            agency=agency_name,
            days=days_late,
            title=short(item.title, 60),
        ),
        item=item,
        agency_name=agency_name,
        link=link,
        days_late=days_late,
    )


EVENT_SUBJECTS: dict[str, Callable[..., str]] = {
    "assignment_created": lambda title, **_kw: _("New assignment: %(title)s", title=title),
    "assignment_returned": lambda title, **_kw: _("Returned for rework: %(title)s", title=title),
    "extension_approved": lambda title, deadline, **_kw: _(
        "Extension approved: %(title)s, new deadline %(deadline)s", title=title, deadline=deadline
    ),
    "extension_rejected": lambda title, **_kw: _("Extension not approved: %(title)s", title=title),
    "deadline_changed": lambda title, deadline, **_kw: _(
        "Deadline changed: %(title)s, now %(deadline)s", title=title, deadline=deadline
    ),
}


def build_event(kind: str, item: OpenItem, agency_name, link, locale, **extra) -> BuiltMail:
    """A mail about something the office just did to an assignment (`kind` of EVENT_SUBJECTS)."""
    deadline = item.deadline.strftime("%d/%m/%Y") if item.deadline else _("no deadline")
    return render_mail(
        kind,
        locale,
        lambda: EVENT_SUBJECTS[kind](title=short(item.title), deadline=deadline),
        item=item,
        agency_name=agency_name,
        link=link,
        **extra,
    )


@dataclass
class SummaryData:
    """What the standing office's weekly summary shows."""

    week: str
    #: (agency name, {TimeStatus: count}) for the agencies with most overdue work (the top)
    counts: list[tuple[str, dict]]
    overdue: list[tuple[str, OpenItem, int]]  #: (agency, item, days late), the latest first
    awaiting: list[tuple[str, OpenItem]]  #: completion reports to confirm (the oldest first)
    pending_extensions: int
    home: str
    #: the whole counts, before the lists were cut to their top (the mail stays small)
    totals: dict = field(default_factory=dict)  #: TimeStatus -> count over every agency
    agencies_total: int = 0
    overdue_total: int = 0
    awaiting_total: int = 0
    #: the full lists in the tracker
    overdue_url: str = ""
    awaiting_url: str = ""
    dashboard_url: str = ""
    #: (agency name, reason code of domain.reachability.Unreachable): mail cannot reach them
    unreachable: list[tuple[str, str]] = field(default_factory=list)


#: the summary's columns, worst first, in the order the status rules rank them
SUMMARY_COLUMNS = SEVERITY


def build_summary(data: SummaryData, locale: str) -> BuiltMail:
    """The standing office's weekly summary."""
    status_labels = catalogue(locale).status_labels
    return render_mail(
        "summary",
        locale,
        lambda: _("Weekly follow-up summary, week %(week)s", week=data.week),
        data=data,
        columns=[(status, status_labels[status]) for status in SUMMARY_COLUMNS],
    )


ACCOUNT_SUBJECTS = {
    "password_reset": lambda: _("Reset your password"),
    "set_password": lambda: _("Your account on the directive tracker"),
}


def build_account_mail(kind: str, name: str, link: str, minutes: int, locale: str) -> BuiltMail:
    """A password link for an account (`kind` of ACCOUNT_SUBJECTS), in the common layout."""
    return render_mail(kind, locale, ACCOUNT_SUBJECTS[kind], name=name, link=link, minutes=minutes)
