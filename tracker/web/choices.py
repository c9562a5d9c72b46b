"""Choices for select boxes that several areas share."""

from __future__ import annotations

import sqlalchemy as sa

from tracker.extensions import db
from tracker.models import Agency


def agency_tree_choices(only_ids: set[int] | None = None) -> list[tuple[int, str]]:
    """Active agencies in hierarchy order, indented by depth, for a select box."""
    agencies = list(db.session.scalars(sa.select(Agency).where(Agency.active)))
    children: dict[int | None, list[Agency]] = {}
    for agency in agencies:
        children.setdefault(agency.parent_id, []).append(agency)
    known = {a.id for a in agencies}
    roots = [a for a in agencies if a.parent_id is None or a.parent_id not in known]
    result: list[tuple[int, str]] = []

    def walk(agency: Agency, depth: int) -> None:
        if only_ids is None or agency.id in only_ids:
            result.append((agency.id, "\u00a0\u00a0" * depth + agency.name))
        for child in sorted(children.get(agency.id, []), key=lambda a: a.name):
            walk(child, depth + 1)

    for root in sorted(roots, key=lambda a: a.name):
        walk(root, 0)
    return result
