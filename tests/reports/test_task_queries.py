"""The task list's status filter, in SQL, against task_status in Python on random tasks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.domain.clock import Policy
from tracker.domain.permissions import system_actor
from tracker.domain.states import AssignmentRole, TimeStatus, WorkState
from tracker.domain.status import task_status
from tracker.domain.work.task_queries import TaskFilters, task_list_query
from tracker.domain.work.task_summary import refresh_task_summaries
from tracker.extensions import db
from tracker.models import Assignment, Task

TODAY = date(2026, 6, 15)
NOW = datetime(2026, 6, 15, 3, 0, tzinfo=UTC)

days = st.integers(min_value=-12, max_value=12)
assignments = st.tuples(
    st.sampled_from(list(AssignmentRole)),
    st.booleans(),  #: delegated (a child of the task's first assignment)
    st.sampled_from(list(WorkState)),
    st.none() | days,  #: deadline
    st.none() | st.booleans(),  #: completed_late
    st.none() | days,  #: reported_done_on
)
tasks = st.lists(st.lists(assignments, min_size=0, max_size=4), min_size=1, max_size=6)


def _insert(plan, agency_ids: list[int]) -> None:
    aid = 0
    for task_id, rows in enumerate(plan, start=1):
        db.session.execute(sa.insert(Task), [dict(id=task_id, title=f"T{task_id}")])
        first = aid + 1
        for position, (role, child, state, deadline, late, reported) in enumerate(rows):
            aid += 1
            db.session.execute(sa.insert(Assignment), [dict(
                id=aid, task_id=task_id, agency_id=agency_ids[position], role=role,
                parent_id=first if child and position else None, state=state,
                deadline=None if deadline is None else TODAY + timedelta(days=deadline),
                completed_late=late,
                reported_done_on=None if reported is None else TODAY + timedelta(days=reported),
            )])  # fmt: skip
    # Rows written around the ORM: summarised as a bulk load must do.
    refresh_task_summaries(db.session)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=tasks)
def test_status_filter_agrees_with_task_status(app, agencies, plan):
    """Filtering /tasks by a status lists exactly the tasks that show that status."""
    agency_ids = sorted(a.id for a in agencies.values())[:4]
    policy = Policy(due_soon_days=7)
    try:
        _insert(plan, agency_ids)
        shown = {
            task.id: task_status(task, NOW, policy) for task in db.session.scalars(sa.select(Task))
        }
        for status in TimeStatus:
            query = task_list_query(TaskFilters(status=status), system_actor("t"), TODAY, 7)
            found = set(db.session.scalars(query.with_only_columns(Task.id)))
            assert found == {i for i, s in shown.items() if s == status}, (status, plan)
    finally:
        db.session.rollback()


def test_the_long_select_writes_the_same_html_as_wtforms():
    """The /tasks filter's agency and notice lists are drawn faster, not differently."""
    from wtforms import Form, SelectChoice, SelectField
    from wtforms.widgets import Select

    from tracker.web.tasks.long_select import LongSelect

    pairs = [("", "—"), ("1", 'Sở "A" & <B>'), ("22", "UBND xã 22"), ("3", "")]
    options = [SelectChoice(value, label) for value, label in pairs]

    class Pair(Form):
        usual = SelectField(choices=options, widget=Select())
        fast = SelectField(choices=options, widget=LongSelect())

    form = Pair(data={"usual": "22", "fast": "22"})
    assert 'selected value="22"' in str(form.fast())
    assert str(form.usual(id="x")).replace("usual", "fast") == str(form.fast(id="x"))


def test_a_page_carries_the_total_and_keeps_the_order(notice):
    from tracker.domain.work.task_queries import task_page

    actor = system_actor("t")
    everything = list(db.session.scalars(task_list_query(TaskFilters(), actor, TODAY, 7)))
    for filters, total, sizes in (
        (TaskFilters(), 6, [4, 2, 0]),
        (TaskFilters(status=TimeStatus.OVERDUE), 3, [2, 1, 0]),
        (TaskFilters(q="no such words"), 0, [0, 0, 0]),
        (TaskFilters(status=TimeStatus.DUE_SOON, q="no such words"), 0, [0, 0, 0]),
    ):
        size = 4 if filters == TaskFilters() else 2
        pages = [task_page(filters, actor, TODAY, 7, number, size) for number in (1, 2, 3)]
        assert [p.total for p in pages] == [total] * 3, filters
        assert [len(p.items) for p in pages] == sizes, filters
        assert pages[0].pages == -(-total // size)
        shown = pages[0].items + pages[1].items
        assert shown == [task for task in everything if task in shown]  # the list's order
