"""Delegation keeps the role, and the roll-up rule (tracker.domain.work.rollup) for lead and
support parents alike."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from tracker.domain import workflow
from tracker.domain.permissions import actor_for_user
from tracker.domain.states import AssignmentRole, Role, TimeStatus, WorkState
from tracker.domain.status import task_status
from tracker.domain.work.assignment import assign, delegate
from tracker.domain.work.tasks import create_task
from tracker.extensions import db
from tracker.models import Assignment as AssignmentModel
from tracker.models import AuditEvent

W = WorkState
#: parent agency -> the two agencies below it that it delegates to
BELOW = {
    AssignmentRole.LEAD: ("mttq-tinh", ("hnd-tinh", "hpn-tinh")),
    AssignmentRole.SUPPORT: ("mttq-tinh", ("hccb-tinh", "tinh-doan")),
}


@pytest.fixture(params=[AssignmentRole.LEAD, AssignmentRole.SUPPORT], ids=["lead", "support"])
def delegated(request, app, agencies, office_actor, make_user, now):
    """The Front (MTTQ) given a task in the role under test, delegated to two member bodies;
    the task's lead, when the Front supports, is the Police."""
    role = request.param
    parent_code, child_codes = BELOW[role]
    task = create_task(
        office_actor, now, text="Tuyên truyền phong trào.", deadline=date(2026, 9, 30)
    )
    if role == AssignmentRole.SUPPORT:
        assign(task, [agencies["ca-tinh"]], AssignmentRole.LEAD, office_actor, now)
    [parent] = assign(task, [agencies[parent_code]], role, office_actor, now)
    db.session.commit()
    front = actor_for_user(make_user(Role.AGENCY, agencies[parent_code]))
    children = delegate(parent, [agencies[c] for c in child_codes], front, now)
    db.session.commit()
    return role, task, parent, children, front


def test_a_delegated_assignment_keeps_its_parents_role(delegated):
    role, _task, _parent, children, _front = delegated
    assert [c.role for c in children] == [role, role]


def test_progress_is_the_mean_of_the_children_and_the_parent_starts(delegated, now, policy):
    _role, _task, parent, (first, _second), front = delegated
    assert parent.state == W.NOT_STARTED and parent.progress == 0
    workflow.report_progress(first, front, 50, "Đã tổ chức hội nghị", now)  # above: may act
    db.session.commit()
    assert (parent.state, parent.progress) == (W.IN_PROGRESS, 25)


def test_a_done_child_counts_100_and_a_cancelled_child_not_at_all(
    delegated, office_actor, now, policy
):
    _role, _task, parent, (first, second), front = delegated
    workflow.report_completion(first, front, "Xong", now, policy)
    workflow.confirm_completion(first, office_actor, now)
    db.session.commit()
    assert parent.progress == 50
    workflow.cancel(second, office_actor, "Không còn phù hợp", now)
    db.session.commit()
    assert parent.progress == 100


def test_completion_never_rolls_up(delegated, office_actor, now, policy):
    _role, _task, parent, children, front = delegated
    for child in children:
        workflow.report_completion(child, front, "Xong", now, policy)
        workflow.confirm_completion(child, office_actor, now)
    db.session.commit()
    assert (parent.state, parent.progress) == (W.IN_PROGRESS, 100)
    workflow.report_completion(parent, front, "Tổng hợp kết quả", now, policy)
    workflow.confirm_completion(parent, office_actor, now)
    db.session.commit()
    assert parent.state == W.DONE


def test_the_tasks_status_reads_only_its_top_level_assignments(
    delegated, office_actor, now, policy
):
    _role, task, _parent, children, front = delegated
    for child in children:
        workflow.report_completion(child, front, "Xong", now, policy)
        workflow.confirm_completion(child, office_actor, now)
    db.session.commit()
    # the children being done does not finish the task: their parent (or the lead) is open
    assert task_status(task, now, policy) == TimeStatus.ON_TRACK


def test_the_roll_up_is_in_the_parents_history(delegated, now):
    _role, _task, parent, (first, _second), front = delegated
    workflow.report_progress(first, front, 40, "Đã làm", now)
    db.session.commit()
    actions = db.session.scalars(
        sa.select(AuditEvent.action).where(
            AuditEvent.object_type == "assignment", AuditEvent.object_id == parent.id
        )
    ).all()
    assert "assignment.roll_up" in actions


def test_the_task_page_shows_the_delegated_role(delegated, client, login, office):
    role, task, _parent, _children, _front = delegated
    html = login(office).get(f"/tasks/{task.id}").get_data(as_text=True)
    rows = [row for row in html.split("<tr>") if "↳" in row]
    word = {"lead": "Chủ trì", "support": "Phối hợp"}[role.value]
    assert len(rows) == 2 and all(f"<td>{word}</td>" in row for row in rows)


def test_the_migration_repairs_roles_delegated_before_the_rule(delegated, app):
    from flask_migrate import downgrade, upgrade

    role, _task, _parent, children, _front = delegated
    wrong = AssignmentRole.LEAD if role == AssignmentRole.SUPPORT else AssignmentRole.SUPPORT
    db.session.execute(
        sa.update(AssignmentModel)
        .where(AssignmentModel.id.in_([c.id for c in children]))
        .values(role=wrong)
    )
    db.session.commit()
    downgrade(revision="0012_security")
    upgrade(revision="0013_followup_delegated_role")
    upgrade(revision="heads")
    db.session.expire_all()
    assert {c.role for c in children} == {role}
