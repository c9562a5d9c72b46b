"""The JSON API: tokens, the same permissions as the web, domain rules, paging, errors."""

from __future__ import annotations

import pytest

from tests.reports.conftest import at
from tracker.domain.accounts.tokens import revoke_token
from tracker.extensions import db


def test_no_token_is_401(client, notice):
    response = client.get("/api/v1/tasks")
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthenticated"


def test_a_revoked_token_is_401(client, office, token_for, now):
    headers = token_for(office)
    assert client.get("/api/v1/tasks", headers=headers).status_code == 200
    from tracker.models import ApiToken

    revoke_token(office, db.session.scalar(db.select(ApiToken.id)), now)
    db.session.commit()
    response = client.get("/api/v1/tasks", headers=headers)
    assert response.status_code == 401
    assert response.json["error"]["code"] == "invalid_token"


def test_a_made_up_token_is_401(client):
    headers = {"Authorization": "Bearer trk_not-a-real-token"}
    assert client.get("/api/v1/agencies", headers=headers).status_code == 401


def test_tasks_are_paged_and_filtered(client, notice, office_headers):
    first = client.get("/api/v1/tasks?per_page=4", headers=office_headers).json
    assert (first["total"], len(first["items"]), first["page"]) == (6, 4, 1)
    second = client.get("/api/v1/tasks?per_page=4&page=2", headers=office_headers).json
    assert len(second["items"]) == 2
    overdue = client.get("/api/v1/tasks?status=overdue", headers=office_headers).json
    assert sorted(t["title"] for t in overdue["items"]) == ["T1", "T5", "T6"]
    assert {t["status"] for t in overdue["items"]} == {"overdue"}


@pytest.mark.parametrize(
    "url", ["/api/v1/tasks?page=0", "/api/v1/tasks?status=late", "/api/v1/tasks?page=x",
            "/api/v1/tasks?per_page=101", "/api/v1/assignments?deadline_from=15/06/2026"],
)  # fmt: skip
def test_bad_query_parameters_are_400(client, office_headers, url):
    response = client.get(url, headers=office_headers)
    assert response.status_code == 400
    assert response.json["error"]["code"] == "invalid_query"


def test_an_officer_sees_only_their_agencies(client, notice, agencies, officer_of):
    headers = officer_of(notice.codes["D"])
    mine = client.get("/api/v1/assignments", headers=headers).json
    assert {a["agency_id"] for a in mine["items"]} == {agencies[notice.codes["D"]].id}
    other = notice.by_name["T1/A"]
    assert client.get(f"/api/v1/assignments/{other.id}", headers=headers).status_code == 404
    assert client.get(f"/api/v1/tasks/{other.task_id}", headers=headers).status_code == 404
    response = client.get(f"/api/v1/agencies/{agencies['ubnd-tinh'].id}", headers=headers)
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_progress_then_completion_then_confirmation(client, notice, officer_of, office_headers):
    target = notice.by_name["T5/D"]
    headers = officer_of(notice.codes["D"])
    url = f"/api/v1/assignments/{target.id}"
    made = client.post(f"{url}/progress-updates", json={"percent": 60, "note": "Đã làm 6/10 xã."},
                       headers=headers)  # fmt: skip
    assert made.status_code == 201, made.json
    assert made.json["percent"] == 60
    done = client.post(f"{url}/completion", json={"note": "Xong."}, headers=headers)
    assert done.status_code == 201
    refused = client.post(f"{url}/confirmation", json={}, headers=headers)
    assert refused.status_code == 403
    assert refused.json["error"]["code"] == "forbidden"
    confirmed = client.post(f"{url}/confirmation", json={"note": None}, headers=office_headers)
    assert confirmed.status_code == 200
    assert (confirmed.json["state"], confirmed.json["status"]) == ("done", "done_late")
    again = client.post(f"{url}/confirmation", json={}, headers=office_headers)
    assert again.status_code == 409
    assert again.json["error"]["code"] == "transition_refused"


def test_invalid_bodies_are_refused_before_the_domain(client, notice, office_headers):
    url = f"/api/v1/assignments/{notice.by_name['T3/A'].id}/progress-updates"
    for body, field in (
        ({"percent": 101, "note": "x"}, "percent"),
        ({"percent": True, "note": "x"}, "percent"),
        ({"percent": 5}, "note"),
        ({"percent": 5, "note": "x", "extra": 1}, "extra"),
        ({"percent": 5, "note": "a\x00b"}, "note"),
    ):
        response = client.post(url, json=body, headers=office_headers)
        assert response.status_code == 422, body
        assert field in response.json["error"]["fields"]
    response = client.post(url, data="[]", content_type="application/json", headers=office_headers)
    assert response.status_code == 400
    blank = client.post(url, json={"percent": 5, "note": "   "}, headers=office_headers)
    assert blank.status_code == 422 and blank.json["error"]["fields"] == {"note": blank.json[
        "error"]["fields"]["note"]}  # fmt: skip


def test_create_assign_and_extend(client, notice, agencies, office_headers, officer_of):
    made = client.post("/api/v1/tasks", json={"text": "Rà soát địa bàn trọng điểm.",
                       "document_id": notice.document.id, "deadline": "2026-09-30"},
                       headers=office_headers)  # fmt: skip
    assert made.status_code == 201, made.json
    task_id = made.json["id"]
    body = {"agency_ids": [agencies["h-locbinh"].id], "role": "lead"}
    assigned = client.post(
        f"/api/v1/tasks/{task_id}/assignments", headers=office_headers, json=body
    )
    assert assigned.status_code == 201
    assignment_id = assigned.json[0]["id"]
    officer = officer_of("h-locbinh")
    asked = client.post(f"/api/v1/assignments/{assignment_id}/extension-requests", headers=officer,
                        json={"requested_deadline": "2026-10-31", "reason": "Mưa lũ."})  # fmt: skip
    assert asked.status_code == 201, asked.json
    decided = client.post(f"/api/v1/extension-requests/{asked.json['id']}/decision",
                          headers=office_headers, json={"approve": True})  # fmt: skip
    assert decided.json["state"] == "approved"
    assignment = client.get(f"/api/v1/assignments/{assignment_id}", headers=officer).json
    assert assignment["deadline"] == "2026-10-31"
    refused = client.post("/api/v1/tasks", json={"text": "x"}, headers=officer)
    assert refused.status_code == 403


def test_the_api_needs_no_csrf_token(app, client, notice, office_headers):
    app.config["WTF_CSRF_ENABLED"] = True
    url = f"/api/v1/assignments/{notice.by_name['T3/A'].id}/progress-updates"
    response = client.post(url, json={"percent": 5, "note": "x"}, headers=office_headers)
    assert response.status_code == 201


def test_huge_ids_are_404_not_500(client, office_headers):
    response = client.get("/api/v1/tasks/99999999999999", headers=office_headers)
    assert response.status_code == 404


def test_openapi_document_describes_every_operation(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    assert "/assignments/{assignment_id}/confirmation" in spec["paths"]
    assert spec["servers"][0]["url"].endswith("/api/v1")
    progress = spec["components"]["schemas"]["ProgressReport"]
    assert progress["properties"]["percent"]["maximum"] == 100
    assert progress["additionalProperties"] is False


def test_cli_prints_a_working_token(runner, client, office, now):
    result = runner.invoke(args=["users", "token", office.email])
    assert result.exit_code == 0, result.output
    secret = result.output.strip()
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/agencies", headers=headers).status_code == 200
    missing = runner.invoke(args=["users", "token", "nobody@test.example"])
    assert missing.exit_code != 0
    assert at("2026-06-15")  # the shared helper stays importable
