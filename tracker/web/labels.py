"""What the vocabularies of the domain are called on screen, in the user's language."""

from __future__ import annotations

from flask import Flask
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

from tracker.domain.states import (
    AgencyLevel,
    AssignmentRole,
    DocumentKind,
    ExtensionState,
    Priority,
    Recurrence,
    Role,
    UpdateKind,
)
from tracker.domain.workflow import STATE_LABELS

ROLE_LABELS = {
    Role.ADMIN: _l("Administrator"),
    Role.OFFICE: _l("Standing office"),
    Role.AGENCY: _l("Agency officer"),
    Role.VIEWER: _l("Leader (read only)"),
}
LEVEL_LABELS = {
    AgencyLevel.PROVINCE: _l("Province"),
    AgencyLevel.DEPARTMENT: _l("Department"),
    AgencyLevel.COMMITTEE: _l("Steering committee"),
    AgencyLevel.ORGANIZATION: _l("Organisation"),
    AgencyLevel.DISTRICT: _l("District committee"),
    AgencyLevel.COMMUNE: _l("Commune committee"),
}
#: "every agency at this level", for assigning a whole level at once
LEVEL_PLURAL_LABELS = {
    AgencyLevel.PROVINCE: _l("All province-level agencies"),
    AgencyLevel.DEPARTMENT: _l("All departments"),
    AgencyLevel.COMMITTEE: _l("All steering committees"),
    AgencyLevel.ORGANIZATION: _l("All organisations"),
    AgencyLevel.DISTRICT: _l("All district committees"),
    AgencyLevel.COMMUNE: _l("All commune committees"),
}
KIND_LABELS = {
    DocumentKind.CONCLUSION_NOTICE: _l("Conclusion notice"),
    DocumentKind.DIRECTIVE: _l("Directive"),
    DocumentKind.PLAN: _l("Plan"),
    DocumentKind.OFFICIAL_LETTER: _l("Official letter"),
    DocumentKind.DECISION: _l("Decision"),
    DocumentKind.NOTICE: _l("Notice"),
    DocumentKind.OTHER: _l("Other"),
}
RECURRENCE_LABELS = {
    Recurrence.NONE: _l("Once"),
    Recurrence.WEEKLY: _l("Weekly"),
    Recurrence.MONTHLY: _l("Monthly"),
    Recurrence.QUARTERLY: _l("Quarterly"),
    Recurrence.SEMIANNUAL: _l("Every six months"),
    Recurrence.YEARLY: _l("Yearly"),
}
PRIORITY_LABELS = {
    Priority.NORMAL: _l("Normal"),
    Priority.HIGH: _l("High"),
    Priority.URGENT: _l("Urgent"),
}
ASSIGNMENT_ROLE_LABELS = {
    AssignmentRole.LEAD: _l("Lead"),
    AssignmentRole.SUPPORT: _l("Support"),
}
EXTENSION_LABELS = {
    ExtensionState.PENDING: _l("Waiting for a decision"),
    ExtensionState.APPROVED: _l("Approved"),
    ExtensionState.REJECTED: _l("Rejected"),
    ExtensionState.WITHDRAWN: _l("Withdrawn"),
}
UPDATE_KIND_LABELS = {
    UpdateKind.PROGRESS: _l("Progress report"),
    UpdateKind.COMPLETION_REPORT: _l("Completion report"),
}


def choices(labels: dict) -> list[SelectChoice]:
    """The options of a select field, from a label table."""
    return [SelectChoice(key.value, label) for key, label in labels.items()]


def register_labels(app: Flask) -> None:
    """Make every label table (and the current locale) available to templates."""
    app.add_template_global(get_locale, "get_locale")
    for name, table in {
        "ROLE_LABELS": ROLE_LABELS,
        "LEVEL_LABELS": LEVEL_LABELS,
        "KIND_LABELS": KIND_LABELS,
        "RECURRENCE_LABELS": RECURRENCE_LABELS,
        "PRIORITY_LABELS": PRIORITY_LABELS,
        "ASSIGNMENT_ROLE_LABELS": ASSIGNMENT_ROLE_LABELS,
        "EXTENSION_LABELS": EXTENSION_LABELS,
        "UPDATE_KIND_LABELS": UPDATE_KIND_LABELS,
        "STATE_LABELS": STATE_LABELS,
    }.items():
        app.add_template_global(table, name)
