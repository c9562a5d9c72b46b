"""The dashboard and the report pages through the test client, as each role sees them."""

from __future__ import annotations

import re

import pytest

from tracker.domain.states import Role


@pytest.fixture
def fixed_now(app, now):
    app.config["FIXED_NOW"] = now
    return now


def test_pages_need_a_login(client):
    for url in ("/dashboard", "/reports", "/reports/scoreboard", "/account/api-tokens"):
        response = client.get(url)
        assert response.status_code in (302, 401), url


@pytest.mark.parametrize("role", [Role.OFFICE, Role.VIEWER, Role.ADMIN])
def test_dashboard_numbers_link_to_the_task_list(notice, make_user, login, fixed_now, role):
    client = login(make_user(role, email=f"{role.value}-dash@test.example"))
    page = client.get("/dashboard").get_data(as_text=True)
    assert "<svg" in page
    assert re.search(r'href="/tasks\?status=overdue"[^>]*>\s*<title>[^<]*: 3<', page)
    assert "75/TB-UBND" in page
    assert "/tasks?status=done_late&amp;agency=" in page


def test_an_officer_dashboard_covers_only_their_agencies(
    notice, agencies, make_user, login, fixed_now
):
    officer = make_user(Role.AGENCY, agencies[notice.codes["D"]])
    page = login(officer).get("/dashboard").get_data(as_text=True)
    assert agencies[notice.codes["D"]].name in page
    assert agencies[notice.codes["A"]].name not in page


def test_notice_report_page_is_printable(notice, office, login, fixed_now):
    client = login(office)
    page = client.get(f"/reports/notices/{notice.document.id}").get_data(as_text=True)
    assert "75/TB-UBND" in page
    assert "/static/report.css" in page  # its print layout, a file: the CSP forbids inline
    assert "@media print" in client.get("/static/report.css").get_data(as_text=True)
    assert "Xong 23/23 xã." in page


def test_officer_cannot_read_a_notice_without_their_work(
    notice, agencies, make_user, login, fixed_now
):
    outsider = make_user(Role.AGENCY, agencies["stttt"])
    response = login(outsider).get(f"/reports/notices/{notice.document.id}")
    assert response.status_code == 404


def test_scoreboard_page_ranks_and_falls_back_on_a_bad_period(notice, office, login, fixed_now):
    client = login(office)
    page = client.get("/reports/scoreboard?period=quarter&year=2026&number=2").get_data(True)
    assert "01/04/2026" in page and "30/06/2026" in page
    bad = client.get("/reports/scoreboard?period=quarter&year=2026&number=9")
    assert bad.status_code == 200
    custom = client.get("/reports/scoreboard?period=custom&from=01/06/2026&to=15/06/2026")
    assert "15/06/2026" in custom.get_data(as_text=True)


def test_scoreboard_page_is_paged_but_downloads_hold_every_agency(
    notice, office, login, fixed_now, monkeypatch
):
    from tracker.web.reports import scoreboard_views

    monkeypatch.setattr(scoreboard_views, "PER_PAGE", 3)
    client = login(office)
    query = "?period=quarter&year=2026&number=2"
    ranks = re.compile(r'<td class="num">(\d+)</td><th scope="row">')
    first = client.get("/reports/scoreboard" + query).get_data(as_text=True)
    assert ranks.findall(first) == ["1", "2", "3"]
    assert "page=2" in first and "scoreboard.csv?" in first
    second = client.get("/reports/scoreboard" + query + "&page=2").get_data(as_text=True)
    assert ranks.findall(second) == ["4"]
    assert "page=2" not in re.search(r'href="([^"]*scoreboard\.csv[^"]*)"', second).group(1)
    csv_rows = client.get("/reports/scoreboard.csv" + query).get_data(as_text=True).splitlines()
    assert len(csv_rows) == 1 + 4
