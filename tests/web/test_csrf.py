"""With CSRF protection on (as in production), a state change without the token is refused."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PASSWORD, make_app
from tracker.extensions import db


@pytest.fixture
def protected(app, database_url, tmp_path):
    strict = make_app(database_url, tmp_path, WTF_CSRF_ENABLED=True)
    with strict.app_context():
        yield strict
        db.session.remove()


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_post_without_token_is_refused(protected, world):
    office = world.office
    client = protected.test_client()
    assert (
        client.post("/login", data={"email": office.email, "password": PASSWORD}).status_code == 400
    )
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login", data={"email": office.email, "password": PASSWORD, "csrf_token": _token(page)}
    )
    assert response.status_code == 302
    for url in (
        f"/assignments/{world.mine.id}/confirm",
        f"/assignments/{world.mine.id}/progress",
        f"/assignments/{world.mine.id}/pause",
        f"/documents/{world.document_id}/edit",
        "/documents/new",
        "/logout",
        "/language",
    ):
        assert client.post(url, data={}).status_code == 400, url
    assert client.get("/tasks").status_code == 200  # still logged in: logout was refused
