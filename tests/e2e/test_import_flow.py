"""In a browser: paste the Lạng Sơn notice, review what was read, confirm."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.conftest import NOW, PASSWORD, SAMPLE_DIR
from tests.e2e.conftest import SCREENSHOTS
from tracker.domain.states import Role
from tracker.extensions import db
from tracker.models import Document, Task

pytestmark = pytest.mark.e2e


def test_paste_review_and_confirm_a_notice(app, agencies, make_user, live_server, browser_page):
    app.config["FIXED_NOW"] = NOW
    office = make_user(Role.OFFICE)
    page, base = browser_page, live_server
    page.goto(f"{base}/login")
    page.fill("#email", office.email)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    page.goto(f"{base}/imports/")
    text = (SAMPLE_DIR / "75-TB-UBND-2010-lang-son.txt").read_text(encoding="utf-8")
    page.fill("#text", text)
    page.click("#read-form button[type=submit]")
    page.wait_for_selector("#review-form")
    assert page.locator("fieldset.directive").count() == 6
    assert page.input_value("#number") == "75/TB-UBND"
    assert page.locator("#directive-3 mark").inner_text() == "19/8/2010"
    assert page.input_value("#directives-3-deadline") == "19/08/2010"
    page.screenshot(path=str(SCREENSHOTS / "import-review.png"), full_page=True)

    page.select_option("#directives-1-lead", ["h-caoloc"])
    page.click("#review-form button[value=confirm]")
    page.wait_for_url("**/documents/*")
    db.session.expire_all()
    document = db.session.scalars(sa.select(Document)).one()
    assert page.url.endswith(f"/documents/{document.id}")
    assert db.session.scalar(sa.select(sa.func.count(Task.id))) == 6
    second = db.session.scalars(sa.select(Task).where(Task.ordinal == 2)).one()
    assert [a.agency.code for a in second.assignments] == ["h-caoloc"]
