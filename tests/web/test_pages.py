"""The shared page furniture: navigation per role, accessible form fields."""

from __future__ import annotations

import re

import pytest


def _nav(page: str) -> str:
    return re.search(r'<nav aria-label="[^"]*" class="main-nav">.*?</nav>', page, re.S).group(0)


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        ("office", {"/imports/", "/dashboard", "/outbox/", "/review"}, set()),
        ("admin", {"/imports/", "/dashboard", "/outbox/", "/users"}, set()),
        ("viewer", {"/dashboard"}, {"/imports/", "/outbox/", "/review"}),
        ("officer", {"/dashboard", "/my-tasks"}, {"/imports/", "/outbox/", "/review", "/users"}),
    ],
)
def test_the_navigation_offers_each_role_its_pages(
    app, client, login, world, role, present, absent
):
    login(getattr(world, role))
    nav = _nav(client.get("/tasks").get_data(as_text=True))
    links = set(re.findall(r'href="([^"]+)"', nav))
    present = {url for url in present if url != "/outbox/" or "outbox.index" in app.view_functions}
    assert present <= links, links
    assert not absent & links, links
    for url in links:  # every link leads to a page this role may open
        assert client.get(url).status_code == 200, url


def test_an_agency_officer_sees_the_dashboard_of_their_agencies(client, login, world):
    login(world.officer)
    assert client.get("/dashboard").status_code == 200


def test_fields_without_errors_carry_no_empty_aria_attributes(client, login, world):
    login(world.office)
    for url in ("/documents/new", f"/assignments/{world.mine.id}", "/account/password", "/tasks"):
        page = client.get(url).get_data(as_text=True)
        assert '="None"' not in page, url
        assert "aria-invalid" not in page, url


def test_a_hint_is_linked_to_its_field(client, login, world):
    login(world.officer)
    page = client.get(f"/assignments/{world.mine.id}").get_data(as_text=True)
    field = re.search(r'<input[^>]*id="progress-files"[^>]*>', page).group(0)
    assert 'aria-describedby="progress-files-hint"' in field
    assert 'id="progress-files-hint"' in page
