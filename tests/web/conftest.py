"""Fixtures for the web tests: the demo-like world of agencies, people and one task."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.conftest import NOW
from tracker.domain.permissions import actor_for_user
from tracker.domain.states import AssignmentRole, Role
from tracker.domain.work import assignment as assigning
from tracker.domain.work import tasks as task_rules
from tracker.extensions import db
from tracker.models import Assignment, Task, User


@dataclass
class World:
    office: User
    admin: User
    viewer: User
    officer: User  # Tràng Định district
    other_officer: User  # Cao Lộc district
    task: Task
    mine: Assignment  # Tràng Định's assignment
    theirs: Assignment  # Cao Lộc's assignment
    document_id: int


@pytest.fixture
def world(app, agencies, make_user) -> World:
    app.config["FIXED_NOW"] = NOW  # the pages see the same day as the data
    office = make_user(Role.OFFICE)
    admin = make_user(Role.ADMIN)
    viewer = make_user(Role.VIEWER)
    officer = make_user(Role.AGENCY, agencies["h-trangdinh"])
    other = make_user(Role.AGENCY, agencies["h-caoloc"])
    actor = actor_for_user(office)
    document = task_rules.create_document(
        actor,
        NOW,
        number="12/TB-UBND",
        kind="thong_bao_ket_luan",
        issuer="UBND tỉnh",
        issued_on=None,
        title="Kết luận hội nghị",
    )
    task = task_rules.create_task(
        actor,
        NOW,
        text="Đẩy mạnh công tác tuyên truyền phòng chống ma túy.",
        document=document,
        deadline=NOW.date().replace(month=9),
    )
    mine, theirs = assigning.assign(
        task, [agencies["h-trangdinh"], agencies["h-caoloc"]], AssignmentRole.LEAD, actor, NOW
    )
    db.session.commit()
    return World(office, admin, viewer, officer, other, task, mine, theirs, document.id)
