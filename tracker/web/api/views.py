"""The API area: its blueprint with every operation, and the OpenAPI document."""

from __future__ import annotations

from flask import request

from tracker.web.api import routes_read, routes_write
from tracker.web.api.blueprint import bp
from tracker.web.api.openapi import openapi_document

__all__ = ["bp", "routes_read", "routes_write"]


@bp.get("/openapi.json")
def openapi():
    return openapi_document(request.url_root.rstrip("/") + bp.url_prefix)
