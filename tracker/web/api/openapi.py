"""The OpenAPI 3 document, built from the registered operations and their schemas."""

from __future__ import annotations

from tracker.web.api import resources as r
from tracker.web.api.blueprint import OPERATIONS, Operation
from tracker.web.api.schema import INT_MAX, Field, Schema

ERRORS = {
    "400": "The request could not be understood",
    "401": "No token, or an unknown, expired or revoked one",
    "403": "Not allowed for this role, or a read-only token",
    "404": "No such object, or not yours to see",
    "409": "The action is not possible in the object's present state",
    "422": "A field is not valid",
    "429": "Too many unknown tokens from this address: wait",
}


def _schemas_in(spec, found: dict[str, Schema]) -> None:
    """Collect every named schema reachable from `spec` (a Schema or a Field)."""
    if isinstance(spec, Schema):
        if spec.name in found:
            return
        found[spec.name] = spec
        for field in spec.fields.values():
            _schemas_in(field, found)
    elif isinstance(spec, Field) and spec.items is not None:
        _schemas_in(spec.items, found)


def _operation(op: Operation) -> dict:
    parameters = [
        {"name": name, "in": "path", "required": True,
         "schema": {"type": "integer", "minimum": 1, "maximum": INT_MAX}}
        for name in op.path_params
    ]  # fmt: skip
    if op.query is not None:
        parameters += op.query.parameters()
    error = {"application/json": {"schema": r.ERROR.json_schema()}}
    responses = {
        str(op.status): {
            "description": "Success",
            "content": {"application/json": {"schema": op.response.json_schema()}},
        },
        **{code: {"description": text, "content": error} for code, text in ERRORS.items()},
    }
    spec = {
        "operationId": op.endpoint,
        "summary": op.summary,
        "tags": [op.tag],
        "parameters": parameters,
        "responses": responses,
    }
    if op.body is not None:
        spec["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": op.body.json_schema()}},
        }
    return spec


def openapi_document(server_url: str) -> dict:
    """The whole description of /api/v1."""
    paths: dict[str, dict] = {}
    found: dict[str, Schema] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method] = _operation(op)
        for spec in (op.query, op.body, op.response, r.ERROR):
            if spec is not None and not (isinstance(spec, Schema) and op.query is spec):
                _schemas_in(spec, found)
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Directive follow-up tracker API",
            "version": "1.0.0",
            "description": "Send a personal API token as `Authorization: Bearer <token>`.",
        },
        "servers": [{"url": server_url}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "schemas": {name: schema.component() for name, schema in sorted(found.items())},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
