"""What every response and every request goes through, whatever the area: security headers,
integers bounded to what the database can hold, and absolute URLs built from BASE_URL.

The Content-Security-Policy allows scripts and style sheets from the tracker itself only: no
inline script, no event handler attribute (tracker/static/tracker.js wires the two buttons that
need one). Inline `style` attributes stay allowed (`style-src-attr`): progress bars and the
dashboard's swatches are sized by the data, and a style attribute cannot run code.
"""

from __future__ import annotations

from flask import Flask, abort, current_app, request, url_for
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter

from tracker.domain.text import has_control_characters, without_control_characters

#: the largest id PostgreSQL's INTEGER holds; larger ones cannot name a row
INT_MAX = 2**31 - 1
#: query arguments that are numbers, and the largest value each may take
NUMBER_ARGS = {
    "page": 100_000,
    "per_page": 100_000,
    "document_id": INT_MAX,
    "document": INT_MAX,
    "agency_id": INT_MAX,
    "year": 9999,
    "number": 100,
}

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
STATIC_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # same-origin, not no-referrer: Flask-WTF's CSRF check over HTTPS compares the Referer
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"


class BoundedIntegerConverter(IntegerConverter):
    """`<int:...>` that matches only ids the database can hold: a huge one is a 404, not a 500."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", INT_MAX)
        super().__init__(map, *args, **kwargs)


def _refuse_absurd_numbers():
    """A page or id number beyond what any list or table can hold is a bad request (400)."""
    for name, largest in NUMBER_ARGS.items():
        value = request.args.get(name, "").strip()
        if value.isdigit() and int(value) > largest:
            abort(400)


def _clean_form_input():
    """Control characters (but tab and newlines) leave every posted form field before any
    view reads it: whatever a form, an e-mail link page or a paste sends, nothing stored can
    break an export later. The rest of the input is kept as it was typed."""
    if request.method not in ("POST", "PUT", "PATCH") or not request.form:
        return
    pairs = list(request.form.items(multi=True))
    if any(has_control_characters(value) for _name, value in pairs):
        request.form = ImmutableMultiDict(
            (name, without_control_characters(value)) for name, value in pairs
        )


def _security_headers(response):
    for name, value in STATIC_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if request.endpoint != "static":
        # pages carry personal data or secrets (links, tokens): no shared or browser cache
        response.headers["Cache-Control"] = "no-store"
        response.headers.pop("Expires", None)
    return response


def absolute_url(endpoint: str, **values) -> str:
    """An absolute URL under BASE_URL: never built from the request's Host header."""
    return current_app.config["BASE_URL"].rstrip("/") + url_for(endpoint, **values)


def register_hardening(app: Flask) -> None:
    """Install the bounded integer converter (before any blueprint) and the hooks."""
    app.url_map.converters["int"] = BoundedIntegerConverter
    app.before_request(_refuse_absurd_numbers)
    app.before_request(_clean_form_input)
    app.after_request(_security_headers)
