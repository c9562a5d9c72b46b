"""Only the standing office imports; a draft is its owner's; every POST needs the CSRF token."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import g

from tests.conftest import NOW, PASSWORD, make_app
from tests.imports.conftest import nothing_created, start
from tracker.domain.states import Role
from tracker.extensions import db
from tracker.models.import_draft import ImportDraft


@pytest.mark.parametrize("role", [Role.AGENCY, Role.VIEWER])
def test_other_roles_get_404(app, agencies, make_user, login, role):
    user = make_user(role, agencies["h-caoloc"] if role == Role.AGENCY else None)
    client = login(user)
    assert client.get("/imports/").status_code == 404
    assert client.post("/imports/", data={"text": "Giao Công an tỉnh chủ trì."}).status_code == 404
    assert client.get("/imports/abc").status_code == 404
    assert client.post("/imports/abc", data={"action": "confirm"}).status_code == 404
    assert nothing_created()


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get("/imports/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_admin_may_import(app, agencies, make_user, login):
    client = login(make_user(Role.ADMIN))
    assert client.get("/imports/").status_code == 200


def test_a_draft_is_its_owners_alone(officer, make_user, sample_text):
    url = start(officer, sample_text)
    colleague = make_user(Role.OFFICE, email="other-office@test.example")
    officer.post("/logout")
    officer.post("/login", data={"email": colleague.email, "password": PASSWORD})
    assert officer.get(url).status_code == 404
    assert officer.post(url, data={"action": "confirm", "version": "1"}).status_code == 404


def test_an_expired_draft_is_gone(app, officer, sample_text):
    url = start(officer, sample_text)
    row = db.session.scalars(sa.select(ImportDraft)).one()
    row.expires_at = NOW - timedelta(minutes=1)
    db.session.commit()
    assert officer.get(url).status_code == 404


@pytest.fixture
def strict(app, database_url, tmp_path):
    protected = make_app(database_url, tmp_path, WTF_CSRF_ENABLED=True, FIXED_NOW=NOW)
    with protected.app_context():
        yield protected
        db.session.remove()


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_every_post_needs_the_csrf_token(strict, agencies, make_user, sample_text):
    user = make_user(Role.OFFICE)
    client = strict.test_client()
    token = _token(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    g.pop("csrf_token", None)  # requests share the test's app context; login made a new session
    assert client.post("/imports/", data={"text": sample_text}).status_code == 400
    assert nothing_created()
    token = _token(client.get("/imports/").get_data(as_text=True))
    response = client.post("/imports/", data={"text": sample_text, "csrf_token": token})
    assert response.status_code == 302
    url = response.headers["Location"]
    assert client.post(url, data={"action": "confirm", "version": "1"}).status_code == 400
    page = client.get(url).get_data(as_text=True)
    assert re.search(
        r'<form method="post" novalidate class="stacked" id="review-form">\s*'
        r'.*?name="csrf_token"',
        page,
        re.S,
    )
