"""Hostile and mistaken input: escaped everywhere, refused with a message, typing kept."""

from __future__ import annotations

import io

import sqlalchemy as sa

from tracker.extensions import db
from tracker.models import Agency, Attachment, Document, Task

PAYLOAD = "<script>alert(1)</script>{{7*7}}"


def _assert_escaped(page: str) -> None:
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;{{7*7}}" in page


def test_script_and_template_text_is_shown_as_text_everywhere(client, login, world):
    login(world.office)
    response = client.post(
        "/documents/new",
        data={
            "number": PAYLOAD,
            "kind": "thong_bao",
            "issuer": PAYLOAD,
            "title": PAYLOAD,
            "full_text": PAYLOAD,
        },
    )
    assert response.status_code == 302
    document = db.session.scalar(sa.select(Document).where(Document.issuer == PAYLOAD))
    response = client.post(
        f"/tasks/new?document_id={document.id}",
        data={
            "title": PAYLOAD,
            "text": PAYLOAD,
            "deadline": "30/09/2026",
            "recurrence": "none",
            "priority": "normal",
        },
    )
    assert response.status_code == 302
    task = db.session.scalar(sa.select(Task).where(Task.title == PAYLOAD))
    client.post(
        f"/tasks/{task.id}/assign", data={"role": "lead", "agencies": [world.officer.agency_id]}
    )
    client.post(
        "/agencies/new",
        data={
            "code": "xss",
            "name": PAYLOAD,
            "level": "district",
            "aliases": PAYLOAD,
            "emails": "",
        },
    )
    agency = db.session.scalar(sa.select(Agency).where(Agency.code == "xss"))
    client.post("/logout")
    login(world.officer)
    assignment = next(a for a in task.assignments if a.agency_id == world.officer.agency_id)
    client.post(
        f"/assignments/{assignment.id}/progress",
        data={"progress-percent": "10", "progress-note": PAYLOAD},
    )
    client.post(
        f"/assignments/{assignment.id}/extension",
        data={"extension-requested_deadline": "30/12/2026", "extension-reason": PAYLOAD},
    )
    for url in (
        f"/assignments/{assignment.id}",
        "/my-tasks",
        f"/tasks/{task.id}",
        f"/tasks?q={PAYLOAD}",
        f"/documents/{document.id}",
        "/documents",
    ):
        _assert_escaped(client.get(url).get_data(as_text=True))
    client.post("/logout")
    login(world.office)
    for url in (
        "/review",
        f"/agencies/{agency.id}",
        "/agencies",
        f"/tasks/{task.id}",
        f"/assignments/{assignment.id}",
    ):
        _assert_escaped(client.get(url).get_data(as_text=True))


def test_a_refused_form_keeps_what_was_typed_with_the_message_beside_the_field(
    client, login, world
):
    login(world.office)
    page = client.post(
        "/tasks/new",
        data={
            "title": "Giữ lại tiêu đề",
            "text": "Nội dung đã gõ",
            "deadline": "31/02/2026",
            "recurrence": "none",
            "priority": "normal",
        },
    ).get_data(as_text=True)
    assert "Giữ lại tiêu đề" in page and "Nội dung đã gõ" in page and "31/02/2026" in page
    assert 'id="deadline-error"' in page and "dd/mm/yyyy" in page


def test_a_domain_refusal_is_shown_next_to_its_field(client, login, world):
    login(world.officer)
    page = client.post(
        f"/assignments/{world.mine.id}/extension",
        data={"extension-requested_deadline": "01/01/2020", "extension-reason": "Lý do rõ ràng"},
    )
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert 'id="extension-requested_deadline-error"' in text and "Lý do rõ ràng" in text


def _progress(client, assignment_id, filename, data):
    return client.post(
        f"/assignments/{assignment_id}/progress",
        data={
            "progress-percent": "20",
            "progress-note": "Có minh chứng",
            "progress-files": (io.BytesIO(data), filename),
        },
        content_type="multipart/form-data",
    )


def test_uploads_are_limited_by_type_content_and_size(app, client, login, world):
    login(world.officer)
    assert _progress(client, world.mine.id, "virus.exe", b"MZ....").status_code == 422
    assert _progress(client, world.mine.id, "fake.pdf", b"MZ not a pdf").status_code == 422
    app.config["MAX_EVIDENCE_BYTES"] = 1024
    page = _progress(client, world.mine.id, "big.pdf", b"%PDF" + b"0" * 2048)
    assert page.status_code == 422 and "Có minh chứng" in page.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Attachment.id))) == 0
    db.session.refresh(world.mine)
    assert world.mine.progress == 0  # nothing reported either
    response = _progress(client, world.mine.id, "../../etc/Báo cáo.pdf", b"%PDF-1.4 ok")
    assert response.status_code == 302
    stored = db.session.scalar(sa.select(Attachment))
    assert stored.filename == "Báo cáo.pdf" and "/" not in stored.stored_name


def test_a_request_larger_than_the_limit_gets_413(app, client, login, world):
    login(world.officer)
    app.config["MAX_CONTENT_LENGTH"] = 2048
    assert _progress(client, world.mine.id, "big.pdf", b"%PDF" + b"0" * 4096).status_code == 413


def test_search_finds_vietnamese_with_or_without_diacritics(client, login, world):
    login(world.officer)
    for query in ("tuyen truyen", "TUYÊN TRUYỀN", "ma tuy"):
        page = client.get("/tasks", query_string={"q": query}).get_data(as_text=True)
        assert world.task.title in page, query
    page = client.get("/tasks", query_string={"q": "không có từ này"}).get_data(as_text=True)
    assert world.task.title not in page


def test_task_list_filters_by_status_agency_and_deadline(client, login, world):
    login(world.office)
    shown = client.get("/tasks", query_string={"status": "on_track"}).get_data(as_text=True)
    assert world.task.title in shown
    hidden = client.get("/tasks", query_string={"status": "overdue"}).get_data(as_text=True)
    assert world.task.title not in hidden
    by_agency = client.get(
        "/tasks", query_string={"agency": str(world.officer.agency_id), "role": "support"}
    )
    assert world.task.title not in by_agency.get_data(as_text=True)
    in_range = client.get(
        "/tasks", query_string={"deadline_from": "01/09/2026", "deadline_to": "30/09/2026"}
    )
    assert world.task.title in in_range.get_data(as_text=True)
