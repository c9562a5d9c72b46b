"""The office pauses, resumes, cancels and reopens an assignment from its page."""

from __future__ import annotations

import re

import pytest

from tests.conftest import NOW
from tracker.domain import workflow
from tracker.domain.permissions import actor_for_user
from tracker.domain.states import WorkState
from tracker.extensions import db

LIFECYCLE = ("pause", "resume", "cancel", "reopen")


def _forms_on(page: str) -> set[str]:
    return {name for name in LIFECYCLE if f'id="form-{name}"' in page}


def _state(assignment) -> WorkState:
    db.session.refresh(assignment)
    return assignment.state


def test_only_the_moves_the_workflow_allows_are_offered(client, login, world):
    login(world.office)
    url = f"/assignments/{world.mine.id}"
    assert _forms_on(client.get(url).get_data(as_text=True)) == {"pause", "cancel"}
    workflow.pause(world.mine, actor_for_user(world.office), "Chờ kinh phí", NOW)
    db.session.commit()
    assert _forms_on(client.get(url).get_data(as_text=True)) == {"resume", "cancel"}
    workflow.cancel(world.mine, actor_for_user(world.office), "Không còn phù hợp", NOW)
    db.session.commit()
    assert _forms_on(client.get(url).get_data(as_text=True)) == {"reopen"}


@pytest.mark.parametrize("user", ["officer", "viewer"])
def test_agencies_and_leaders_get_no_lifecycle_buttons_and_cannot_post(client, login, world, user):
    login(getattr(world, user))
    page = client.get(f"/assignments/{world.mine.id}").get_data(as_text=True)
    assert _forms_on(page) == set()
    response = client.post(f"/assignments/{world.mine.id}/pause", data={"pause-reason": "x"})
    assert response.status_code == 404
    assert _state(world.mine) == WorkState.NOT_STARTED


def test_pause_resume_cancel_reopen_through_the_forms(client, login, world):
    login(world.office)
    base = f"/assignments/{world.mine.id}"
    response = client.post(f"{base}/pause", data={"pause-reason": "Chờ kinh phí"})
    assert response.status_code == 302 and response.headers["Location"].endswith(base)
    assert _state(world.mine) == WorkState.PAUSED
    assert "Chờ kinh phí" in client.get(base).get_data(as_text=True)
    assert client.post(f"{base}/resume", data={"resume-note": ""}).status_code == 302
    assert _state(world.mine) == WorkState.NOT_STARTED  # back where it was paused
    assert client.post(f"{base}/cancel", data={"cancel-reason": "Trùng việc"}).status_code == 302
    assert _state(world.mine) == WorkState.CANCELLED
    assert client.post(f"{base}/reopen", data={"reopen-reason": "Giao lại"}).status_code == 302
    assert _state(world.mine) == WorkState.IN_PROGRESS
    history = client.get(base).get_data(as_text=True)
    for label in ("Tạm dừng", "Đã tiếp tục", "Hủy", "Đã mở lại", "Trùng việc", "Giao lại"):
        assert label in history, label


@pytest.mark.parametrize("name", ["pause", "cancel", "reopen"])
def test_a_missing_reason_is_shown_next_to_the_field(client, login, world, name):
    login(world.office)
    if name == "reopen":
        workflow.cancel(world.mine, actor_for_user(world.office), "Trùng việc", NOW)
        db.session.commit()
    before = _state(world.mine)
    response = client.post(f"/assignments/{world.mine.id}/{name}", data={f"{name}-reason": " "})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    field = re.search(rf'<textarea[^>]*id="{name}-reason"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field
    assert re.search(rf'aria-describedby="[^"]*\b{name}-reason-error"', field)
    assert f'id="{name}-reason-error"' in page
    assert _state(world.mine) == before


def test_a_move_the_state_no_longer_allows_is_refused_with_its_reason(client, login, world):
    login(world.office)
    response = client.post(f"/assignments/{world.mine.id}/resume", data={})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    section = re.search(r'id="form-resume".*?</section>', page, re.S).group(0)
    assert 'class="error-box"' in section and "“Chưa thực hiện”" in section
    assert _state(world.mine) == WorkState.NOT_STARTED


def _report_done(world):
    workflow.report_completion(
        world.mine, actor_for_user(world.officer), "Đã xong", NOW, _policy(world)
    )
    db.session.commit()


def _policy(world):
    from flask import current_app

    from tracker.domain.clock import Policy

    return Policy.from_config(current_app.config)


def test_confirming_from_the_review_queue_returns_to_the_queue(client, login, world):
    _report_done(world)
    login(world.office)
    queue = client.get("/review").get_data(as_text=True)
    action = re.search(r'action="([^"]*/confirm[^"]*)"', queue).group(1).replace("&amp;", "&")
    response = client.post(action, follow_redirects=True)
    assert response.status_code == 200 and response.request.path == "/review"
    page = response.get_data(as_text=True)
    assert "Đã xác nhận hoàn thành." in page and "Không có gì đang chờ." in page
    assert _state(world.mine) == WorkState.DONE


def test_confirming_on_the_assignment_page_stays_there(client, login, world):
    _report_done(world)
    login(world.office)
    response = client.post(f"/assignments/{world.mine.id}/confirm")
    assert response.headers["Location"].endswith(f"/assignments/{world.mine.id}")
