"""The visibility rule, written once in tracker.domain.permissions: the yes/no answer and the
SQL clause agree for every kind of actor, over every agency, task and notice."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tracker.domain import permissions
from tracker.domain.permissions import Actor, actor_for_user
from tracker.domain.states import Role
from tracker.extensions import db
from tracker.models import Agency, Assignment, Document, Task


@pytest.fixture
def actors(notice, agencies, make_user):
    officer = make_user(Role.AGENCY, agency=agencies[notice.codes["A"]])
    return {
        "office": actor_for_user(make_user(Role.OFFICE, email="o2@test.example")),
        "viewer": actor_for_user(make_user(Role.VIEWER)),
        "officer": actor_for_user(officer),
        "link": Actor(role=Role.AGENCY, agency_ids=frozenset({agencies[notice.codes["D"]].id})),
        "officer without agency": Actor(role=Role.AGENCY),
    }


def _ids(stmt) -> set[int]:
    return set(db.session.scalars(stmt))


@pytest.mark.parametrize("name", ["office", "viewer", "officer", "link", "officer without agency"])
def test_the_clause_and_the_answer_agree(actors, name):
    actor = actors[name]
    every_agency = _ids(sa.select(Agency.id))
    seen = _ids(sa.select(Agency.id).where(actor.agency_clause(Agency.id)))
    assert seen == {i for i in every_agency if actor.sees(i)}
    assert (seen == every_agency) == (name in ("office", "viewer"))
    assert not actor.sees(None) or actor.can_read_all()

    assignments = db.session.execute(sa.select(Assignment.id, Assignment.agency_id)).all()
    visible = _ids(sa.select(Assignment.id).where(actor.agency_clause()))
    assert visible == {i for i, agency_id in assignments if actor.sees(agency_id)}
    for assignment_id, _agency in assignments:
        found = permissions.visible_assignment(actor, assignment_id)
        assert (found is not None) == (assignment_id in visible)

    tasks = _ids(sa.select(Task.id).where(permissions.task_clause(actor.reach)))
    for task_id in _ids(sa.select(Task.id)):
        assert (permissions.visible_task(actor, task_id) is not None) == (task_id in tasks)
    documents = _ids(permissions.visible_documents(actor).with_only_columns(Document.id))
    for document_id in _ids(sa.select(Document.id)):
        found = permissions.visible_document(actor, document_id)
        assert (found is not None) == (document_id in documents)


def test_an_officer_sees_the_work_of_their_agencies_only(actors, notice):
    officer = actors["officer"]
    seen = {a.id for a in notice.by_name.values() if officer.sees(a.agency_id)}
    assert seen == {a.id for name, a in notice.by_name.items() if name.endswith("/A")}
    assert permissions.visible_document(officer, notice.document.id) is not None
    nobody = actors["officer without agency"]
    assert permissions.visible_document(nobody, notice.document.id) is None
