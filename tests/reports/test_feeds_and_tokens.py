"""Calendar feeds read back with icalendar; API tokens made and revoked on their page."""

from __future__ import annotations

import re

from icalendar import Calendar

from tests.conftest import PASSWORD
from tracker.domain import workflow
from tracker.domain.permissions import actor_for_user
from tracker.domain.reports import feeds
from tracker.domain.states import Role
from tracker.domain.work import assignment as assigning
from tracker.extensions import db
from tracker.models import ApiToken, CalendarFeed

from .conftest import at


def events(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_feed_events_follow_the_deadlines(client, notice, agencies, office_actor, now, policy):
    feed, secret = feeds.create_feed(office_actor, agencies[notice.codes["A"]], now)
    db.session.commit()
    assert feed.token_hash != secret and len(feed.token_hash) == 64
    url = f"/calendar/{secret}.ics"
    before = events(client, url)
    t2, t3 = notice.by_name["T2/A"], notice.by_name["T3/A"]
    assert sorted(before) == sorted(f"assignment-{a.id}@localhost" for a in (t2, t3))
    uid = f"assignment-{t3.id}@localhost"
    assert before[uid].decoded("dtstart").isoformat() == "2026-08-01"
    assert "T3" in str(before[uid]["summary"])

    assigning.change_deadline(
        t3, office_actor, t3.deadline.replace(day=15), "Dời lịch.", at("2026-06-16")
    )
    workflow.report_completion(t2, office_actor, "Xong.", at("2026-06-16"), policy)
    workflow.confirm_completion(t2, office_actor, at("2026-06-16"))
    db.session.commit()
    after = events(client, url)
    assert list(after) == [uid]  # the finished one is gone, the UID of the other kept
    assert after[uid].decoded("dtstart").isoformat() == "2026-08-15"
    assert int(after[uid]["sequence"]) > int(before[uid]["sequence"])


def test_the_office_feed_has_everything_and_a_revoked_feed_is_404(
    client, notice, office_actor, now
):
    feed, secret = feeds.create_feed(office_actor, None, now)
    db.session.commit()
    assert len(events(client, f"/calendar/{secret}.ics")) == 5  # open, with a deadline, not paused
    feeds.revoke_feed(office_actor, feed.id, now)
    db.session.commit()
    assert client.get(f"/calendar/{secret}.ics").status_code == 404
    assert client.get("/calendar/made-up.ics").status_code == 404


def test_an_officer_manages_only_feeds_of_their_agencies(notice, agencies, make_user, now):
    officer = actor_for_user(make_user(Role.AGENCY, agencies["h-locbinh"]))
    import pytest

    from tracker.domain.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        feeds.create_feed(officer, agencies["h-caoloc"], now)
    with pytest.raises(PermissionDenied):
        feeds.create_feed(officer, None, now)


def test_calendar_page_creates_and_revokes(notice, agencies, office, login, app, now):
    app.config["FIXED_NOW"] = now
    client = login(office)
    page = client.get("/reports/calendars").get_data(as_text=True)
    response = client.post("/reports/calendars", data={"agency": agencies["h-caoloc"].id,
                           "csrf_token": csrf(page)})  # fmt: skip
    url = re.search(r'value="(http://localhost/calendar/[^"]+\.ics)"', response.get_data(True))
    assert url, response.get_data(True)[:2000]
    assert client.get(url.group(1).removeprefix("http://localhost")).status_code == 200
    feed_id = db.session.scalar(db.select(CalendarFeed.id))
    page = client.get("/reports/calendars").get_data(as_text=True)
    client.post(f"/reports/calendars/{feed_id}/revoke", data={"csrf_token": csrf(page)})
    assert client.get(url.group(1).removeprefix("http://localhost")).status_code == 404


def csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page
    )
    return found.group(1) if found else ""


def test_token_page_shows_the_token_once_and_revokes_it(office, login, app, now):
    app.config["FIXED_NOW"] = now
    client = login(office)
    page = client.get("/account/api-tokens").get_data(as_text=True)
    made = client.post(
        "/account/api-tokens",
        data={"name": "Báo cáo tuần", "password": PASSWORD, "csrf_token": csrf(page)},
    )
    secret = re.search(r'value="(trk_[^"]+)"', made.get_data(as_text=True)).group(1)
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/agencies", headers=headers).status_code == 200
    again = client.get("/account/api-tokens").get_data(as_text=True)
    assert secret not in again and "Báo cáo tuần" in again
    stored = db.session.scalar(db.select(ApiToken))
    assert stored.token_hash != secret
    client.post(f"/account/api-tokens/{stored.id}/revoke", data={"csrf_token": csrf(again)})
    assert client.get("/api/v1/agencies", headers=headers).status_code == 401
