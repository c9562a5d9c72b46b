"""Paging and the shared list filters of the API."""

from __future__ import annotations

from flask import abort

from tracker.domain.listing import page_rows
from tracker.extensions import db
from tracker.web.api.schema import INT_MAX, Field

PAGING = {
    "page": Field("integer", minimum=1, maximum=100_000, description="from 1"),
    "per_page": Field("integer", minimum=1, maximum=100, description="at most 100; 25 if unset"),
}


def page(stmt, query: dict, dump) -> dict:
    """One page of `stmt` (a select of one entity) with its total, in two queries."""
    number, size = query.get("page", 1), query.get("per_page", 25)
    rows, total = page_rows(stmt, number, size)
    return {"items": [dump(row) for row in rows], "page": number, "per_page": size, "total": total}


def get_or_404(model, object_id: int):
    """db.get_or_404 that also refuses ids outside the database's integer range."""
    if not 0 < object_id <= INT_MAX:
        abort(404)
    return db.get_or_404(model, object_id)
