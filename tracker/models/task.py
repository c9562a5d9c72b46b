"""Tasks (one directive each), their assignments to agencies and what agencies report."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.states import (
    AssignmentRole,
    ExtensionState,
    Priority,
    Recurrence,
    TimeStatus,
    UpdateKind,
    WorkState,
)
from tracker.extensions import Model
from tracker.models.agency import Agency
from tracker.models.document import Document
from tracker.models.types import UTCDateTime, str_enum, utcnow
from tracker.models.user import User


class Task(Model):
    __tablename__ = "task"
    __table_args__ = (
        sa.UniqueConstraint("document_id", "ordinal"),
        # The task list's finished filters, in the list's order.
        sa.Index("ix_task_done_status", "done_status", "deadline", "id"),
        sa.Index("ix_task_has_lead", "has_lead"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(sa.ForeignKey("document.id"), index=True)
    ordinal: Mapped[int | None]  #: position of the directive in its notice, from 1
    title: Mapped[str] = mapped_column(sa.String(500))
    text: Mapped[str] = mapped_column(sa.Text, default="")
    deadline: Mapped[date | None]  #: none for an ongoing duty (thường xuyên)
    recurrence: Mapped[Recurrence] = mapped_column(str_enum(Recurrence), default=Recurrence.NONE)
    priority: Mapped[Priority] = mapped_column(str_enum(Priority), default=Priority.NORMAL)
    #: title and text folded (lower-case, no diacritics) so search works on any database
    search_text: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Kept by tracker.domain.work.task_summary from the top-level assignments at every flush that
    # changes them; never set by hand.
    #: whether a lead (chủ trì) is among the top-level assignments
    has_lead: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    #: done_on_time / done_late once no counted assignment is open (status.finished_status)
    done_status: Mapped[TimeStatus | None] = mapped_column(str_enum(TimeStatus))

    document: Mapped[Document | None] = relationship(back_populates="tasks")
    created_by: Mapped[User | None] = relationship()
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="task", order_by="Assignment.id"
    )

    def __repr__(self) -> str:
        return f"<Task {self.id} {self.title[:30]!r}>"


class Assignment(Model):
    """A task given to one agency, as lead (chủ trì) or support (phối hợp)."""

    __tablename__ = "assignment"
    __table_args__ = (
        sa.UniqueConstraint("task_id", "agency_id"),
        # The reminder sweeps and "my tasks" lists: an agency's open work by deadline.
        sa.Index("ix_assignment_agency_state_deadline", "agency_id", "state", "deadline"),
        # The official status as index ranges (status.time_status_predicate): every column the
        # rule and the reports read, so counts never touch the table; it leads with (state,
        # deadline), which the reminder sweeps use too.
        sa.Index(
            "ix_assignment_status",
            *("state", "deadline", "completed_late", "reported_done_on"),
            *("agency_id", "task_id", "role", "parent_id"),
        ),
        # The task list's status filter: a task's top-level leads and their statuses.
        sa.Index(
            "ix_assignment_task_status",
            *("task_id", "parent_id", "role"),
            *("state", "deadline", "completed_late", "reported_done_on"),
        ),
        # The weekly trend reads completions by day; period reports read deadlines in a range.
        sa.Index("ix_assignment_completed_on", "completed_on"),
        sa.Index("ix_assignment_deadline", "deadline"),
        sa.CheckConstraint("progress >= 0 AND progress <= 100", name="progress_percent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(sa.ForeignKey("task.id"))
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agency.id"))
    role: Mapped[AssignmentRole] = mapped_column(str_enum(AssignmentRole))
    #: the assignment this one was delegated from (province → district → commune)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("assignment.id"), index=True)
    state: Mapped[WorkState] = mapped_column(str_enum(WorkState), default=WorkState.NOT_STARTED)
    progress: Mapped[int] = mapped_column(default=0)  #: percent, as last reported
    original_deadline: Mapped[date | None]  #: as first assigned, kept for statistics
    deadline: Mapped[date | None]  #: effective, after approved extensions and changes
    #: the day (Vietnam) the agency reported completion, kept once the office confirms
    reported_done_on: Mapped[date | None]
    completed_on: Mapped[date | None]
    #: fixed at confirmation: later deadline changes do not turn late work into on-time work
    completed_late: Mapped[bool | None]
    state_before_pause: Mapped[WorkState | None] = mapped_column(str_enum(WorkState))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    task: Mapped[Task] = relationship(back_populates="assignments")
    agency: Mapped[Agency] = relationship()
    parent: Mapped[Assignment | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Assignment]] = relationship(back_populates="parent")
    updates: Mapped[list[ProgressUpdate]] = relationship(
        back_populates="assignment", order_by="ProgressUpdate.id"
    )
    extension_requests: Mapped[list[ExtensionRequest]] = relationship(
        back_populates="assignment", order_by="ExtensionRequest.id"
    )

    def __repr__(self) -> str:
        return f"<Assignment {self.id} task={self.task_id} agency={self.agency_id} {self.state}>"


class ProgressUpdate(Model):
    __tablename__ = "progress_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignment.id"), index=True)
    kind: Mapped[UpdateKind] = mapped_column(str_enum(UpdateKind))
    percent: Mapped[int]
    note: Mapped[str] = mapped_column(sa.Text, default="")
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    #: set when reported through a signed e-mail link rather than a login
    via_link: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    assignment: Mapped[Assignment] = relationship(back_populates="updates")
    author: Mapped[User | None] = relationship()
    attachments: Mapped[list[Attachment]] = relationship(back_populates="update")


class Attachment(Model):
    """An evidence file; stored outside static/ under a random name, never the user's."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignment.id"), index=True)
    update_id: Mapped[int | None] = mapped_column(sa.ForeignKey("progress_update.id"))
    filename: Mapped[str] = mapped_column(sa.String(255))  #: sanitised, for display only
    stored_name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    content_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    update: Mapped[ProgressUpdate | None] = relationship(back_populates="attachments")
    assignment: Mapped[Assignment] = relationship()


class ExtensionRequest(Model):
    __tablename__ = "extension_request"
    __table_args__ = (sa.Index("ix_extension_request_state", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignment.id"), index=True)
    requested_deadline: Mapped[date]
    reason: Mapped[str] = mapped_column(sa.Text)
    state: Mapped[ExtensionState] = mapped_column(
        str_enum(ExtensionState), default=ExtensionState.PENDING
    )
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str | None] = mapped_column(sa.Text)
    approved_deadline: Mapped[date | None]

    assignment: Mapped[Assignment] = relationship(back_populates="extension_requests")
    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
