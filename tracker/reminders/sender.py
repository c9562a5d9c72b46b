"""The sender: claims due outbox rows, delivers them over one SMTP connection, records results.

No database transaction is open while talking SMTP: rows are claimed in a short transaction
(`claimed_until`, so another sender leaves them alone), then built and sent, and the results
are written in short transactions of their own. A sender killed mid-batch leaves its unsent
rows claimed until the claim lapses; the next sender takes them.

The exactly-once trade-off. SMTP gives no exactly-once hand-over: a mail the server accepted
("250") but that we did not yet record as sent is sent again after a crash (with the same
Message-ID, so mail clients can fold the copies). Committing each "sent" mark on its own
keeps that window to one mail but costs a commit per mail, a third of the throughput. So
marks are written together, in one statement and one commit, for at most MARK_GROUP mails
and at most MARK_GROUP_AGE after the first of them started sending: with a fast server a
crash can repeat the mails of the last 50 ms or so (at most MARK_GROUP of them); with a
slow one, whose every mail takes longer than MARK_GROUP_AGE, every mark is written as soon as
the server answers, exactly as before. Failures are written at once, never grouped, and the
pending marks are written before a failure's and before the batch ends. Nothing is lost
either way: only repetition, bounded as above, is possible.
"""

from __future__ import annotations

import dataclasses
import smtplib
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

import sqlalchemy as sa

from tracker.extensions import db
from tracker.models import Notification, NotificationStatus
from tracker.reminders.attempt import attempt, record_outcome
from tracker.reminders.links import with_links
from tracker.reminders.mime import MailParts, message_id
from tracker.reminders.settings import ReminderSettings
from tracker.reminders.smtp import SmtpSettings, TrackerConnection, close, connect, describe
from tracker.reminders.upkeep import drop_stale, hold_pending, unhold

N = Notification
PENDING = NotificationStatus.PENDING
#: "sent" marks committed together: at most this many mails …
MARK_GROUP = 20
#: … and at most this long (seconds) after the first of them began sending
MARK_GROUP_AGE = 0.05


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0  #: attempts that did not reach every recipient (retried, or given up)
    held: int = 0
    dropped: int = 0  #: no longer worth sending
    errors: list[str] = field(default_factory=list)


class RunClock:
    """The run's time: the `now` it was given, moved on by the time the run has taken, so
    each batch is claimed (and its claim renewed) with its own time, also under --now."""

    def __init__(self, start: datetime):
        self.start, self._began = start, time.monotonic()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self._began)


def renew_claim(ids: list[int], until: datetime) -> None:
    """Keep a batch's claim alive while it is being sent (short transaction)."""
    if ids:
        db.session.execute(
            sa.update(N).where(N.id.in_(ids), N.status == PENDING).values(claimed_until=until)
        )
    db.session.commit()


def claim(now: datetime, limit: int, lease: timedelta) -> list[MailParts]:
    """Take up to `limit` due rows for this sender and commit at once (a short transaction)."""
    claimable = sa.and_(
        N.status == PENDING,
        N.next_attempt_at <= now,
        sa.or_(N.claimed_until.is_(None), N.claimed_until < now),
    )
    due = (
        sa.select(N.id)
        .where(claimable)
        .order_by(N.next_attempt_at, N.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    chosen: list[int] | sa.ScalarSelect[Any]
    if db.session.connection().dialect.name == "postgresql":
        # Lock first, then update: in UPDATE … WHERE id IN (SELECT … LIMIT … SKIP LOCKED)
        # PostgreSQL may run the subquery more than once, each run skipping the rows the last
        # one locked, and so claim several times `limit` rows.
        chosen = list(db.session.scalars(due))
    else:  # SQLite: one statement, so the write lock is taken before anything is read
        chosen = due.scalar_subquery()
    stmt = sa.update(N).where(N.id.in_(chosen), claimable)
    stmt = stmt.values(claimed_until=now + lease).returning(N.id)
    ids = list(db.session.scalars(stmt, execution_options={"synchronize_session": False}))
    columns = (N.id, N.dedup_key, N.to_addrs, N.cc_addrs, N.subject, N.body_text, N.body_html)
    more = (N.message_id, N.agency_id, N.assignment_id, N.user_id)
    query = sa.select(*columns, *more, N.delivered_to).where(N.id.in_(ids)).order_by(N.id)
    claimed = [
        MailParts(*row[:-1], delivered_to=tuple(row[-1] or ()))  # type: ignore[misc]
        for row in db.session.execute(query)
    ]
    db.session.commit()
    return claimed


def _fast_commit() -> None:
    """Make a group's commit cheap without losing it if *we* crash: PostgreSQL does not wait
    for its WAL flush (only a crash of the database server itself within a fraction of a
    second could lose the marks, repeating those mails; measured, a durable commit per group
    cost a tenth of the throughput); SQLite in WAL mode syncs at checkpoints rather than on
    every commit (a crash of this process loses nothing)."""
    conn = db.session.connection()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
    elif conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA synchronous = NORMAL")


_table = cast(sa.Table, N.__table__)
_MARK_SENT = (
    sa.update(_table)
    .where(_table.c.id == sa.bindparam("row_id"))
    .values(
        status=NotificationStatus.SENT,
        sent_at=sa.bindparam("sent_at", type_=_table.c.sent_at.type),
        attempts=_table.c.attempts + 1,
        claimed_until=None,
        last_error=None,
        message_id=sa.bindparam("mid"),
        delivered_to=sa.bindparam("delivered", type_=_table.c.delivered_to.type),
    )
)


@dataclass
class SentMarks:
    """ "Sent" marks waiting to be committed together (see the module's docstring)."""

    now: datetime
    domain: str
    waiting: list[dict] = field(default_factory=list)
    since: float = 0.0  #: time.monotonic() when the first waiting mail began sending

    def add(self, parts: MailParts, began: float) -> None:
        """Note a mail every recipient took; write the group when it is full or old enough."""
        if not self.waiting:
            self.since = began
        mid = parts.message_id or message_id(parts.id, parts.dedup_key, self.domain)
        delivered = [*parts.delivered_to, *parts.envelope]
        self.waiting.append(
            {"row_id": parts.id, "sent_at": self.now, "mid": mid, "delivered": delivered}
        )
        if len(self.waiting) >= MARK_GROUP or time.monotonic() - self.since >= MARK_GROUP_AGE:
            self.flush()

    def flush(self) -> None:
        """Write every waiting mark in one statement and one short transaction."""
        if self.waiting:
            _fast_commit()
            db.session.execute(_MARK_SENT, self.waiting)
            db.session.commit()
            self.waiting = []


def release(ids: list[int], error: str) -> None:
    """Give claimed rows back untouched and uncharged (never tried): they stay pending."""
    if ids:
        db.session.execute(
            sa.update(N)
            .where(N.id.in_(ids), N.status == PENDING)
            .values(claimed_until=None, last_error=error[:2000])
        )
    db.session.commit()


def send_batch(
    conn: TrackerConnection, batch: list[MailParts], clock, settings, report, should_stop
) -> bool:
    """Send a claimed batch over `conn`; False when the connection broke or `should_stop()`
    (the rest released, uncharged: never tried). The claim is renewed every third of its
    length."""
    domain = settings.sender.rpartition("@")[2] or "localhost"
    now = clock.now()
    marks, renewed = SentMarks(now, domain), time.monotonic()
    try:
        for position, parts in enumerate(batch):
            if should_stop():
                marks.flush()
                release([p.id for p in batch[position:]], "not tried: the sender was stopping")
                return False
            began = time.monotonic()
            if began - renewed > settings.claim.total_seconds() / 3:
                marks.flush()
                renew_claim([p.id for p in batch[position:]], clock.now() + settings.claim)
                renewed, now = began, clock.now()
            outcome = attempt(conn, parts, settings.sender, now)
            if outcome.complete:
                marks.add(parts, began)
                report.sent += 1
                continue
            marks.flush()  # what the server took before is written first
            record_outcome(parts, outcome, now, settings.retry_window, domain)
            report.failed += 1
            report.errors.append(outcome.summary())
            if outcome.connection_lost:
                release([p.id for p in batch[position + 1 :]], outcome.summary())
                return False
    finally:  # whatever stops the batch, what the server accepted is recorded
        marks.flush()
    return True


def deliver_pending(
    now: datetime,
    config,
    *,
    batch_size: int = 200,
    lease: timedelta = timedelta(minutes=10),
    should_stop=lambda: False,
) -> DeliveryReport:
    """Deliver every due outbox row, batch by batch, one SMTP connection per batch; when
    `should_stop()` turns true, after the current batch."""
    settings, report = SmtpSettings.from_config(config), DeliveryReport()
    settings = dataclasses.replace(settings, claim=lease)
    link_settings, clock = ReminderSettings.from_config(config), RunClock(now)
    db.session.commit()  # start from no open transaction
    report.dropped = drop_stale(now)
    if not settings.host:
        report.held = hold_pending(now)
        db.session.commit()
        return report
    unhold(now)
    report.dropped += drop_stale(now)
    db.session.commit()
    while not should_stop() and (batch := claim(clock.now(), batch_size, lease)):
        batch = with_links(batch, clock.now(), link_settings)  # the tokens, made now
        db.session.commit()
        try:
            conn = connect(settings)
        except (OSError, smtplib.SMTPException) as error:
            release([p.id for p in batch], describe(error))  # server down: stay pending
            report.errors.append(describe(error))
            return report
        try:
            intact = send_batch(conn, batch, clock, settings, report, should_stop)
        finally:
            close(conn)
        if not intact:
            return report
    return report
