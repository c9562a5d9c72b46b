"""The agency registry as the pages read it: the hierarchy in order, choices an actor may pick,
agencies by id. Reads only; the registry's rules are in tracker.domain.agencies."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tracker.domain.collation import sorted_vietnamese
from tracker.domain.permissions import Actor
from tracker.extensions import db
from tracker.models import Agency


def agency_tree(only_ids: set[int] | None = None) -> list[tuple[int, str]]:
    """Active agencies in hierarchy order, each level in Vietnamese alphabetical order, each
    name indented by its depth, as (id, label);
    `only_ids` keeps those (their place in the tree stays)."""
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
        for child in sorted_vietnamese(children.get(agency.id, []), key=lambda a: a.name):
            walk(child, depth + 1)

    for root in sorted_vietnamese(roots, key=lambda a: a.name):
        walk(root, 0)
    return result


def agency_tree_by_code() -> list[tuple[str, str]]:
    """agency_tree(), each agency named by its code (the notice reader's references)."""
    codes = dict(db.session.execute(sa.select(Agency.id, Agency.code)).all())
    return [(codes[i], label) for i, label in agency_tree()]


def agency_directory() -> tuple[list[tuple[Agency, str]], list[Agency]]:
    """The registry's page: active agencies in tree order with their labels, then the inactive
    ones; contacts and parents loaded at once."""
    agencies = db.session.scalars(
        sa.select(Agency).options(selectinload(Agency.contacts), selectinload(Agency.parent))
    ).all()
    by_id = {a.id: a for a in agencies}
    tree = [(by_id[i], label) for i, label in agency_tree()]
    return tree, [a for a in agencies if not a.active]


def agencies_by_id(ids: Iterable[int]) -> list[Agency]:
    """The agencies with these ids that exist, in one query."""
    ids = set(ids)
    if not ids:
        return []
    return list(db.session.scalars(sa.select(Agency).where(Agency.id.in_(ids))))


def agency_names(actor: Actor, *, active_only: bool = False) -> list[tuple[int, str]]:
    """(id, name) of the agencies `actor` sees, in Vietnamese alphabetical order: for choosing
    one."""
    stmt = sa.select(Agency.id, Agency.name).where(actor.agency_clause(Agency.id))
    if active_only:
        stmt = stmt.where(Agency.active)
    rows = [(i, name) for i, name in db.session.execute(stmt)]
    return sorted_vietnamese(rows, key=lambda row: row[1])


def active_agencies() -> list[Agency]:
    """Every active agency, in Vietnamese alphabetical order."""
    found = db.session.scalars(sa.select(Agency).where(Agency.active))
    return sorted_vietnamese(found, key=lambda agency: agency.name)
