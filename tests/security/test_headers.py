"""Item 11: every response carries the security headers; pages carry no inline script."""

from __future__ import annotations

import re

import pytest

from tests.web.test_authorisation import _client, _url, setting  # noqa: F401 - a fixture
from tracker.web.hardening import CONTENT_SECURITY_POLICY

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)|\son[a-z]+\s*=|javascript:", re.IGNORECASE)


def _walk(app, client, values):
    """Every route of the application, GET and POST, as this client."""
    for rule in app.url_map.iter_rules():
        url = _url(app, rule, values) if rule.endpoint != "static" else "/static/tracker.css"
        for method in sorted(rule.methods & {"GET", "POST"}):
            if rule.endpoint == "auth.logout":
                continue  # would end the walk's session
            yield rule.endpoint, method, client.open(url, method=method)


@pytest.mark.parametrize("role", ["anonymous", "office", "foreign_officer"])
def test_every_route_sends_the_security_headers(app, setting, role):  # noqa: F811
    values, users = setting
    client = _client(app, users, role)
    seen = 0
    for endpoint, method, response in _walk(app, client, values):
        where = (endpoint, method, response.status_code)
        headers = response.headers
        assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, where
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff", where
        assert headers["Referrer-Policy"] == "same-origin", where
        assert "Strict-Transport-Security" not in headers, where  # plain HTTP here
        if endpoint != "static":
            assert headers["Cache-Control"] == "no-store", where
        if response.mimetype == "text/html":
            page = response.get_data(as_text=True)
            assert not INLINE_SCRIPT.search(page), (where, INLINE_SCRIPT.search(page))
        seen += 1
    assert seen > 100


def test_hsts_over_https_only(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    secure = client.get("/login", base_url="https://tracker.example")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_the_print_and_select_buttons_work_through_the_local_script(client):
    script = client.get("/static/tracker.js")
    assert script.status_code == 200
    text = script.get_data(as_text=True)
    assert "data-print" in text and "window.print()" in text and "data-select-all" in text
    assert '<script src="/static/tracker.js"' in client.get("/login").get_data(as_text=True)
