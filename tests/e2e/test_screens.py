"""The main pages on a phone (390px) and a desktop (1280px), against the demo data.

Each page is photographed (test-artifacts/screenshots/screens/) and checked: nothing makes the
page itself scroll sideways (wide tables scroll inside their own container), and every link or
button in the main content is a tap target at least 24px high (WCAG 2.2 target size).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import NOW
from tests.e2e.conftest import SCREENSHOTS
from tracker.demo import DEMO_PASSWORD, load_demo
from tracker.extensions import db
from tracker.models import Agency, Assignment, Document, Task

pytestmark = pytest.mark.e2e
WIDTHS = (390, 1280)
#: controls smaller than this, in CSS pixels, are hard to hit with a finger
MIN_TARGET = 24
SMALL_TARGETS = """(least) => [...document.querySelectorAll(
    'main a, main button, main select, main input:not([type=hidden]), header a, header button')]
  .filter(el => !el.closest('svg, td, .table-wrap, table, .prose, p, li, dd'))
  .filter(el => el.getClientRects().length > 0)
  .filter(el => el.getBoundingClientRect().height < least)
  .map(el => el.outerHTML.slice(0, 120))"""


def _pages(ids) -> dict[str, list[str]]:
    return {
        "thuongtruc@demo.example": [
            "/tasks",
            "/documents",
            f"/documents/{ids['document']}",
            f"/tasks/{ids['task']}",
            f"/assignments/{ids['assignment']}",
            "/review",
            "/agencies",
            "/dashboard",
            "/imports/",
        ],
        "trangdinh@demo.example": ["/my-tasks", f"/assignments/{ids['assignment']}"],
    }


def _demo_ids() -> dict[str, int]:
    document = db.session.scalar(sa.select(Document.id).where(Document.number == "75/TB-UBND"))
    assignment = db.session.scalars(
        sa.select(Assignment)
        .join(Agency)
        .join(Task)
        .where(Agency.code == "h-trangdinh", Task.document_id == document)
        .order_by(Assignment.id)
    ).first()
    return {"document": document, "task": assignment.task_id, "assignment": assignment.id}


def _log_in(page, base, email):
    page.goto(f"{base}/login")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def _name(url: str) -> str:
    return url.strip("/").replace("/", "-") or "home"


def _check(page, url: str, width: int, shot: Path) -> list[str]:
    """Photograph the page; say what makes it scroll sideways or is too small to tap."""
    page.screenshot(path=str(shot), full_page=True)
    problems = []
    overflow = page.evaluate("document.documentElement.scrollWidth") - width
    if overflow > 0:
        problems.append(f"{url} at {width}px scrolls sideways by {overflow}px")
    for small in page.evaluate(SMALL_TARGETS, MIN_TARGET):
        problems.append(f"{url} at {width}px: small target {small}")
    return problems


def test_main_pages_fit_a_phone_and_a_desktop(app, live_server, browser_page):
    app.config["FIXED_NOW"] = NOW
    load_demo(NOW)
    db.session.commit()
    page, base, problems = browser_page, live_server, []
    folder = SCREENSHOTS / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    for email, urls in _pages(_demo_ids()).items():
        _log_in(page, base, email)
        who = email.split("@")[0]
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for url in urls:
                assert page.goto(base + url).status == 200, url
                shot = folder / f"{who}-{width}-{_name(url)}.png"
                problems += _check(page, url, width, shot)
        page.click("header .account button")
    assert not problems, "\n".join(problems)
