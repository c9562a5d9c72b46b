"""The API blueprint: Bearer-token authentication, JSON errors, and the operation registry
from which both request validation and the OpenAPI document come."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps

from flask import Blueprint, current_app, g, jsonify, request

from tracker.domain.accounts import throttle
from tracker.domain.accounts.throttle import Rule
from tracker.domain.accounts.tokens import token_for_secret
from tracker.domain.errors import DomainError
from tracker.domain.permissions import actor_for_user
from tracker.extensions import csrf, db
from tracker.web.api.errors import ApiError, error_response, handle_api_error
from tracker.web.api.errors import handle_domain_error as _domain_error_body
from tracker.web.api.schema import Field, Schema
from tracker.web.clock import request_now

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # token authentication, no cookies: nothing for a forged form to ride on
PUBLIC_ENDPOINTS = {"api.openapi"}


@dataclass(frozen=True)
class Operation:
    path: str  #: OpenAPI form, under the server URL /api/v1: /tasks/{task_id}
    method: str
    endpoint: str
    summary: str
    tag: str
    query: Schema | None
    body: Schema | None
    response: Schema | Field | None
    status: int
    path_params: tuple[str, ...]


OPERATIONS: list[Operation] = []


def _openapi_path(rule: str) -> tuple[str, tuple[str, ...]]:
    params = tuple(re.findall(r"<int:(\w+)>", rule))
    return re.sub(r"<int:(\w+)>", r"{\1}", rule), params


def _json_body():
    payload = request.get_json(silent=True)
    if payload is None:
        raise ApiError(
            400, "invalid_body", "Send a JSON object with Content-Type application/json."
        )
    return payload  # the schema refuses control characters in any string (422)


def operation(rule, method, *, summary, tag, response, query=None, body=None, status=200):
    """Register a view: its query and body are validated by the schemas before it runs, and
    the same schemas describe it in the OpenAPI document. The view returns JSON-ready data."""

    def decorator(view):
        @wraps(view)
        def wrapper(**kwargs):
            given_query = (query or Schema("NoQuery")).load_query(request.args)
            if query is not None:
                kwargs["query"] = given_query
            if body is not None:
                kwargs["body"] = body.load(_json_body())
            result = view(**kwargs)
            if method != "GET":
                db.session.commit()
            return jsonify(result), status

        bp.add_url_rule(rule, endpoint=view.__name__, view_func=wrapper, methods=[method])
        path, params = _openapi_path(rule)
        OPERATIONS.append(
            Operation(
                path,
                method.lower(),
                view.__name__,
                summary,
                tag,
                query,
                body,
                response,
                status,
                params,
            )
        )
        return wrapper

    return decorator


@bp.before_request
def authenticate():
    """Every operation but the description needs `Authorization: Bearer <token>`."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return error_response(401, "unauthenticated", "Send Authorization: Bearer <token>.")
    now, guard = request_now(), f"api-token:{request.remote_addr or 'unknown'}"
    if throttle.locked(guard, now):
        return error_response(429, "too_many_attempts", "Too many unknown tokens. Wait.")
    token = token_for_secret(secret.strip(), now)
    if token is None:
        db.session.rollback()
        limit = current_app.config.get("API_TOKEN_FAILURES_PER_ADDRESS", 10)
        throttle.take_slot(guard, Rule(limit, timedelta(minutes=1), timedelta(hours=1)), now)
        db.session.commit()
        return error_response(401, "invalid_token", "The token is unknown, expired or revoked.")
    if token.read_only and request.method not in ("GET", "HEAD", "OPTIONS"):
        db.session.rollback()
        return error_response(403, "read_only_token", "This token may only read.")
    if db.session.dirty:
        db.session.commit()  # last_used_at
    g.api_user, g.actor = token.user, actor_for_user(token.user)
    return None


@bp.errorhandler(ApiError)
def _api_error(error: ApiError):
    db.session.rollback()
    return handle_api_error(error)


@bp.errorhandler(DomainError)
def _domain_error(error: DomainError):
    db.session.rollback()
    return _domain_error_body(error)


@bp.errorhandler(404)
def _not_found(_error):
    return error_response(404, "not_found", "There is no such object, or it is not yours to see.")


@bp.errorhandler(400)
def _bad_request(_error):
    return error_response(400, "bad_request", "The request could not be understood.")
