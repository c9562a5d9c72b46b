"""The database models, one module per aggregate."""

from tracker.models.agency import Agency, AgencyAlias, AgencyContact
from tracker.models.audit import AuditEvent
from tracker.models.document import Document
from tracker.models.import_draft import ImportDraft
from tracker.models.notification import (
    AccessLink,
    CalendarDay,
    CalendarFeed,
    JobRun,
    Notification,
    NotificationStatus,
    SchedulerLease,
)
from tracker.models.task import Assignment, Attachment, ExtensionRequest, ProgressUpdate, Task
from tracker.models.user import ApiToken, Throttle, User, UserSession

__all__ = [
    "AccessLink",
    "Agency",
    "AgencyAlias",
    "AgencyContact",
    "ApiToken",
    "Assignment",
    "Attachment",
    "AuditEvent",
    "CalendarDay",
    "CalendarFeed",
    "Document",
    "ExtensionRequest",
    "ImportDraft",
    "JobRun",
    "Notification",
    "NotificationStatus",
    "ProgressUpdate",
    "SchedulerLease",
    "Task",
    "Throttle",
    "User",
    "UserSession",
]
