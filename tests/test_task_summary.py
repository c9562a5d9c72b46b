"""Each task's stored summary (has a lead, finished status) follows every change to its
assignments, under concurrent confirmations too, and is filled in by the migration."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_workflow import run as act
from tracker.domain import workflow
from tracker.domain.errors import TransitionRefused
from tracker.domain.states import AssignmentRole, TimeStatus
from tracker.domain.status import task_status
from tracker.domain.work.assignment import assign
from tracker.domain.work.task_summary import refresh_task_summaries
from tracker.domain.work.tasks import create_task
from tracker.extensions import db
from tracker.models import Assignment, Task

A = workflow.Action
LEAD, SUPPORT = AssignmentRole.LEAD, AssignmentRole.SUPPORT
FINISHED = (TimeStatus.DONE_ON_TIME, TimeStatus.DONE_LATE)


def stored_and_expected(task_id: int, now, policy):
    """The stored summary, and the one the Python rule gives from the assignments."""
    db.session.expire_all()
    task = db.session.get(Task, task_id)
    top_level = [a for a in task.assignments if a.parent_id is None]
    rolled = task_status(task, now, policy)
    expected = (any(a.role == LEAD for a in top_level), rolled if rolled in FINISHED else None)
    return (task.has_lead, task.done_status), expected


def give(task, agency, role, actor, now, *, late: bool) -> Assignment:
    deadline = now.date() + timedelta(days=-3 if late else 10)
    [made] = assign(task, [agency], role, actor, now, deadline=deadline)
    return made


steps = st.lists(
    st.tuples(st.integers(0, 4), st.sampled_from([*workflow.Action, "add_lead", "add_support"])),
    max_size=14,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=st.lists(st.tuples(st.sampled_from([LEAD, SUPPORT]), st.booleans()), min_size=1,
                   max_size=3),
    steps=steps,
    lateness=st.lists(st.booleans(), min_size=6, max_size=6),
)  # fmt: skip
def test_the_summary_follows_every_move(
    app, agencies, office_actor, now, policy, first, steps, lateness
):
    """Whatever the office and the agencies do, the stored summary is what the rule says."""
    pool = sorted(agencies.values(), key=lambda a: a.id)[:6]
    task = create_task(office_actor, now, text="Rà soát, báo cáo.", deadline=None)
    for role, late in first:
        give(task, pool[len(task.assignments)], role, office_actor, now, late=late)
    db.session.commit()
    task_id = task.id
    stored, expected = stored_and_expected(task_id, now, policy)
    assert stored == expected
    for index, action in steps:
        task = db.session.get(Task, task_id)
        if action in ("add_lead", "add_support"):
            if len(task.assignments) == len(pool):
                continue
            role = LEAD if action == "add_lead" else SUPPORT
            give(task, pool[len(task.assignments)], role, office_actor, now,
                 late=lateness[len(task.assignments)])  # fmt: skip
        else:
            try:
                act(action, task.assignments[index % len(task.assignments)], office_actor, now,
                    policy)  # fmt: skip
            except TransitionRefused:
                continue
        db.session.commit()
        stored, expected = stored_and_expected(task_id, now, policy)
        assert stored == expected, (first, steps)


def test_finished_leads_make_a_finished_task(app, agencies, office_actor, now, policy):
    one, two, three = sorted(agencies.values(), key=lambda a: a.id)[:3]
    task = create_task(office_actor, now, text="Tổng kết công tác.", deadline=None)
    on_time = give(task, one, LEAD, office_actor, now, late=False)
    late = give(task, two, LEAD, office_actor, now, late=True)
    give(task, three, SUPPORT, office_actor, now, late=False)  # supports do not count
    db.session.commit()
    summary = stored_and_expected(task.id, now, policy)[0]
    assert summary == (True, None)
    for lead, expected in ((on_time, None), (late, TimeStatus.DONE_LATE)):
        act(A.REPORT_COMPLETION, lead, office_actor, now, policy)
        act(A.CONFIRM, lead, office_actor, now, policy)
        db.session.commit()
        assert db.session.get(Task, task.id).done_status == expected
    act(A.REOPEN, late, office_actor, now, policy)
    act(A.CANCEL, late, office_actor, now, policy)
    db.session.commit()
    assert stored_and_expected(task.id, now, policy)[0] == (True, TimeStatus.DONE_ON_TIME)
    act(A.REOPEN, on_time, office_actor, now, policy)
    db.session.commit()
    assert stored_and_expected(task.id, now, policy)[0] == (True, None)


def test_two_leads_confirmed_at_once_leave_the_task_done(
    app, agencies, office_actor, now, policy, is_postgres
):
    """Each confirmation sees only its own lead done until the other commits; the lock on the
    task row makes the second recompute after the first commits."""
    if not is_postgres:
        pytest.skip("needs PostgreSQL (concurrent writers)")
    one, two = sorted(agencies.values(), key=lambda a: a.id)[:2]
    task = create_task(office_actor, now, text="Báo cáo sơ kết.", deadline=None)
    first = give(task, one, LEAD, office_actor, now, late=False)
    second = give(task, two, LEAD, office_actor, now, late=False)
    for lead in (first, second):
        act(A.REPORT_COMPLETION, lead, office_actor, now, policy)
    db.session.commit()
    task_id, second_id = task.id, second.id
    act(A.CONFIRM, first, office_actor, now, policy)
    db.session.flush()  # the summary is recomputed: the task row stays locked until commit
    finished = threading.Event()

    def confirm_the_other():
        with app.app_context():
            act(A.CONFIRM, db.session.get(Assignment, second_id), office_actor, now, policy)
            db.session.commit()
            db.session.remove()
        finished.set()

    other = threading.Thread(target=confirm_the_other)
    other.start()
    assert not finished.wait(1.5), "the second confirmation did not wait for the first"
    db.session.commit()
    other.join(30)
    assert finished.is_set()
    assert stored_and_expected(task_id, now, policy)[0] == (True, TimeStatus.DONE_ON_TIME)


def test_the_upgrade_fills_in_the_summaries_of_existing_tasks(app, agencies):
    ids = sorted(a.id for a in agencies.values())[:3]
    db.session.remove()
    downgrade(revision="0006_perf")
    # (task, [(role, state, completed_late, delegated from the task's first)])
    plan = {
        1: [("lead", "done", False, False), ("lead", "done", True, False),
            ("support", "in_progress", None, False)],
        2: [("lead", "done", None, False), ("lead", "cancelled", None, False)],
        3: [("support", "done", False, False)],
        4: [("lead", "done", False, False), ("lead", "in_progress", None, False)],
        5: [],
        6: [("lead", "done", False, False), ("lead", "not_started", None, True)],
    }  # fmt: skip
    with db.engine.begin() as conn:
        tables = sa.MetaData()
        task = sa.Table("task", tables, autoload_with=conn)
        assignment = sa.Table("assignment", tables, autoload_with=conn)
        created = dict(created_at=sa.func.now(), recurrence="none", priority="normal", text="")
        aid = 0
        for task_id, rows in plan.items():
            conn.execute(task.insert().values(id=task_id, title=f"T{task_id}", **created))
            for position, (role, state, late, delegated) in enumerate(rows):
                aid += 1
                conn.execute(assignment.insert().values(
                    id=aid, task_id=task_id, agency_id=ids[position], role=role, state=state,
                    completed_late=late, parent_id=aid - position if delegated else None,
                    progress=0, created_at=sa.func.now(), updated_at=sa.func.now(),
                ))  # fmt: skip
    upgrade(revision="heads")
    summaries = dict(
        (row.id, (row.has_lead, row.done_status))
        for row in db.session.execute(sa.select(Task.id, Task.has_lead, Task.done_status))
    )
    assert summaries == {
        1: (True, TimeStatus.DONE_LATE),
        2: (True, TimeStatus.DONE_ON_TIME),
        3: (False, TimeStatus.DONE_ON_TIME),
        4: (True, None),
        5: (False, None),
        6: (True, TimeStatus.DONE_ON_TIME),  # a delegated lead is not the task's own lead
    }
    assert refresh_task_summaries(db.session) == 0  # the domain's rule agrees
    if db.engine.dialect.name == "sqlite":  # off while migrating, on again afterwards
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_summary_written_around_the_orm_is_corrected(app, agencies, office_actor, now, runner):
    task = create_task(office_actor, now, text="Kiểm tra.", deadline=None)
    give(task, next(iter(agencies.values())), LEAD, office_actor, now, late=False)
    db.session.commit()
    db.session.execute(
        sa.update(Task).where(Task.id == task.id).values(done_status=TimeStatus.DONE_LATE)
    )
    db.session.commit()
    result = runner.invoke(args=["tasks", "refresh-summaries"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Task summaries corrected: 1."
    db.session.expire_all()
    assert db.session.get(Task, task.id).done_status is None
    again = runner.invoke(args=["tasks", "refresh-summaries"])
    assert again.exit_code == 0
    assert again.output.strip() == "Task summaries corrected: 0."
