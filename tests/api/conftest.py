"""API fixtures: a token per role, and a client that sends it."""

from __future__ import annotations

import pytest

from tests.reports.conftest import notice  # noqa: F401 - the hand-built notice, shared
from tracker.domain.accounts.tokens import create_token
from tracker.domain.states import Role
from tracker.extensions import db


@pytest.fixture
def fixed_now(app, now):
    app.config["FIXED_NOW"] = now
    return now


@pytest.fixture
def token_for(app, now):
    def make(user) -> dict:
        _token, secret = create_token(user, "tests", now)
        db.session.commit()
        return {"Authorization": f"Bearer {secret}"}

    return make


@pytest.fixture
def office_headers(office, token_for, fixed_now):
    return token_for(office)


@pytest.fixture
def officer_of(make_user, agencies, token_for, fixed_now):
    def make(code: str) -> dict:
        return token_for(make_user(Role.AGENCY, agencies[code]))

    return make
