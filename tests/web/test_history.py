"""The history on each object's page reads as sentences for people, not raw field names."""

from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa

from tests.conftest import NOW
from tracker.domain import workflow
from tracker.domain.clock import Policy
from tracker.domain.history import history_for
from tracker.domain.permissions import actor_for_user
from tracker.domain.states import AssignmentRole
from tracker.domain.work import assignment as assigning
from tracker.extensions import db


def _history(page: str) -> str:
    return re.search(r'<section class="history".*?</section>', page, re.S).group(0)


def _story(app, world):
    office, officer = actor_for_user(world.office), actor_for_user(world.officer)
    policy = Policy.from_config(app.config)
    workflow.report_progress(world.mine, officer, 40, "Đã họp triển khai", NOW)
    workflow.report_completion(world.mine, officer, "Xong việc", NOW, policy)
    workflow.return_for_rework(world.mine, office, "Thiếu biên bản", NOW)
    assigning.change_deadline(world.mine, office, date(2026, 10, 15), "Theo đề nghị", NOW)
    db.session.commit()


def test_the_assignment_history_speaks_vietnamese(app, client, login, world):
    _story(app, world)
    login(world.office)
    history = _history(client.get(f"/assignments/{world.mine.id}").get_data(as_text=True))
    for text in (
        "Đã giao",
        "UBND huyện Tràng Định",  # the agency's name, not its code
        "Chủ trì",
        "Đã báo cáo tiến độ",
        "40%",
        "Đã họp triển khai",
        "Đã báo cáo hoàn thành",
        "Chờ xác nhận",
        "Trả lại",
        "Thiếu biên bản",
        "Đã đổi thời hạn",
        "15/10/2026",
        "15/09/2026",
        "Theo đề nghị",
        "Trạng thái",
        "Lý do",
    ):
        assert text in history, text
    shown = re.sub(r"<[^>]+>", "", history)  # the text people read, without the markup
    for raw in ("not_started", "in_progress", "awaiting_confirmation", "h-trangdinh", "2026-"):
        assert raw not in shown, raw
    assert ">state:" not in history and ">progress:" not in history


def test_the_task_history_says_whose_work_each_event_is_about(app, client, login, world):
    _story(app, world)
    login(world.office)
    history = _history(client.get(f"/tasks/{world.task.id}").get_data(as_text=True))
    assert "· UBND huyện Tràng Định" in history and "· UBND huyện Cao Lộc" in history


def test_english_labels_follow_the_language(app, client, login, world):
    _story(app, world)
    login(world.office)
    client.post("/language", data={"lang": "en"})
    history = _history(client.get(f"/assignments/{world.mine.id}").get_data(as_text=True))
    assert "Returned for rework" in history and "Awaiting confirmation" in history


def test_history_loads_agency_names_in_a_fixed_number_of_queries(app, world, agencies):
    actor = actor_for_user(world.office)
    task = world.task
    taken = {"h-trangdinh", "h-caoloc"}
    many = [a for code, a in sorted(agencies.items()) if code not in taken][:12]
    assigning.assign(task, many, AssignmentRole.SUPPORT, actor, NOW)
    db.session.commit()
    ids = [a.id for a in task.assignments]
    statements = []

    def count(*_args):
        statements.append(1)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        lines = history_for(("task", [task.id]), ("assignment", ids))
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    assert len(lines) > len(many)
    assert len(statements) <= 4  # events, their authors, assignments' agencies, agencies named
    agency_names = {c.new for line in lines for c in line.changes if c.field == "Cơ quan, đơn vị"}
    assert {a.name for a in many} <= agency_names
