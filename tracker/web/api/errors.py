"""API errors: JSON {"error": {"code", "message", "fields"?}} with stable codes."""

from __future__ import annotations

from flask import jsonify

from tracker.domain.errors import DomainError

#: domain error code → HTTP status
DOMAIN_STATUS = {
    "transition_refused": 409,
    "forbidden": 403,
    "invalid": 422,
    "not_found": 404,
    "duplicate": 409,
}


class ApiError(Exception):
    """A refusal the API reports as JSON."""

    def __init__(self, status: int, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields


def error_response(
    status: int, code: str, message, fields: dict | None = None, existing_id: int | None = None
):
    """The JSON error body with its status (and the object already there, for a duplicate)."""
    body = {"code": code, "message": str(message)}
    if fields:
        body["fields"] = {str(k): str(v) for k, v in fields.items()}
    if existing_id is not None:
        body["existing_document_id"] = existing_id
    return jsonify({"error": body}), status


def handle_api_error(error: ApiError):
    return error_response(error.status, error.code, error.message, error.fields)


def handle_domain_error(error: DomainError):
    status = DOMAIN_STATUS.get(error.code, 422)
    fields = {error.field: error.message} if error.field else None
    existing = getattr(error, "existing", None)
    return error_response(
        status, error.code, error.message, fields, existing.id if existing is not None else None
    )
