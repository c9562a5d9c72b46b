"""Items 14 and 15: absurd numbers are a 400 or a 404, never a 500; absolute URLs come from
BASE_URL, never from the Host header a client sends."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "url",
    [
        f"/tasks?page={HUGE}",
        f"/documents?page={HUGE}",
        f"/outbox/?page={HUGE}",
        f"/reports/scoreboard?page={HUGE}",
        f"/reports/scoreboard?year={HUGE}",
        f"/reports/scoreboard?period=quarter&number={HUGE}",
        f"/tasks?document_id={HUGE}",
        f"/dashboard?document={HUGE}",
        "/tasks?page=2147483648",
    ],
)
def test_huge_page_and_filter_numbers_are_a_bad_request(client, world, url):
    client.post("/login", data={"email": world.office.email, "password": PASSWORD})
    assert client.get(url).status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        f"/tasks/{HUGE}",
        f"/documents/{HUGE}",
        f"/assignments/{HUGE}",
        "/tasks/2147483648",
        f"/agencies/{HUGE}/edit",
    ],
)
def test_huge_ids_are_not_found(client, world, url):
    client.post("/login", data={"email": world.office.email, "password": PASSWORD})
    assert client.get(url).status_code == 404


def test_openapi_servers_come_from_base_url_not_the_host_header(app, client):
    app.config["BASE_URL"] = "https://tracker.tinh.gov.vn"
    document = client.get("/api/v1/openapi.json", headers={"Host": "evil.example"}).get_json()
    assert document["servers"] == [{"url": "https://tracker.tinh.gov.vn/api/v1"}]


def test_calendar_address_comes_from_base_url(app, client, world):
    app.config["BASE_URL"] = "https://tracker.tinh.gov.vn"
    evil = {"Host": "evil.example"}
    client.post("/login", data={"email": world.office.email, "password": PASSWORD}, headers=evil)
    page = client.post("/reports/calendars", data={"agency": 0}, headers=evil)
    text = page.get_data(as_text=True)
    assert 'value="https://tracker.tinh.gov.vn/calendar/' in text
    assert "evil.example" not in text
