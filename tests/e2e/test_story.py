"""The whole story in a browser: assign, report, complete with evidence, confirm, overdue."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.conftest import NOW
from tests.e2e.conftest import SCREENSHOTS
from tracker.demo import DEMO_PASSWORD, load_demo
from tracker.domain.clock import Policy
from tracker.extensions import db
from tracker.models import Agency, Document

pytestmark = pytest.mark.e2e


def _log_in(page, base, email):
    page.goto(f"{base}/login")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def _log_out(page):
    page.click("header .account button")
    page.wait_for_url("**/login")


def _shot(page, name):
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_the_whole_story(app, live_server, browser_page, tmp_path):
    app.config["FIXED_NOW"] = NOW
    load_demo(NOW)
    db.session.commit()
    today = Policy.from_config(app.config).today(NOW)
    deadline = today + timedelta(days=30)
    codes = {a.code: a.id for a in db.session.scalars(sa.select(Agency))}
    document_id = db.session.scalar(sa.select(Document.id).where(Document.number == "75/TB-UBND"))
    page, base = browser_page, live_server

    # The office opens the demo notice and assigns a free directive to two districts.
    _log_in(page, base, "thuongtruc@demo.example")
    _shot(page, "01-task-list")
    page.click("nav.main-nav >> text=Văn bản")
    page.click("text=75/TB-UBND")
    assert page.url.endswith(f"/documents/{document_id}")
    _shot(page, "02-document")
    page.locator("table tbody tr").nth(1).locator("a").click()  # directive 2 is unassigned
    page.click("text=Giao đơn vị thực hiện")
    page.select_option("#agencies", [str(codes["h-trangdinh"]), str(codes["h-caoloc"])])
    page.fill("#deadline", deadline.strftime("%d/%m/%Y"))
    _shot(page, "03-assign")
    page.click("main form button[type=submit]")
    assert "Đã giao cho 2 đơn vị" in page.content()
    task_url = page.url
    _log_out(page)

    # An officer of Tràng Định reports 50%, then completion with an evidence file.
    _log_in(page, base, "trangdinh@demo.example")
    assert page.url.endswith("/my-tasks")
    _shot(page, "04-my-tasks")
    page.locator("#group-on_track a", has_text="tuyên truyền").first.click()
    page.fill("#progress-percent", "50")
    page.fill("#progress-note", "Đã tổ chức 12 buổi tuyên truyền ở các xã.")
    page.click("#form-progress button[type=submit]")
    assert "Đã báo cáo tiến độ" in page.content()
    evidence = tmp_path / "bao-cao-ket-qua.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% evidence of the work\n")
    page.fill("#completion-note", "Đã hoàn thành tuyên truyền ở 23/23 xã, thị trấn.")
    page.set_input_files("#completion-files", str(evidence))
    _shot(page, "05-assignment-agency")
    page.click("#form-completion button[type=submit]")
    assert "bao-cao-ket-qua.pdf" in page.content()
    assignment_url = page.url
    _log_out(page)

    # The office confirms from the review queue.
    _log_in(page, base, "thuongtruc@demo.example")
    page.click("nav.main-nav >> text=Xét duyệt")
    _shot(page, "06-review")
    row = page.locator("tr", has_text="Tràng Định").filter(has_text="tuyên truyền")
    row.locator("button[type=submit]").click()
    page.wait_for_url("**/review")  # back to the queue, for the next report
    assert "Đã xác nhận hoàn thành" in page.locator(".flash").inner_text()
    assert page.locator("tr", has_text="Tràng Định").filter(has_text="tuyên truyền").count() == 0
    page.goto(assignment_url)
    text = page.locator("main").inner_text().lower()
    assert "hoàn thành đúng hạn" in text
    history = page.locator(".history").inner_text()
    for step in (
        "Đã giao",
        "Đã báo cáo tiến độ",
        "Đã đính kèm minh chứng",
        "Đã báo cáo hoàn thành",
        "Đã xác nhận hoàn thành",
    ):
        assert step in history, step
    _shot(page, "07-assignment-confirmed")
    page.goto(task_url)
    row = page.locator("tr", has_text="Tràng Định")
    assert "hoàn thành đúng hạn" in row.inner_text().lower()

    # The date passed in moves past the deadline: Cao Lộc's share is now overdue.
    app.config["FIXED_NOW"] = NOW + timedelta(days=45)
    page.goto(task_url)
    assert "/login" in page.url  # weeks later, the old session has long timed out
    _log_in(page, base, "thuongtruc@demo.example")
    page.goto(task_url)
    assert "quá hạn" in page.locator("tr", has_text="Cao Lộc").inner_text().lower()
    assert "hoàn thành đúng hạn" in page.locator("tr", has_text="Tràng Định").inner_text().lower()
    _shot(page, "08-task-overdue")
    page.goto(f"{base}/tasks?status=overdue")
    assert "tuyên truyền" in page.locator("main table").inner_text()
    page.goto(assignment_url)
    assert "quá hạn" not in page.locator(".summary").inner_text().lower()
    _log_out(page)
