"""Fixtures for the notice import: the Lạng Sơn registry, an office officer logged in, the
sample notice, and helpers to drive the review page."""

from __future__ import annotations

import json

import lxml.html
import pytest
import sqlalchemy as sa
from werkzeug.datastructures import MultiDict

from tests.conftest import NOW, SAMPLE_DIR
from tracker.domain.states import Role
from tracker.extensions import db
from tracker.models import Document
from tracker.models.import_draft import ImportDraft

SAMPLE = SAMPLE_DIR / "75-TB-UBND-2010-lang-son.txt"
EXPECTED = json.loads((SAMPLE_DIR / "75-TB-UBND-2010-lang-son.expected.json").read_text("utf-8"))


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def nothing_created() -> bool:
    return count(ImportDraft) == 0 and count(Document) == 0


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def officer(app, agencies, make_user, login):
    """The standing office's officer, logged in; returns the test client."""
    app.config["FIXED_NOW"] = NOW
    user = make_user(Role.OFFICE)
    user.locale = "en"  # assertions read the English messages, whatever the catalogue holds
    db.session.commit()
    client = login(user)
    client.user = user
    return client


def start(client, text: str, **extra) -> str:
    """Paste a notice; return the review page's URL."""
    response = client.post("/imports/", data={"text": text, **extra})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response.headers["Location"]


def review_fields(page: str) -> MultiDict:
    """The review form as the browser would post it (checked boxes, selected options)."""
    form = lxml.html.fromstring(page).get_element_by_id("review-form")
    return MultiDict(form.form_values())


def post_review(client, url: str, action: str, **changes):
    """Post the review form as shown, with `changes`, pressing the button `action`."""
    fields = review_fields(client.get(url).get_data(as_text=True))
    for name, value in changes.items():
        fields.poplist(name)
        if value is not None:
            fields.setlist(name, value if isinstance(value, list) else [value])
    fields["action"] = action
    return client.post(url, data=fields)


@pytest.fixture
def office_headers(office, now, app):
    from tracker.domain.accounts.tokens import create_token

    app.config["FIXED_NOW"] = now
    _token, secret = create_token(office, "tests", now)
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}
