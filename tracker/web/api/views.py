"""The API's own description: the OpenAPI document of every registered operation."""

from __future__ import annotations

from flask import current_app

from tracker.web.api.blueprint import bp
from tracker.web.api.openapi import openapi_document


@bp.get("/openapi.json")
def openapi():
    # from BASE_URL, never the Host header a client sent
    return openapi_document(current_app.config["BASE_URL"].rstrip("/") + bp.url_prefix)
