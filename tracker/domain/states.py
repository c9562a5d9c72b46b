"""The vocabularies of the house: roles, levels, work states, official time statuses, mail states.

The ground floor: this module imports nothing from the tracker, so the models, the domain, the
reminders and the web all build on it (the labels people read are in tracker.domain.labels).
"""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    ADMIN = "admin"
    OFFICE = "office"  #: the standing office (cơ quan Thường trực)
    AGENCY = "agency"  #: an officer of one agency
    VIEWER = "viewer"  #: leaders: read everything, change nothing


class AgencyLevel(enum.StrEnum):
    PROVINCE = "province"
    DEPARTMENT = "department"
    COMMITTEE = "committee"
    ORGANIZATION = "organization"
    DISTRICT = "district"
    COMMUNE = "commune"


class DocumentKind(enum.StrEnum):
    CONCLUSION_NOTICE = "thong_bao_ket_luan"
    DIRECTIVE = "chi_thi"
    PLAN = "ke_hoach"
    OFFICIAL_LETTER = "cong_van"
    DECISION = "quyet_dinh"
    NOTICE = "thong_bao"
    OTHER = "other"


class Recurrence(enum.StrEnum):
    NONE = "none"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    YEARLY = "yearly"


class Priority(enum.StrEnum):
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class AssignmentRole(enum.StrEnum):
    LEAD = "lead"  #: chủ trì
    SUPPORT = "support"  #: phối hợp


class WorkState(enum.StrEnum):
    NOT_STARTED = "not_started"  #: chưa thực hiện
    IN_PROGRESS = "in_progress"  #: đang thực hiện
    AWAITING_CONFIRMATION = "awaiting_confirmation"  #: chờ xác nhận
    DONE = "done"  #: hoàn thành
    RETURNED = "returned"  #: trả lại
    PAUSED = "paused"  #: tạm dừng
    CANCELLED = "cancelled"  #: hủy


#: States in which the agency still owes work (reminders, overdue counts).
OPEN_STATES = frozenset(
    {
        WorkState.NOT_STARTED,
        WorkState.IN_PROGRESS,
        WorkState.AWAITING_CONFIRMATION,
        WorkState.RETURNED,
    }
)


class TimeStatus(enum.StrEnum):
    """The official classification reported by government task trackers."""

    DONE_ON_TIME = "done_on_time"  #: hoàn thành đúng hạn
    DONE_LATE = "done_late"  #: hoàn thành quá hạn
    ON_TRACK = "on_track"  #: đang thực hiện trong hạn
    DUE_SOON = "due_soon"  #: sắp đến hạn
    OVERDUE = "overdue"  #: quá hạn
    NO_DEADLINE = "no_deadline"  #: không thời hạn


class Urgency(enum.StrEnum):
    """How urgent an agency's own work is, most urgent first (tracker.domain.work.my_work)."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    ON_TRACK = "on_track"
    NO_DEADLINE = "no_deadline"
    AWAITING = "awaiting"
    DONE = "done"


class ExtensionState(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class UpdateKind(enum.StrEnum):
    PROGRESS = "progress"
    COMPLETION_REPORT = "completion_report"


class NotificationStatus(enum.StrEnum):
    """Where an outbox mail stands."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  #: refused for good, or still failing after the retry window; can be resent
    HELD = "held"  #: not sent: no mail server configured
    DROPPED = "dropped"  #: not sent: no longer useful (past its time, or superseded)
    #: not sent: the agency has no working address (domain.reachability); kept so nobody
    #: believes the agency was told
    NO_RECIPIENT = "no_recipient"


class Unreachable(enum.StrEnum):
    """Why mail cannot reach an agency (tracker.domain.reachability)."""

    NO_ADDRESS = "no_address"  #: no contact e-mail and no officer account
    ADDRESS_REFUSED = "address_refused"  #: every contact address was refused for good
