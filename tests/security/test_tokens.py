"""Items 6 and 16: API tokens die with the password (change, reset, deactivation), need the
password to be made, expire (a year by default), may be read-only, show when last used, and
failed tokens from one address are slowed down."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.conftest import NOW, PASSWORD
from tracker.domain.accounts.tokens import create_token
from tracker.domain.accounts.users import set_active, set_password
from tracker.domain.permissions import actor_for_user
from tracker.extensions import db
from tracker.models import ApiToken

NEW_PASSWORD = "bamboo-river-lantern-42"


def _token(user, **options):
    _row, secret = create_token(user, "script", NOW, **options)
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


@pytest.mark.parametrize("how", ["change", "reset", "deactivation"])
def test_tokens_stop_when_the_password_changes_or_the_account_leaves(app, client, world, how):
    app.config["FIXED_NOW"] = NOW
    headers = _token(world.office)
    assert client.get("/api/v1/agencies", headers=headers).status_code == 200
    if how == "change":
        set_password(world.office, actor_for_user(world.office), NEW_PASSWORD, NOW)
    elif how == "reset":
        set_password(world.office, None, NEW_PASSWORD, NOW)
    else:
        set_active(world.office, actor_for_user(world.admin), False, NOW)
    db.session.commit()
    assert client.get("/api/v1/agencies", headers=headers).status_code == 401
    assert db.session.scalar(sa.select(ApiToken.revoked_at)) is not None


def test_a_password_change_on_the_web_revokes_tokens(app, client, world, login):
    app.config["FIXED_NOW"] = NOW
    headers = _token(world.office)
    login(world.office).post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "repeat_password": NEW_PASSWORD,
        },
    )
    assert app.test_client().get("/api/v1/agencies", headers=headers).status_code == 401


def test_making_a_token_asks_for_the_password(app, world, login):
    app.config["FIXED_NOW"] = NOW
    client = login(world.office)
    stolen = client.post("/account/api-tokens", data={"name": "x", "password": "guess-guess-1"})
    assert "trk_" not in stolen.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(ApiToken.id))) == 0
    missing = client.post("/account/api-tokens", data={"name": "x"})
    assert "trk_" not in missing.get_data(as_text=True)
    made = client.post(
        "/account/api-tokens",
        data={"name": "x", "password": PASSWORD, "lifetime": "365", "read_only": "y"},
    )
    assert re.search(r'value="trk_', made.get_data(as_text=True))
    token = db.session.scalar(sa.select(ApiToken))
    assert token.read_only and token.expires_at == NOW + timedelta(days=365)


def test_tokens_expire_after_a_year_by_default(app, client, world):
    headers = _token(world.office)
    app.config["FIXED_NOW"] = NOW + timedelta(days=364)
    assert client.get("/api/v1/agencies", headers=headers).status_code == 200
    app.config["FIXED_NOW"] = NOW + timedelta(days=366)
    assert client.get("/api/v1/agencies", headers=headers).status_code == 401
    forever = _token(world.office, days=None)
    assert client.get("/api/v1/agencies", headers=forever).status_code == 200


def test_a_read_only_token_reads_but_never_writes(app, client, world):
    app.config["FIXED_NOW"] = NOW
    headers = _token(world.office, read_only=True)
    assert client.get("/api/v1/tasks", headers=headers).status_code == 200
    write = client.post(
        f"/api/v1/assignments/{world.mine.id}/progress-updates",
        json={"percent": 50, "note": "x"},
        headers=headers,
    )
    assert write.status_code == 403
    assert write.get_json()["error"]["code"] == "read_only_token"


def test_the_token_page_shows_when_each_was_last_used(app, client, world, login):
    app.config["FIXED_NOW"] = NOW
    headers = _token(world.office)
    page = login(world.office).get("/account/api-tokens").get_data(as_text=True)
    assert "Chưa dùng" in page
    app.test_client().get("/api/v1/agencies", headers=headers)
    page = login(world.office).get("/account/api-tokens").get_data(as_text=True)
    assert "15/06/2026 10:00" in page and "Chưa dùng" not in page


def test_failed_tokens_from_one_address_are_slowed_down(app, client, world):
    app.config["FIXED_NOW"] = NOW
    good = _token(world.office)
    limit = app.config["API_TOKEN_FAILURES_PER_ADDRESS"]
    for number in range(limit):
        bad = {"Authorization": f"Bearer trk_guess{number}"}
        assert client.get("/api/v1/agencies", headers=bad).status_code == 401
    assert client.get("/api/v1/agencies", headers=good).status_code == 429
    other = {"REMOTE_ADDR": "10.0.0.9"}  # another address is not slowed down
    assert client.get("/api/v1/agencies", headers=good, environ_base=other).status_code == 200
    app.config["FIXED_NOW"] = NOW + timedelta(minutes=2)
    assert client.get("/api/v1/agencies", headers=good).status_code == 200
