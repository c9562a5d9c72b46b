"""Paste or upload, review, confirm: the document, its tasks and assignments as read."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from tests.imports.conftest import EXPECTED, SAMPLE, count, post_review, start
from tracker.domain.states import AssignmentRole, DocumentKind
from tracker.extensions import db
from tracker.models import Assignment, AuditEvent, Document, Task

DISTRICTS = {
    "tp-langson",
    "h-trangdinh",
    "h-vanlang",
    "h-vanquan",
    "h-binhgia",
    "h-bacson",
    "h-huulung",
    "h-chilang",
    "h-caoloc",
    "h-locbinh",
    "h-dinhlap",
}


def codes(task: Task, role: AssignmentRole) -> set[str]:
    return {a.agency.code for a in task.assignments if a.role == role}


def the_document() -> Document:
    return db.session.scalars(sa.select(Document)).one()


def test_paste_review_confirm_creates_the_sample_as_read(officer, sample_text):
    url = start(officer, sample_text)
    page = officer.get(url).get_data(as_text=True)
    assert 'value="75/TB-UBND"' in page and "UBND tỉnh Lạng Sơn" in page
    assert page.count('class="directive"') == 6
    assert "<mark>19/8/2010</mark>" in page  # directive 4's deadline, in its text
    response = post_review(officer, url, "confirm")
    assert response.status_code == 302
    document = the_document()
    assert response.headers["Location"].endswith(f"/documents/{document.id}")
    assert (document.number, document.kind) == ("75/TB-UBND", DocumentKind.CONCLUSION_NOTICE)
    assert document.created_by_id == officer.user.id
    assert document.full_text == sample_text
    tasks = document.tasks
    assert [t.ordinal for t in tasks] == [1, 2, 3, 4, 5, 6]
    for task, expected in zip(tasks, EXPECTED["directives"], strict=True):
        assert task.text.startswith(expected["text_start"])
        assert task.deadline == date.fromisoformat(expected["deadline"]), task.ordinal
        assert len(task.title) <= 160
    assert codes(tasks[0], AssignmentRole.LEAD) == DISTRICTS
    assert codes(tasks[1], AssignmentRole.LEAD) == set()
    assert codes(tasks[2], AssignmentRole.LEAD) == {"ca-tinh"}
    assert "mttq-tinh" in codes(tasks[2], AssignmentRole.SUPPORT)
    assert codes(tasks[3], AssignmentRole.LEAD) == {"bcd-tinh"}
    assert codes(tasks[5], AssignmentRole.LEAD) == {"ca-tinh"}
    assert codes(tasks[5], AssignmentRole.SUPPORT) == set()
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "document.import")
    ).one()
    assert event.actor_id == officer.user.id and event.object_id == document.id


def test_confirming_twice_creates_once(officer, sample_text):
    url = start(officer, sample_text)
    first = post_review(officer, url, "confirm")
    again = officer.post(url, data={"action": "confirm", "version": "1"})
    assert first.status_code == again.status_code == 302
    assert first.headers["Location"] == again.headers["Location"]
    assert count(Document) == 1 and count(Task) == 6
    assert officer.get(url).headers["Location"] == first.headers["Location"]


def test_an_uploaded_file_is_kept_with_the_document(app, officer):
    data = SAMPLE.read_bytes()
    response = officer.post(
        "/imports/",
        data={"file": (io.BytesIO(data), "../../thông báo 75.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    post_review(officer, response.headers["Location"], "confirm")
    document = the_document()
    assert document.original_filename == "thông báo 75.txt"
    assert document.original_content_type.startswith("text/plain")
    stored = Path(app.config["UPLOAD_DIR"]) / document.original_stored_name
    assert stored.read_bytes() == data
    assert len(document.tasks) == 6


def test_a_docx_is_read(officer, sample_text):
    import docx

    word = docx.Document()
    for paragraph in sample_text.split("\n"):
        word.add_paragraph(paragraph)
    buffer = io.BytesIO()
    word.save(buffer)
    response = officer.post(
        "/imports/",
        data={"file": (io.BytesIO(buffer.getvalue()), "75.docx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    page = officer.get(response.headers["Location"]).get_data(as_text=True)
    assert page.count('class="directive"') == 6


def test_a_reload_keeps_the_draft_and_the_officer_finds_it_again(officer, sample_text):
    url = start(officer, sample_text)
    post_review(officer, url, "save", number="75/TB-UBND-sửa")
    assert 'value="75/TB-UBND-sửa"' in officer.get(url).get_data(as_text=True)
    assert url.rsplit("/", 1)[-1] in officer.get("/imports/").get_data(as_text=True)
    assert count(Document) == 0


def test_assignments_follow_the_task_deadline(officer, sample_text):
    url = start(officer, sample_text)
    post_review(officer, url, "confirm")
    deadlines = db.session.execute(
        sa.select(Task.ordinal, Assignment.deadline).join(Assignment.task)
    ).all()
    assert deadlines and all(
        d == (date(2010, 8, 19) if n == 4 else date(2010, 12, 31)) for n, d in deadlines
    )
