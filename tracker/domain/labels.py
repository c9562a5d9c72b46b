"""What the vocabularies of the house are called for people, in the user's language.

One module, low in the house: it imports only the vocabulary (tracker.domain.states), so the
domain, the reminders, the exports and the web all take their labels from here.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from tracker.domain.states import (
    AgencyLevel,
    AssignmentRole,
    DocumentKind,
    ExtensionState,
    NotificationStatus,
    Priority,
    Recurrence,
    Role,
    TimeStatus,
    Unreachable,
    UpdateKind,
    Urgency,
    WorkState,
)

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

#: the work states
STATE_LABELS = {
    WorkState.NOT_STARTED: _l("Not started"),
    WorkState.IN_PROGRESS: _l("In progress"),
    WorkState.AWAITING_CONFIRMATION: _l("Awaiting confirmation"),
    WorkState.DONE: _l("Done"),
    WorkState.RETURNED: _l("Returned for rework"),
    WorkState.PAUSED: _l("Paused"),
    WorkState.CANCELLED: _l("Cancelled"),
}

#: the official classification
TIME_STATUS_LABELS = {
    TimeStatus.DONE_ON_TIME: _l("Done on time"),
    TimeStatus.DONE_LATE: _l("Done late"),
    TimeStatus.ON_TRACK: _l("In progress within deadline"),
    TimeStatus.DUE_SOON: _l("Due soon"),
    TimeStatus.OVERDUE: _l("Overdue"),
    TimeStatus.NO_DEADLINE: _l("No deadline"),
}

#: what each audited action is called in an object's history
ACTION_LABELS = {
    "document.create": _l("Document recorded"),
    "document.update": _l("Document edited"),
    "task.create": _l("Task created"),
    "task.update": _l("Task edited"),
    "task.deadline": _l("Task deadline changed"),
    "assignment.create": _l("Assigned"),
    "assignment.delegate": _l("Delegated"),
    "assignment.deadline": _l("Deadline changed"),
    "assignment.report_progress": _l("Progress reported"),
    "assignment.report_completion": _l("Completion reported"),
    "assignment.confirm": _l("Completion confirmed"),
    "assignment.return": _l("Returned for rework"),
    "assignment.pause": _l("Paused"),
    "assignment.resume": _l("Resumed"),
    "assignment.cancel": _l("Cancelled"),
    "assignment.reopen": _l("Reopened"),
    "assignment.roll_up": _l("Progress rolled up from delegated work"),
    "document.import": _l("Imported from a notice"),
    "extension.request": _l("Extension requested"),
    "extension.approve": _l("Extension approved"),
    "extension.reject": _l("Extension rejected"),
    "evidence.add": _l("Evidence attached"),
    "agency.create": _l("Agency created"),
    "agency.update": _l("Agency edited"),
    "agency.import": _l("Imported from CSV"),
    "user.create": _l("Account created"),
    "user.password": _l("Password changed"),
    "user.active": _l("Account activated or deactivated"),
    "api_token.create": _l("API token created"),
    "api_token.revoke": _l("API token revoked"),
    "calendar_feed.create": _l("Calendar address created"),
    "calendar_feed.revoke": _l("Calendar address revoked"),
    "access_link.revoke": _l("E-mail links revoked"),
}

#: the fields an audited change names
FIELD_LABELS = {
    "state": _l("State"),
    "state_before_pause": _l("State before the pause"),
    "progress": _l("Progress"),
    "deadline": _l("Deadline"),
    "requested_deadline": _l("New deadline requested"),
    "agency": _l("Agency"),
    "role": _l("Role"),
    "reported_done_on": _l("Completion reported on"),
    "completed_on": _l("Completed on"),
    "completed_late": _l("Completed late"),
    "files": _l("Files"),
    "file": _l("Original file"),
    "number": _l("Number"),
    "kind": _l("Kind of document"),
    "issuer": _l("Issuer"),
    "issued_on": _l("Issued on"),
    "title": _l("Title"),
    "text": _l("Text"),
    "full_text": _l("Full text"),
    "recurrence": _l("Recurrence"),
    "priority": _l("Priority"),
    "tasks": _l("Tasks"),
    "duplicate_of": _l("Imported on purpose again; the notice already there"),
    "code": _l("Code"),
    "name": _l("Name"),
    "level": _l("Level"),
    "parent_id": _l("Parent agency"),
    "active": _l("Active"),
    "aliases": _l("Aliases"),
    "contacts": _l("Contacts"),
    "email": _l("E-mail"),
    "user": _l("User"),
}

#: what each kind of mail is, for the people reading the outbox
MAIL_KIND_LABELS = {
    "digest": _l("Weekly digest"),
    "reminder": _l("Deadline reminder"),
    Urgency.OVERDUE: _l("Deadline passed"),
    "escalation": _l("Escalation"),
    "summary": _l("Standing office summary"),
    "assignment_created": _l("New assignment"),
    "assignment_returned": _l("Returned for rework"),
    "deadline_changed": _l("Deadline changed"),
    "extension_approved": _l("Extension approved"),
    "extension_rejected": _l("Extension rejected"),
    "password_reset": _l("Password reset"),
    "set_password": _l("New account: choose a password"),
}

MAIL_STATUS_LABELS = {
    NotificationStatus.PENDING: _l("Waiting to be sent"),
    NotificationStatus.SENT: _l("Sent"),
    NotificationStatus.FAILED: _l("Failed"),
    NotificationStatus.HELD: _l("Not sent: no mail server configured"),
    NotificationStatus.DROPPED: _l("Not sent: no longer useful"),
    NotificationStatus.NO_RECIPIENT: _l("Not sent: the agency has no working e-mail address"),
}

#: why mail cannot reach an agency (tracker.domain.reachability)
UNREACHABLE_LABELS = {
    Unreachable.NO_ADDRESS: _l("no e-mail address"),
    Unreachable.ADDRESS_REFUSED: _l("every address was refused by the mail server"),
}

#: the groups of an agency's own work (tracker.domain.work.my_work), most urgent first
URGENCY_LABELS = {
    Urgency.OVERDUE: _l("Overdue"),
    Urgency.DUE_SOON: _l("Due soon"),
    Urgency.ON_TRACK: _l("Within deadline"),
    Urgency.NO_DEADLINE: _l("No deadline"),
    Urgency.AWAITING: _l("Awaiting confirmation"),
    Urgency.DONE: _l("Done"),
}
