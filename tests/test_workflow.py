"""Every allowed and every refused move of an assignment, and who may make it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from tracker.domain import workflow
from tracker.domain.errors import InvalidInput, PermissionDenied, TransitionRefused
from tracker.domain.permissions import actor_for_user
from tracker.domain.states import AssignmentRole, Role, TimeStatus, WorkState
from tracker.domain.status import classify, task_status
from tracker.domain.work.assignment import assign
from tracker.domain.work.tasks import create_task
from tracker.extensions import db
from tracker.models import AuditEvent, ProgressUpdate
from tracker.models.task import Assignment

W = WorkState
A = workflow.Action


@pytest.fixture
def assignment(app, agencies, office_actor, now):
    task = create_task(
        office_actor, now, text="Tăng cường tuyên truyền.", deadline=date(2026, 6, 30)
    )
    [made] = assign(task, [agencies["h-trangdinh"]], AssignmentRole.LEAD, office_actor, now)
    db.session.commit()
    return made


@pytest.fixture
def officer(make_user, agencies):
    return actor_for_user(make_user(Role.AGENCY, agencies["h-trangdinh"]))


def run(action, assignment, actor, now, policy):
    """Take `action` with whatever text it needs."""
    calls = {
        A.REPORT_PROGRESS: lambda: workflow.report_progress(assignment, actor, 40, "Đã làm", now),
        A.REPORT_COMPLETION: lambda: workflow.report_completion(
            assignment, actor, "Xong", now, policy
        ),
        A.CONFIRM: lambda: workflow.confirm_completion(assignment, actor, now),
        A.RETURN: lambda: workflow.return_for_rework(assignment, actor, "Thiếu số liệu", now),
        A.PAUSE: lambda: workflow.pause(assignment, actor, "Chờ chỉ đạo", now),
        A.RESUME: lambda: workflow.resume(assignment, actor, now),
        A.CANCEL: lambda: workflow.cancel(assignment, actor, "Không còn phù hợp", now),
        A.REOPEN: lambda: workflow.reopen(assignment, actor, "Cần bổ sung", now),
    }
    calls[action]()


EXPECTED_TARGET = {
    A.REPORT_PROGRESS: W.IN_PROGRESS,
    A.REPORT_COMPLETION: W.AWAITING_CONFIRMATION,
    A.CONFIRM: W.DONE,
    A.RETURN: W.RETURNED,
    A.PAUSE: W.PAUSED,
    A.CANCEL: W.CANCELLED,
    A.REOPEN: W.IN_PROGRESS,
}


@pytest.mark.parametrize("source", list(WorkState))
@pytest.mark.parametrize("action", list(workflow.Action))
def test_every_transition(assignment, office_actor, officer, now, policy, source, action):
    assignment.state = source
    assignment.reported_done_on = now.date()
    assignment.state_before_pause = W.RETURNED if source == W.PAUSED else None
    db.session.commit()
    sources, office_only = workflow.TRANSITIONS[action]
    actor = office_actor if office_only else officer
    events_before = db.session.scalar(sa.select(sa.func.count(AuditEvent.id)))
    if source in sources:
        run(action, assignment, actor, now, policy)
        db.session.commit()
        expected = W.RETURNED if action == A.RESUME else EXPECTED_TARGET[action]
        assert assignment.state == expected
        assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) > events_before
    else:
        with pytest.raises(TransitionRefused) as refused:
            run(action, assignment, actor, now, policy)
        db.session.rollback()
        assert "Không thể thực hiện khi" in str(refused.value)  # Vietnamese by default
        db.session.refresh(assignment)
        assert assignment.state == source  # nothing changed
        assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) == events_before


@pytest.mark.parametrize("action", [a for a, (_, office) in workflow.TRANSITIONS.items() if office])
def test_office_actions_refused_to_agency_officers(assignment, officer, now, policy, action):
    with pytest.raises(PermissionDenied):
        run(action, assignment, officer, now, policy)


def test_officer_of_another_agency_cannot_report(assignment, make_user, agencies, now):
    other = actor_for_user(make_user(Role.AGENCY, agencies["h-vanlang"]))
    with pytest.raises(PermissionDenied):
        workflow.report_progress(assignment, other, 10, "x", now)


def test_viewer_cannot_act(assignment, make_user, now, policy):
    viewer = actor_for_user(make_user(Role.VIEWER))
    for action in (A.REPORT_PROGRESS, A.CONFIRM):
        with pytest.raises(PermissionDenied):
            run(action, assignment, viewer, now, policy)


def test_district_officer_covers_agencies_below(app, agencies, make_user, system, now):
    from tracker.domain.agencies import import_agencies, parse_agency_csv

    csv = "code,name,level,parent_code\nx-hunglong,UBND xã Hưng Long,commune,h-trangdinh\n"
    import_agencies(parse_agency_csv(csv), system, now)
    db.session.commit()
    officer = actor_for_user(make_user(Role.AGENCY, agencies["h-trangdinh"]))
    commune = db.session.scalar(
        sa.select(type(agencies["h-trangdinh"])).filter_by(code="x-hunglong")
    )
    assert officer.covers(commune.id)
    assert not officer.covers(agencies["h-vanlang"].id)


@pytest.mark.parametrize(
    ("percent", "note", "field"),
    [
        (101, "ok", "percent"),
        (-1, "ok", "percent"),
        ("abc", "ok", "percent"),
        (50, "  ", "note"),
    ],
)
def test_bad_progress_is_refused_with_the_field(assignment, officer, now, percent, note, field):
    with pytest.raises(InvalidInput) as refused:
        workflow.report_progress(assignment, officer, percent, note, now)
    assert refused.value.field == field
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(ProgressUpdate.id))) == 0


def test_done_on_time_is_fixed_by_the_report_day(assignment, officer, office_actor, now, policy):
    workflow.report_completion(assignment, officer, "Xong", now, policy)  # 15/06, deadline 30/06
    later = now + timedelta(days=30)  # the office confirms after the deadline
    workflow.confirm_completion(assignment, office_actor, later)
    db.session.commit()
    assert assignment.completed_on == date(2026, 6, 15)
    assert assignment.completed_late is False
    assert classify(assignment, later, policy) == TimeStatus.DONE_ON_TIME


def test_done_late_when_reported_after_the_deadline(assignment, officer, office_actor, now, policy):
    late = now + timedelta(days=20)  # 05/07
    workflow.report_completion(assignment, officer, "Xong", late, policy)
    workflow.confirm_completion(assignment, office_actor, late)
    db.session.commit()
    assert assignment.completed_late is True
    assert task_status(assignment.task, late, policy) == TimeStatus.DONE_LATE


def test_return_clears_the_report_and_the_clock_runs(
    assignment, officer, office_actor, now, policy
):
    workflow.report_completion(assignment, officer, "Xong", now, policy)
    workflow.return_for_rework(assignment, office_actor, "Thiếu danh sách", now)
    db.session.commit()
    assert assignment.state == W.RETURNED and assignment.reported_done_on is None
    assert classify(assignment, now + timedelta(days=16), policy) == TimeStatus.OVERDUE


def test_delegated_progress_rolls_up(app, agencies, office_actor, make_user, system, now):
    from tracker.domain.agencies import import_agencies, parse_agency_csv
    from tracker.domain.work.assignment import delegate

    csv = (
        "code,name,level,parent_code\nx-a,UBND xã A,commune,h-trangdinh\n"
        "x-b,UBND xã B,commune,h-trangdinh\n"
    )
    import_agencies(parse_agency_csv(csv), system, now)
    task = create_task(office_actor, now, text="Kiện toàn Ban Chỉ đạo.", deadline=date(2026, 7, 1))
    [parent] = assign(task, [agencies["h-trangdinh"]], AssignmentRole.LEAD, office_actor, now)
    db.session.commit()
    district = actor_for_user(make_user(Role.AGENCY, agencies["h-trangdinh"]))
    communes = list(
        db.session.scalars(
            sa.select(type(agencies["h-trangdinh"])).where(
                type(agencies["h-trangdinh"]).code.in_(["x-a", "x-b"])
            )
        )
    )
    children = delegate(parent, communes, district, now)
    workflow.report_progress(children[0], district, 60, "Đã làm", now)
    db.session.commit()
    assert parent.progress == 30 and parent.state == W.IN_PROGRESS
    with pytest.raises(InvalidInput):
        delegate(parent, [agencies["h-vanlang"]], district, now)  # not below the district
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Assignment.id))) == 3
