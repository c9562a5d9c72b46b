"""The probe stories replayed end to end against the real server: gunicorn with 4 worker
processes in production mode, on the test database. Where several processes share the work
(the login brake) only the database can keep the count, and this is where that shows."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from tracker.domain.accounts.tokens import create_token
from tracker.domain.clock import utc_now
from tracker.extensions import db

ROOT = Path(__file__).resolve().parents[2]
NEW_PASSWORD = "bamboo-river-lantern-42"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(app, database_url, tmp_path):
    """gunicorn serving the test database; yields its base URL."""
    port = _free_port()
    env = {
        **os.environ,
        "TRACKER_ENV": "production",
        "SECRET_KEY": "abuse-suite-secret-key-" + "x" * 40,
        "DATABASE_URL": database_url,
        "TRACKER_INSTANCE_DIR": str(tmp_path),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "SESSION_COOKIE_SECURE": "0",  # plain HTTP on loopback
        "BASE_URL": "https://tracker.tinh.gov.vn",
        # production refuses the development defaults of these (tracker/ops/startup.py)
        "STANDING_OFFICE_EMAIL": "thuongtruc@tinh.gov.vn",
        "MAIL_DEFAULT_SENDER": "theodoi@tinh.gov.vn",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "--workers", "4", "--bind", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310 - loopback http
                break
            except OSError:
                if process.poll() is not None:
                    raise AssertionError(process.stderr.read().decode()[-2000:]) from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


class Browser:
    """A client with its own cookies that fills in the CSRF token as a browser would."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            _NoRedirect(),
        )

    def get(self, path, headers=None):
        url = self.base + path  # always the loopback server's http URL
        return self._open(urllib.request.Request(url, headers=headers or {}))  # noqa: S310

    def post_form(self, path, fields):
        page = self.get(path)[1]
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({**fields, "csrf_token": token}).encode()
        return self._open(urllib.request.Request(self.base + path, data=data))  # noqa: S310

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_sixteen_parallel_guesses_across_four_workers_check_five_passwords(server, office):
    email = office.email

    def guess(n):
        return Browser(server).post_form(
            "/login", {"email": email, "password": f"wrong-guess-{n}"}
        )[0]

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(guess, range(16)))
    assert sorted(statuses) == [200] * 5 + [429] * 11
    # the guesser waits even with the right password; the owner's own browser would not
    assert Browser(server).post_form("/login", {"email": email, "password": PASSWORD})[0] == 429


def test_headers_base_url_and_a_password_change_that_ends_tokens(server, office):
    _row, secret = create_token(office, "script", utc_now())
    db.session.commit()
    api = {"Authorization": f"Bearer {secret}"}
    browser = Browser(server)
    status, _page, headers = browser.get("/login")
    assert status == 200 and "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, body, _ = browser.get("/api/v1/openapi.json", headers={"Host": "evil.example"})
    assert '"url": "https://tracker.tinh.gov.vn/api/v1"' in body.replace('":"', '": "')
    assert browser.get("/api/v1/agencies", headers=api)[0] == 200
    assert browser.post_form("/login", {"email": office.email, "password": PASSWORD})[0] == 302
    status, _page, headers = browser.get("/tasks")
    assert status == 200 and headers["Cache-Control"] == "no-store"
    fields = {
        "current_password": PASSWORD,
        "new_password": NEW_PASSWORD,
        "repeat_password": NEW_PASSWORD,
    }
    assert browser.post_form("/account/password", fields)[0] == 302
    assert browser.get("/api/v1/agencies", headers=api)[0] == 401
    assert browser.get("/tasks")[0] == 200  # the browser that changed it goes on
