"""confirm_import, the domain function: one transaction, idempotent by its import key."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.imports.conftest import SAMPLE, count
from tracker.domain.errors import InvalidInput, PermissionDenied
from tracker.domain.notices import importing as notice_import
from tracker.domain.notices import read_notice
from tracker.domain.notices.draft import NoticeDraft, draft_from_reading
from tracker.domain.notices.importing import confirm_import, registry_refs
from tracker.domain.permissions import Actor
from tracker.domain.states import Role
from tracker.extensions import db
from tracker.models import Assignment, Document, Task


@pytest.fixture
def draft(agencies) -> NoticeDraft:
    text = SAMPLE.read_text(encoding="utf-8")
    return draft_from_reading(read_notice(text, registry_refs()), text)


def test_registry_refs_carry_aliases_and_parents(agencies):
    refs = {r.code: r for r in registry_refs()}
    assert len(refs) == 21
    assert "cơ quan Thường trực" in refs["ca-tinh"].aliases
    assert refs["ca-tinh"].parent_code == "ubnd-tinh" and refs["ca-tinh"].level == "department"


def test_the_same_key_twice_creates_once(draft, office_actor, now):
    first = confirm_import(draft, office_actor, now, "key-1")
    db.session.commit()
    second = confirm_import(draft, office_actor, now, "key-1")
    assert first.created and not second.created
    assert second.document.id == first.document.id
    assert count(Document) == 1 and count(Task) == 6


def test_a_race_lost_on_the_unique_key_returns_the_winner(draft, office_actor, now, monkeypatch):
    winner = confirm_import(draft, office_actor, now, "key-2").document
    db.session.commit()
    real = notice_import.find_imported
    calls = []

    def not_yet(key):  # the other request commits between our check and our insert
        calls.append(key)
        return None if len(calls) == 1 else real(key)

    monkeypatch.setattr(notice_import, "find_imported", not_yet)
    outcome = confirm_import(draft, office_actor, now, "key-2")
    assert not outcome.created and outcome.document.id == winner.id
    db.session.commit()
    assert count(Document) == 1 and count(Task) == 6 and count(Assignment) > 0


def test_a_refused_draft_creates_nothing(draft, office_actor, now):
    draft.header.number = " "
    with pytest.raises(InvalidInput) as refused:
        confirm_import(draft, office_actor, now, "key-3")
    assert refused.value.field == "number"
    assert count(Document) == 0


def test_only_the_office_imports(draft, now):
    with pytest.raises(PermissionDenied):
        confirm_import(draft, Actor(role=Role.VIEWER, user_id=None), now, "key-4")


def test_the_draft_survives_json(draft):
    again = NoticeDraft.from_json(draft.to_json())
    assert again == draft
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Document)) == 0
