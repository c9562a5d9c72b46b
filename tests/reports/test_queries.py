"""The report queries against the hand-built notice: every official figure known in advance."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from tracker.domain.permissions import actor_for_user
from tracker.domain.reports import figures as reports
from tracker.domain.reports.tables import notice_rows, period_bounds, scoreboard
from tracker.domain.states import Role, TimeStatus
from tracker.domain.status import classify
from tracker.extensions import db
from tracker.models import Assignment

T = TimeStatus
TODAY = date(2026, 6, 15)


def counts(**values):
    result = reports.empty_counts()
    result.update({T(key): value for key, value in values.items()})
    return result


@pytest.fixture
def scope(notice):
    return reports.Scope(TODAY, 7)


def test_overall_counts_match_the_python_classification(scope, notice, now, policy):
    overall = reports.total_counts(reports.counts_by_agency(scope))
    assert overall == counts(done_on_time=1, done_late=1, overdue=3, due_soon=1, on_track=1,
                             no_deadline=1)  # fmt: skip
    python_side = [classify(a, now, policy) for a in db.session.scalars(sa.select(Assignment))]
    assert overall == counts(**{s.value: python_side.count(s) for s in TimeStatus})


def test_counts_per_agency(scope, notice, agencies):
    per_agency = reports.counts_by_agency(scope)
    ids = {letter: agencies[code].id for letter, code in notice.codes.items()}
    assert per_agency[ids["A"]] == counts(done_on_time=1, due_soon=1, on_track=1)
    assert per_agency[ids["B"]] == counts(done_late=1)  # the paused one is not counted
    assert per_agency[ids["C"]] == counts(overdue=1, no_deadline=1)
    assert per_agency[ids["D"]] == counts(overdue=2)
    assert reports.on_time_rate(per_agency[ids["A"]]) == 1.0
    assert reports.on_time_rate(per_agency[ids["D"]]) == 0.0
    assert reports.on_time_rate(counts(on_track=3)) is None


def test_counts_per_notice_and_scoped_to_a_notice(scope, notice, office_actor, now):
    per_document = reports.counts_by_document(scope)
    assert list(per_document) == [notice.document.id]
    assert sum(per_document[notice.document.id].values()) == 8
    other = reports.Scope(TODAY, 7, document_id=notice.document.id + 1)
    assert reports.counts_by_agency(other) == {}


def test_overdue_by_age(scope, notice):
    assert reports.overdue_by_age(scope) == {"1-7": 1, "8-30": 1, "31+": 1}


def test_weekly_trend(scope, notice):
    weeks = reports.weekly_trend(scope, weeks=4)
    assert [w.start for w in weeks] == [
        date(2026, 5, 25),
        date(2026, 6, 1),
        date(2026, 6, 8),
        date(2026, 6, 15),
    ]
    assert [(w.completed, w.new_overdue) for w in weeks] == [(0, 0), (0, 1), (2, 2), (0, 0)]


def test_an_agency_officer_sees_only_their_agencies(notice, agencies, make_user, now, policy):
    officer = make_user(Role.AGENCY, agencies[notice.codes["D"]])
    scope = reports.Scope.for_actor(actor_for_user(officer), now, policy)
    assert list(reports.counts_by_agency(scope)) == [agencies[notice.codes["D"]].id]
    assert reports.overdue_by_age(scope) == {"1-7": 0, "8-30": 1, "31+": 1}


def test_notice_rows_follow_the_notice_order_with_the_latest_progress(scope, notice):
    rows = notice_rows(reports.Scope(TODAY, 7, document_id=notice.document.id))
    assert [r.task_title for r in rows] == ["T1"] * 3 + ["T2"] * 2 + ["T3", "T4", "T5", "T6"]
    by_id = {r.assignment_id: r for r in rows}
    done = by_id[notice.by_name["T1/A"].id]
    assert (done.status, done.completed_on, done.latest_note) == (
        T.DONE_ON_TIME,
        date(2026, 6, 8),
        "Xong 23/23 xã.",
    )
    assert by_id[notice.by_name["T2/A"].id].latest_note == "Đang triển khai ở 10 xã."
    assert by_id[notice.by_name["T2/B"].id].status is None  # paused
    assert by_id[notice.by_name["T3/A"].id].latest_note is None


def test_scoreboard_ranks_agencies_for_a_quarter(scope, notice, agencies):
    start, end = period_bounds("quarter", 2026, 2)
    assert (start, end) == (date(2026, 4, 1), date(2026, 6, 30))
    rows = scoreboard(scope, start, end)
    names = {agencies[code].id: letter for letter, code in notice.codes.items()}
    assert [names[r.agency_id] for r in rows] == ["A", "B", "C", "D"]
    first = rows[0]
    assert (first.rank, first.assigned, first.done_on_time, first.open, first.rate) == (
        1,
        2,
        1,
        1,
        1.0,
    )
    assert (rows[3].assigned, rows[3].overdue, rows[3].rate) == (2, 2, 0.0)


@pytest.mark.parametrize(
    ("kind", "number", "expected"),
    [
        ("half", 2, (date(2026, 7, 1), date(2026, 12, 31))),
        ("year", 1, (date(2026, 1, 1), date(2026, 12, 31))),
        ("quarter", 4, (date(2026, 10, 1), date(2026, 12, 31))),
    ],
)
def test_period_bounds(kind, number, expected):
    assert period_bounds(kind, 2026, number) == expected


@pytest.mark.parametrize(("kind", "number"), [("quarter", 5), ("half", 0), ("week", 1)])
def test_period_bounds_refuse_nonsense(kind, number):
    from tracker.domain.errors import InvalidInput

    with pytest.raises(InvalidInput):
        period_bounds(kind, 2026, number)


@pytest.mark.parametrize("top", [1, 2, 3, 20])
def test_dashboard_figures_agree_with_the_per_agency_counts(scope, notice, top):
    """The dashboard counts from index ranges; every agency's full counts must add up to it."""
    from tracker.domain.reports.dashboard import dashboard

    per_agency = reports.counts_by_agency(scope)
    figures = dashboard(scope, top=top, weeks=4)
    assert figures.overall == reports.total_counts(per_agency)
    assert figures.agency_total == len(per_agency)
    worst = sorted(per_agency, key=lambda i: (-per_agency[i][T.OVERDUE], i))[:top]
    assert {row.id for row in figures.agencies} == set(worst)
    assert all(row.counts == per_agency[row.id] for row in figures.agencies)
    assert figures.overdue_ages == reports.overdue_by_age(scope)
    assert figures.trend == reports.weekly_trend(scope, weeks=4)


def test_a_notice_dashboard_counts_the_agencies_with_work_in_it(notice):
    from tracker.domain.reports.dashboard import dashboard

    scoped = reports.Scope(TODAY, 7, document_id=notice.document.id)
    assert dashboard(scoped).agency_total == len(reports.counts_by_agency(scoped)) == 4
    other = reports.Scope(TODAY, 7, document_id=notice.document.id + 1)
    assert dashboard(other).agency_total == 0
