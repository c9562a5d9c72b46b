"""The dashboard's figures: overall counts, the agencies with most overdue work, the latest
notices, overdue ages and the weekly trend, in a bounded number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from tracker.domain.collation import vietnamese_key
from tracker.domain.reports.figures import (
    CLASSIFIED_STATES,
    Scope,
    Week,
    agency_names,
    counts_by_document,
    empty_counts,
    grouped_counts,
    on_time_rate,
    overall_figures,
    recent_documents,
    weekly_trend,
)
from tracker.domain.states import TimeStatus
from tracker.extensions import db
from tracker.models import Assignment

T = TimeStatus


@dataclass(frozen=True)
class GroupRow:
    """One agency's or notice's line on the dashboard."""

    id: int | None
    name: str
    counts: dict[TimeStatus, int]
    rate: float | None


@dataclass(frozen=True)
class Dashboard:
    today: date
    overall: dict[TimeStatus, int]
    agencies: list[GroupRow]  #: the agencies with most overdue work first, at most `top`
    agency_total: int  #: how many agencies have counted work
    documents: list[GroupRow]  #: the most recent notices first, at most `top`
    document_total: int
    overdue_ages: dict[str, int]
    trend: list[Week]


def _worst_first(row: GroupRow):
    return (-row.counts[T.OVERDUE], -row.counts[T.DUE_SOON], vietnamese_key(row.name))


def worst_agencies(scope: Scope, top: int) -> list[int]:
    """The `top` agencies with most overdue work (ties: lowest id first), then, if fewer have
    any, those with other counted work by id: the overdue ones are found in the status index."""
    parts = [
        scope.where(sa.select(Assignment.agency_id).where(branch))
        for branch in scope.branches(T.OVERDUE)
    ]
    overdue = sa.union_all(*parts).subquery()
    most_overdue = (
        sa.select(overdue.c.agency_id)
        .group_by(overdue.c.agency_id)
        .order_by(sa.func.count().desc(), overdue.c.agency_id)
        .limit(top)
    )
    ids = list(db.session.scalars(most_overdue))
    if len(ids) < top:
        others = scope.where(
            sa.select(Assignment.agency_id)
            .where(Assignment.state.in_(CLASSIFIED_STATES), Assignment.agency_id.not_in(ids))
            .group_by(Assignment.agency_id)
            .order_by(Assignment.agency_id)
            .limit(top - len(ids))
        )
        ids += db.session.scalars(others)
    return ids


def dashboard(scope: Scope, top: int = 20, weeks: int = 12) -> Dashboard:
    """Every figure of the dashboard, in eleven queries at most whatever the amount of data."""
    overall = overall_figures(scope)
    worst = worst_agencies(scope, top)
    per_agency = grouped_counts(scope, Assignment.agency_id, Assignment.agency_id.in_(worst))
    names = agency_names(worst)
    agencies = [
        GroupRow(i, names[i].name, per_agency[i], on_time_rate(per_agency[i])) for i in worst
    ]
    documents, document_total = recent_documents(scope, top)
    per_document = counts_by_document(scope, [d.id for d in documents])
    document_rows = []
    for document in documents:
        counts = per_document.get(document.id, empty_counts())
        document_rows.append(GroupRow(document.id, document.number, counts, on_time_rate(counts)))
    return Dashboard(
        today=scope.today,
        overall=overall.counts,
        agencies=sorted(agencies, key=_worst_first),
        agency_total=overall.agencies,
        documents=document_rows,
        document_total=document_total,
        overdue_ages=overall.overdue_ages,
        trend=weekly_trend(scope, weeks, overall.overdue_days),
    )
