"""Item 9: e-mail links can be seen and revoked by the office and the agency's own officers,
all stop when the agency is deactivated, and the agency is checked at every use."""

from __future__ import annotations

import re

import sqlalchemy as sa

from tests.conftest import NOW, PASSWORD
from tracker.domain.accounts.links import issue_link
from tracker.domain.agencies import update_agency
from tracker.domain.permissions import actor_for_user
from tracker.extensions import db
from tracker.models import AccessLink, Agency


def _link(app, agency_id, assignment_id=None):
    token = issue_link(app.config["SECRET_KEY"], agency_id, NOW, 14, assignment_id)
    db.session.commit()
    return f"/link/{token}"


def _logged_in(app, user):
    client = app.test_client()
    assert (
        client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    )
    return client


def test_the_office_sees_and_revokes_one_link(app, world):
    app.config["FIXED_NOW"] = NOW
    agency_id = world.mine.agency_id
    one, other = _link(app, agency_id), _link(app, agency_id, world.mine.id)
    anyone = app.test_client()
    assert anyone.get(one).status_code == 200
    office = _logged_in(app, world.office)
    page = office.get(f"/link/agency/{agency_id}").get_data(as_text=True)
    live = db.session.scalars(sa.select(AccessLink.id).where(AccessLink.agency_id == agency_id))
    live = sorted(live)
    assert sorted(int(n) for n in re.findall(r'/revoke/(\d+)"', page)) == live
    first = live[-2]  # `one`
    assert office.post(f"/link/agency/{agency_id}/revoke/{first}").status_code == 302
    assert anyone.get(one).status_code == 404
    assert anyone.get(other).status_code == 200


def test_the_agencys_own_officer_revokes_all_others_cannot_see(app, world):
    app.config["FIXED_NOW"] = NOW
    agency_id = world.mine.agency_id
    links = [_link(app, agency_id) for _ in range(3)]
    stranger = _logged_in(app, world.other_officer)
    assert stranger.get(f"/link/agency/{agency_id}").status_code == 404
    assert stranger.post(f"/link/agency/{agency_id}/revoke").status_code == 404
    viewer = _logged_in(app, world.viewer)
    assert viewer.get(f"/link/agency/{agency_id}").status_code == 404
    officer = _logged_in(app, world.officer)
    assert officer.get(f"/link/agency/{agency_id}").status_code == 200
    assert officer.post(f"/link/agency/{agency_id}/revoke").status_code == 302
    assert all(app.test_client().get(url).status_code == 404 for url in links)


def test_deactivating_the_agency_revokes_its_links(app, world):
    app.config["FIXED_NOW"] = NOW
    url = _link(app, world.mine.agency_id)
    agency = db.session.get(Agency, world.mine.agency_id)
    update_agency(
        agency, actor_for_user(world.office), NOW, name=agency.name, level=agency.level,
        parent=agency.parent, active=False, aliases=[], emails=[],
    )  # fmt: skip
    db.session.commit()
    assert app.test_client().get(url).status_code == 404
    assert db.session.scalar(sa.select(AccessLink.revoked_at)) is not None


def test_the_agency_is_checked_at_every_use(app, world):
    app.config["FIXED_NOW"] = NOW
    url = _link(app, world.mine.agency_id)
    db.session.execute(
        sa.update(Agency).where(Agency.id == world.mine.agency_id).values(active=False)
    )  # deactivated behind the registry's back: nothing revoked the link
    db.session.commit()
    assert app.test_client().get(url).status_code == 404
