"""Item 12: a calendar feed has an owner and dies with the owner's or the agency's
deactivation."""

from __future__ import annotations

import re

import sqlalchemy as sa

from tests.conftest import NOW, PASSWORD
from tracker.domain.accounts.users import set_active
from tracker.domain.agencies import update_agency
from tracker.domain.permissions import actor_for_user
from tracker.extensions import db
from tracker.models import CalendarFeed


def _make_feed(app, world, user, agency_id):
    app.config["FIXED_NOW"] = NOW
    client = app.test_client()
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    page = client.post("/reports/calendars", data={"agency": agency_id}).get_data(as_text=True)
    url = re.search(r'value="http://localhost(/calendar/[^"]+\.ics)"', page).group(1)
    return url


def test_a_feed_dies_with_its_owners_deactivation(app, client, world):
    url = _make_feed(app, world, world.officer, world.mine.agency_id)
    feed = db.session.scalar(sa.select(CalendarFeed))
    assert feed.owner_id == world.officer.id
    assert client.get(url).status_code == 200
    set_active(world.officer, actor_for_user(world.admin), False, NOW)
    db.session.commit()
    assert client.get(url).status_code == 404
    assert db.session.scalar(sa.select(CalendarFeed.revoked_at)) is not None


def test_a_feed_dies_with_its_agencys_deactivation(app, client, world, agencies):
    url = _make_feed(app, world, world.office, world.mine.agency_id)
    assert client.get(url).status_code == 200
    agency = agencies["h-trangdinh"]
    update_agency(
        agency, actor_for_user(world.office), NOW, name=agency.name, level=agency.level,
        parent=agency.parent, active=False, aliases=[], emails=[],
    )  # fmt: skip
    db.session.commit()
    assert client.get(url).status_code == 404
