"""The official time classification, at its edges, in Python and in SQL alike."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.domain.clock import Policy, local_date
from tracker.domain.states import TimeStatus, WorkState
from tracker.domain.status import (
    classify_values,
    roll_up,
    time_status_branches,
    time_status_predicate,
    time_status_sql,
)
from tracker.extensions import db

TODAY = date(2026, 6, 15)
T = TimeStatus
S = WorkState


@pytest.mark.parametrize(
    ("state", "deadline", "extra", "expected"),
    [
        (S.IN_PROGRESS, None, {}, T.NO_DEADLINE),
        (S.NOT_STARTED, TODAY + timedelta(days=8), {}, T.ON_TRACK),
        (S.NOT_STARTED, TODAY + timedelta(days=7), {}, T.DUE_SOON),
        (S.IN_PROGRESS, TODAY, {}, T.DUE_SOON),  # the deadline day itself is still in time
        (S.IN_PROGRESS, TODAY - timedelta(days=1), {}, T.OVERDUE),
        (S.RETURNED, TODAY - timedelta(days=30), {}, T.OVERDUE),
        (S.DONE, TODAY - timedelta(days=30), {"completed_late": False}, T.DONE_ON_TIME),
        (S.DONE, TODAY + timedelta(days=30), {"completed_late": True}, T.DONE_LATE),
        (S.DONE, None, {"completed_late": False}, T.DONE_ON_TIME),
        # reported on time, confirmation pending after the deadline: not overdue
        (
            S.AWAITING_CONFIRMATION,
            TODAY - timedelta(days=3),
            {"reported_done_on": TODAY - timedelta(days=3)},
            T.ON_TRACK,
        ),
        (
            S.AWAITING_CONFIRMATION,
            TODAY - timedelta(days=3),
            {"reported_done_on": TODAY - timedelta(days=2)},
            T.OVERDUE,
        ),
        (
            S.AWAITING_CONFIRMATION,
            TODAY + timedelta(days=2),
            {"reported_done_on": TODAY},
            T.ON_TRACK,
        ),
        (S.PAUSED, TODAY - timedelta(days=3), {}, None),
        (S.CANCELLED, TODAY - timedelta(days=3), {}, None),
    ],
)
def test_classification_edges(state, deadline, extra, expected):
    assert classify_values(state, deadline, TODAY, 7, **extra) == expected


def test_today_is_the_vietnamese_calendar_day_at_midnight():
    # 17:00 UTC on 14/06 is already 00:00 on 15/06 in Hà Nội.
    just_after = datetime(2026, 6, 14, 17, 0, tzinfo=UTC)
    just_before = just_after - timedelta(seconds=1)
    assert local_date(just_after) == date(2026, 6, 15)
    assert local_date(just_before) == date(2026, 6, 14)
    deadline = date(2026, 6, 14)
    policy = Policy()
    assert classify_values(S.IN_PROGRESS, deadline, policy.today(just_before), 7) == T.DUE_SOON
    assert classify_values(S.IN_PROGRESS, deadline, policy.today(just_after), 7) == T.OVERDUE


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="naive"):
        local_date(datetime(2026, 6, 15, 10, 0))  # noqa: DTZ001 - the point of the test


def test_roll_up_shows_the_most_severe_lead_status():
    assert roll_up([T.DONE_ON_TIME, T.OVERDUE, T.ON_TRACK]) == T.OVERDUE
    assert roll_up([T.DONE_ON_TIME, T.DONE_LATE]) == T.DONE_LATE
    assert roll_up([T.DONE_ON_TIME, None]) == T.DONE_ON_TIME
    assert roll_up([]) is None


states = st.sampled_from(list(WorkState))
days = st.integers(min_value=-40, max_value=40)


def _probe_rows(rows) -> list[dict]:
    return [
        {
            "id": i,
            "state": s.value,
            "deadline": TODAY + timedelta(days=d) if d is not None else None,
            "completed_late": late,
            "reported_done_on": TODAY + timedelta(days=r) if r is not None else None,
        }
        for i, (s, d, late, r) in enumerate(rows)
    ]


def _in_probe_table(values, make_query) -> list:
    """Rows `values` in a scratch table; the results of the queries make_query(table) builds."""
    table = sa.Table(
        "classify_probe",
        sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("state", sa.String(32)),
        sa.Column("deadline", sa.Date),
        sa.Column("completed_late", sa.Boolean),
        sa.Column("reported_done_on", sa.Date),
    )
    with db.engine.begin() as conn:
        table.create(conn)
        try:
            conn.execute(table.insert(), values)
            return [conn.execute(query).all() for query in make_query(table)]
        finally:
            table.drop(conn)


def _expected(row) -> TimeStatus | None:
    return classify_values(
        WorkState(row["state"]),
        row["deadline"],
        TODAY,
        7,
        completed_late=row["completed_late"],
        reported_done_on=row["reported_done_on"],
    )


probe_rows = st.lists(
    st.tuples(states, st.one_of(st.none(), days), st.booleans() | st.none(), st.none() | days),
    min_size=1,
    max_size=12,
)
probe_settings = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)  # table made per example


@probe_settings
@given(rows=probe_rows)
def test_sql_classification_agrees_with_python(app, rows):
    """The dashboards count in SQL; they must agree with the rule in Python."""
    values = _probe_rows(rows)
    (got,) = _in_probe_table(
        values,
        lambda t: [sa.select(t.c.id, time_status_sql(t.c, TODAY, 7)).order_by(t.c.id)],
    )
    got = dict(got)
    for row in values:
        expected = _expected(row)
        assert got[row["id"]] == (expected.value if expected else None), row


@probe_settings
@given(rows=probe_rows)
def test_status_predicates_select_exactly_the_rows_of_their_status(app, rows):
    """Each status's range predicate picks the rows classify_values puts in that status."""
    values = _probe_rows(rows)
    statuses = list(TimeStatus)
    results = _in_probe_table(
        values,
        lambda t: [
            sa.select(t.c.id).where(time_status_predicate(s, t.c, TODAY, 7)) for s in statuses
        ],
    )
    for status, found in zip(statuses, results, strict=True):
        expected = {row["id"] for row in values if _expected(row) == status}
        assert {id_ for (id_,) in found} == expected, status


@probe_settings
@given(rows=probe_rows)
def test_status_branches_are_disjoint_and_make_up_the_predicate(app, rows):
    """Counts add the branches up: no row may be in two of them, none may be missed."""
    values = _probe_rows(rows)
    statuses = list(TimeStatus)
    results = _in_probe_table(
        values,
        lambda t: [
            sa.select(t.c.id).where(branch)
            for s in statuses
            for branch in time_status_branches(s, t.c, TODAY, 7)
        ],
    )
    found = [id_ for result in results for (id_,) in result]
    assert len(found) == len(set(found))  # disjoint, across statuses too
    assert set(found) == {row["id"] for row in values if _expected(row) is not None}


def test_urgency_is_one_rule_for_my_tasks_and_the_digest():
    from tracker.domain.states import Urgency
    from tracker.domain.status import urgency

    # awaiting confirmation is its own group, whatever the clock says
    assert urgency(WorkState.AWAITING_CONFIRMATION, TimeStatus.OVERDUE) == Urgency.AWAITING
    assert urgency(WorkState.DONE, TimeStatus.DONE_LATE) == Urgency.DONE
    assert urgency(WorkState.IN_PROGRESS, TimeStatus.DUE_SOON) == Urgency.DUE_SOON
    assert urgency(WorkState.RETURNED, TimeStatus.OVERDUE) == Urgency.OVERDUE
    assert urgency(WorkState.NOT_STARTED, TimeStatus.NO_DEADLINE) == Urgency.NO_DEADLINE
    assert urgency(WorkState.PAUSED, None) is None
