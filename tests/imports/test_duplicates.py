"""The same notice is never imported twice by accident: on the review page, in the CLI and in
the API (tracker.domain.notices.duplicates)."""

from __future__ import annotations

import sqlalchemy as sa

from tests.imports.conftest import SAMPLE, count, post_review, start
from tracker.domain.notices.duplicates import issuer_key, number_key, similarity
from tracker.extensions import db
from tracker.models import Assignment, AuditEvent, Document, Task
from tracker.models.notification import Notification


def test_numbers_and_issuers_are_compared_after_normalising():
    assert number_key("Số: 120 /TB-UBND.") == number_key("120/tb-ubnd") == "120/tb-ubnd"
    assert number_key("120/TB-UBND") != number_key("121/TB-UBND")
    assert issuer_key("UBND tỉnh Lạng Sơn") == issuer_key("Ủy ban nhân dân  tỉnh LẠNG SƠN")
    assert issuer_key("UBND tỉnh Lạng Sơn") != issuer_key("UBND tỉnh Cao Bằng")


def test_nearly_the_same_text_is_near_and_another_notice_is_not(sample_text):
    retyped = sample_text.replace("Lạng Sơn", "Lạng  Sơn").replace("tuyên truyền", "tuyen truyen")
    assert similarity(sample_text, retyped) == 1.0  # spacing and diacritics do not count
    edited = sample_text.replace("19/8/2010", "20/8/2010")
    assert 0.9 < similarity(sample_text, edited) < 1.0
    other = "Thông báo kết luận về công tác phòng chống thiên tai năm 2011 của tỉnh Cao Bằng."
    assert similarity(sample_text, other) < 0.1


def imported_once(officer, text) -> Document:
    assert post_review(officer, start(officer, text), "confirm").status_code == 302
    return db.session.scalars(sa.select(Document)).one()


def test_the_review_page_shows_the_notice_already_there(officer, sample_text):
    first = imported_once(officer, sample_text)
    url = start(officer, sample_text)
    page = officer.get(url).get_data(as_text=True)
    assert "This notice is already in the tracker." in page
    assert f'href="/documents/{first.id}"' in page and "same issuer, number and date" in page
    mails = count(Notification)
    refused = post_review(officer, url, "confirm")
    assert refused.status_code == 422
    assert "already in the tracker as 75/TB-UBND" in refused.get_data(as_text=True)
    assert count(Document) == 1 and count(Task) == 6 and count(Notification) == mails


def test_a_second_copy_only_by_an_explicit_recorded_choice(officer, sample_text):
    first = imported_once(officer, sample_text)
    url = start(officer, sample_text)
    response = post_review(officer, url, "confirm", allow_duplicate="y")
    assert response.status_code == 302
    second = db.session.scalars(sa.select(Document).where(Document.id != first.id)).one()
    assert second.duplicate_of_id == first.id and count(Task) == 12
    event = db.session.scalars(
        sa.select(AuditEvent).where(
            AuditEvent.object_type == "document",
            AuditEvent.action == "document.import",
            AuditEvent.object_id == second.id,
        )
    ).one()
    assert event.changes["duplicate_of"] == [None, first.id]
    shown = officer.get(f"/documents/{second.id}").get_data(as_text=True)
    assert "Imported on purpose again" in shown


def test_a_different_header_with_nearly_the_same_text_is_caught(officer, sample_text):
    first = imported_once(officer, sample_text)
    misread = sample_text.replace("75/TB-UBND", "76/TB-UBND").replace("19/8/2010", "20/8/2010")
    page = officer.get(start(officer, misread)).get_data(as_text=True)
    assert "nearly the same text" in page and f'href="/documents/{first.id}"' in page


def test_another_years_notice_with_the_same_number_is_not_a_duplicate(officer, sample_text):
    imported_once(officer, sample_text)
    other = (
        "UBND TỈNH LẠNG SƠN\nSố: 75/TB-UBND\nLạng Sơn, ngày 02 tháng 3 năm 2011\n"
        "THÔNG BÁO\nKết luận về công tác phòng chống cháy rừng\n"
        "1. Giao Sở Thông tin và Truyền thông chủ trì tuyên truyền phòng cháy rừng mùa khô.\n"
    )
    page = officer.get(start(officer, other)).get_data(as_text=True)
    assert "already in the tracker" not in page


def test_the_cli_refuses_a_duplicate_unless_allowed(runner, agencies, tmp_path):
    assert runner.invoke(args=["notices", "import", str(SAMPLE)]).exit_code == 0
    again = runner.invoke(args=["notices", "import", str(SAMPLE)])
    assert again.exit_code == 1 and "already in the tracker as document" in again.output
    assert "--allow-duplicate" in again.output
    retyped = tmp_path / "retyped.txt"  # another file, the same notice
    retyped.write_text(SAMPLE.read_text("utf-8").replace("\n\n", "\n"), encoding="utf-8")
    other_file = runner.invoke(args=["notices", "import", str(retyped)])
    assert other_file.exit_code == 1 and "already in the tracker" in other_file.output
    assert count(Document) == 1 and count(Task) == 6
    allowed = runner.invoke(args=["notices", "import", str(SAMPLE), "--allow-duplicate"])
    assert allowed.exit_code == 0, allowed.output
    assert count(Document) == 2 and count(Task) == 12


def test_the_api_answers_409_with_the_existing_notice(client, agencies, office_headers):
    body = {"text": SAMPLE.read_text("utf-8")}
    created = client.post("/api/v1/notices/imports", json=body, headers=office_headers)
    assert created.status_code == 201, created.get_json()
    first_id = created.get_json()["id"]
    assignments = count(Assignment)
    again = client.post("/api/v1/notices/imports", json=body, headers=office_headers)
    assert again.status_code == 409
    error = again.get_json()["error"]
    assert error["code"] == "duplicate" and error["existing_document_id"] == first_id
    assert count(Document) == 1 and count(Assignment) == assignments
    allowed = client.post(
        "/api/v1/notices/imports", json={**body, "allow_duplicate": True}, headers=office_headers
    )
    assert allowed.status_code == 201
    assert db.session.get(Document, allowed.get_json()["id"]).duplicate_of_id == first_id
