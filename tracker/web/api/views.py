"""The API area: its blueprint with every operation, and the OpenAPI document."""

from __future__ import annotations

from flask import current_app

from tracker.web.api import routes_read, routes_write
from tracker.web.api.blueprint import bp
from tracker.web.api.openapi import openapi_document

__all__ = ["bp", "routes_read", "routes_write"]


@bp.get("/openapi.json")
def openapi():
    # from BASE_URL, never the Host header a client sent
    return openapi_document(current_app.config["BASE_URL"].rstrip("/") + bp.url_prefix)
