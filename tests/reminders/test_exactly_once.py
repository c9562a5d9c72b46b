"""Exactly once: reruns, restarts, two processes at once, and a property over random runs."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reminders.test_delivery import MONDAY_8AM, THURSDAY, run_all
from tracker.domain import workflow
from tracker.domain.states import AssignmentRole
from tracker.domain.work.assignment import assign
from tracker.domain.work.tasks import create_task
from tracker.extensions import db
from tracker.models import Assignment, AuditEvent, Notification
from tracker.reminders.jobs import run_job


def test_rerunning_and_restarting_sends_nothing_twice(mail_app, smtp, agencies, give):
    give(agencies["h-trangdinh"], THURSDAY)
    for minutes in (0, 0, 1, 30, 60 * 5):  # the same tick twice, then later ticks
        run_all(MONDAY_8AM + timedelta(minutes=minutes))
    db.session.remove()  # a "restart": a new session, nothing remembered in memory
    run_all(MONDAY_8AM + timedelta(hours=6))
    keys = smtp.handler.delivered_keys()
    assert len(keys) == len(set(keys))
    assert any(k.startswith("digest:") for k in keys)


def test_each_reminder_stage_goes_out_once_on_its_day(mail_app, smtp, agencies, give):
    give(agencies["h-trangdinh"], date(2026, 7, 10))  # a Friday
    day = MONDAY_8AM
    while day < datetime(2026, 7, 25, tzinfo=UTC):
        run_all(day)
        day += timedelta(hours=12)
    reminders = sorted(
        k
        for k in smtp.handler.delivered_keys()
        if k.startswith(("reminder", "overdue", "escalation"))
    )
    assert reminders == [
        "escalation:1:2026-07-10",
        "overdue:1:2026-07-10",
        "reminder:1:2026-07-10:d1",
        "reminder:1:2026-07-10:d3",
        "reminder:1:2026-07-10:d7",
    ]


@pytest.mark.postgres_only
def test_two_processes_at_once_deliver_each_mail_once(
    mail_app, smtp, agencies, give, database_url, is_postgres, tmp_path
):
    if not is_postgres:
        pytest.skip("needs PostgreSQL (concurrent writers)")
    for n, agency in enumerate(sorted(agencies.values(), key=lambda a: a.id)[:12]):
        give(agency, THURSDAY, title=f"Nhiệm vụ {n}")
    env = {
        **os.environ,
        "TRACKER_ENV": "test",
        "DATABASE_URL": database_url,
        "TEST_DATABASE_URL": database_url,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp.port),
        "TRACKER_INSTANCE_DIR": str(tmp_path),
    }
    command = [
        sys.executable,
        "-m",
        "flask",
        "--app",
        "tests.reminders.child_app",
        "reminders",
        "run",
        "--now",
        MONDAY_8AM.isoformat(),
    ]
    children = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for child in children:
        _out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err.decode()
    db.session.expire_all()
    recorded = set(db.session.scalars(sa.select(Notification.dedup_key)))
    counts = Counter(smtp.handler.delivered_keys())
    assert set(counts) == recorded
    assert set(counts.values()) == {1}


ACTIONS = st.sampled_from(["progress", "complete", "confirm", "cancel", "deadline", "run"])


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    deadlines=st.lists(st.integers(min_value=-10, max_value=20), min_size=1, max_size=4),
    steps=st.lists(st.tuples(ACTIONS, st.integers(0, 3), st.integers(1, 40)), max_size=12),
)
def test_property_at_most_once_never_before_assignment_or_after_completion(
    app, agencies, office_actor, policy, deadlines, steps
):
    from tests.conftest import empty_tables

    db.session.remove()  # end this session's transaction first: TRUNCATE waits for it
    empty_tables()
    from tests.conftest import SAMPLE_DIR
    from tracker.domain.agencies import import_agencies, parse_agency_csv
    from tracker.domain.permissions import system_actor

    import_agencies(
        parse_agency_csv((SAMPLE_DIR / "lang-son-agencies.csv").read_bytes()),
        system_actor("t"),
        MONDAY_8AM,
    )
    db.session.commit()
    office = system_actor("office")
    agency = db.session.scalar(
        sa.select(agencies["h-trangdinh"].__class__).where(
            agencies["h-trangdinh"].__class__.code == "h-trangdinh"
        )
    )
    now, start = MONDAY_8AM, MONDAY_8AM.date()
    made = []
    for offset in deadlines:
        task = create_task(office, now, text="Việc.", deadline=start + timedelta(days=offset))
        made += assign(task, [agency], AssignmentRole.LEAD, office, now)
    db.session.commit()
    for action, index, hours in steps:
        now += timedelta(hours=hours)
        target = made[index % len(made)]
        try:
            if action == "run":
                run_job("sweep", now)
            elif action == "progress":
                workflow.report_progress(target, office, 50, "Đang làm", now)
            elif action == "complete":
                workflow.report_completion(target, office, "Xong", now, policy)
            elif action == "confirm":
                workflow.confirm_completion(target, office, now)
            elif action == "cancel":
                workflow.cancel(target, office, "Thôi", now)
            else:
                from tracker.domain.work.assignment import change_deadline

                change_deadline(target, office, target.deadline + timedelta(days=3), "Dời", now)
            db.session.commit()
        except Exception as error:
            from tracker.domain.errors import DomainError

            assert isinstance(error, DomainError)
            db.session.rollback()
    _check_invariants()


def _check_invariants():
    rows = db.session.scalars(sa.select(Notification)).all()
    assert len({r.dedup_key for r in rows}) == len(rows)
    assignments = {a.id: a for a in db.session.scalars(sa.select(Assignment))}
    finished = {
        e.object_id: e.at
        for e in db.session.scalars(
            sa.select(AuditEvent).where(
                AuditEvent.action.in_(["assignment.report_completion", "assignment.cancel"])
            )
        )
    }
    for row in rows:
        if row.assignment_id is None:
            continue
        assert row.created_at >= assignments[row.assignment_id].created_at
        if row.kind in ("reminder", "overdue", "escalation") and row.assignment_id in finished:
            assert row.created_at <= finished[row.assignment_id]
