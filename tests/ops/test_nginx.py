"""Through a real nginx (the shipped site, TLS) in front of two gunicorn servers in production
mode: login with Secure cookies, the client's real address recorded, uploads at the limit,
a mail link, every attachment from every server, no secret in any log."""

from __future__ import annotations

import http.client
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import PASSWORD
from tests.ops.stack import CLIENT_ADDRESS, NGINX, Stack
from tracker.domain.accounts.links import issue_link
from tracker.domain.clock import utc_now
from tracker.extensions import db
from tracker.models import Attachment, UserSession

pytestmark = [
    pytest.mark.slow,
    # ./scripts/test installs Debian's nginx; elsewhere, say why these did not run
    pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed"),
]
MB = 1024 * 1024


@pytest.fixture(scope="module")
def stack(_schema, database_url, tmp_path_factory):
    folder = tmp_path_factory.mktemp("stack")
    running = Stack(folder, database_url, folder / "uploads").start()
    yield running
    running.stop()


@pytest.fixture
def browser(stack):
    return stack.browser()


def test_plain_http_is_sent_to_https(stack):
    conn = http.client.HTTPConnection("127.0.0.1", stack.http_port, timeout=10)
    conn.request("GET", "/login")
    response = conn.getresponse()
    assert response.status == 301
    assert response.headers["Location"].startswith("https://127.0.0.1")


def test_login_with_secure_cookies_records_the_real_client_address(stack, browser, world):
    response, page = browser.get("/login")
    assert response.status == 200
    assert "Đăng nhập" in page.decode()
    [cookie] = [c for c in browser.set_cookie_headers if c.startswith("__Host-session=")]
    assert "Secure" in cookie and "HttpOnly" in cookie
    response, _ = browser.login(world.office.email, PASSWORD)
    assert response.status == 302, _
    addresses = db.session.scalars(
        sa.select(UserSession.ip_address).where(UserSession.user_id == world.office.id)
    ).all()
    assert addresses == [CLIENT_ADDRESS]  # not nginx's 127.0.0.1
    response, page = browser.get("/tasks")
    assert response.status == 200


def test_static_files_come_from_nginx(stack, browser):
    response, css = browser.get("/static/tracker.css")
    assert response.status == 200 and css
    assert "/static/tracker.css" not in stack.app_log()


def _report_evidence(browser, world, size: int):
    path = f"/assignments/{world.mine.id}"
    _response, page = browser.get(path)
    content = b"%PDF-1.4\n" + b"0" * (size - 9)
    return browser.post_multipart(
        f"{path}/progress",
        {
            "progress-csrf_token": browser.csrf_token(page, "progress"),
            "progress-percent": "40",
            "progress-note": "Biên bản quét",
        },
        {"progress-files": ("bien-ban-quet.pdf", content, "application/pdf")},
    )


def test_evidence_at_the_limit_passes_and_every_server_serves_it(stack, browser, world):
    browser.login(world.officer.email, PASSWORD)
    response, page = _report_evidence(browser, world, 10 * MB)  # MAX_EVIDENCE_MB
    assert response.status in (302, 303), page.decode()[:800]
    attachment = db.session.scalar(sa.select(Attachment))
    assert attachment.size == 10 * MB
    for port in stack.app_ports:  # each gunicorn server, asked directly
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
        conn.request("GET", f"/attachments/{attachment.id}", headers={"Cookie": cookie})
        served = conn.getresponse()
        assert served.status == 200, port
        assert len(served.read()) == 10 * MB


def test_a_request_above_the_app_limit_gets_the_apps_own_page(stack, browser, world):
    browser.login(world.officer.email, PASSWORD)
    response, page = _report_evidence(browser, world, 20 * MB + 100 * 1024)
    assert response.status == 413
    assert "Tệp quá lớn." in page.decode()  # the app's page, in Vietnamese


def test_a_mail_link_opens_and_its_secret_is_in_no_log(stack, browser, world):
    token = issue_link(stack.environment()["SECRET_KEY"], world.mine.agency_id, utc_now(), days=14)
    db.session.commit()
    link = f"{stack.base_url}/link/{token}"
    assert link.startswith("https://127.0.0.1:")
    response, page = browser.get(link.removeprefix(stack.base_url))
    assert response.status == 200, page.decode()[:500]
    assert world.task.title in page.decode()
    for read_log in (stack.access_log, stack.app_log):
        log = _eventually(read_log, "/link/[secret]")  # written just after the answer
        assert token not in log


def _eventually(read, expected: str) -> str:
    """The log once it holds `expected` (nginx and gunicorn write a line after answering)."""
    for _ in range(200):
        text = read()
        if expected in text:
            return text
        time.sleep(0.05)
    raise AssertionError(f"{expected!r} never appeared in:\n{text[-2000:]}")
