"""/healthz, /readyz, the guard against an old schema, and why a CSRF check refused."""

from __future__ import annotations

import logging

from flask import Blueprint, Flask, current_app, request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import BadRequest

from tracker.domain.clock import utc_now
from tracker.extensions import csrf, db
from tracker.ops.health import readiness, schema_at_head

bp = Blueprint("ops", __name__)
log = logging.getLogger("tracker.web")

#: paths answered whatever the schema: the probes, and files that need no database
UNGUARDED = ("/healthz", "/readyz", "/static/", "/metrics")


@bp.get("/healthz")
def healthz():
    """The process is alive (no database: a load balancer must not kill it for that)."""
    return {"status": "ok"}


@bp.get("/readyz")
def readyz():
    """Ready to serve: the database answers and its schema is at the newest migration."""
    report, ready = readiness(utc_now())
    report["status"] = "ok" if ready else "not ready"
    return report, 200 if ready else 503


@bp.get("/metrics")
def metrics():
    """Prometheus' text format; 404 unless METRICS_ENABLED, 403 unless allowed."""
    from tracker.ops.metrics import metrics_view

    return metrics_view()


def _guard_schema():
    """Pages on an old schema fail one by one with 500s; say what to do instead."""
    if current_app.extensions.get("tracker_schema_ok") or request.path.startswith(UNGUARDED):
        return None
    try:
        ok = schema_at_head()
    except SQLAlchemyError:
        db.session.rollback()
        return None  # a database that is down is the error pages' business
    if ok:
        current_app.extensions["tracker_schema_ok"] = True
        return None
    log.error("the database schema is not at the newest migration: run `flask db upgrade`")
    with force_locale("vi"):  # no user look-up: the accounts table may be the old one
        message = _("The database needs `flask db upgrade` (an administrator's task).")
    return current_app.response_class(
        message + "\n", status=503, mimetype="text/plain", headers={"Retry-After": "60"}
    )


def _csrf_refused(previous):
    def handle(error: CSRFError):
        hint = ""
        if current_app.config.get("SESSION_COOKIE_SECURE") and not request.is_secure:
            hint = (
                "; the session cookie is Secure but this request came over plain HTTP, so the "
                "browser did not send it: serve over HTTPS (with TRUSTED_PROXIES behind nginx) "
                "or set SESSION_COOKIE_SECURE=false on a closed intranet"
            )
        log.warning(
            "request refused: %s %s from %s: %s%s",
            request.method,
            request.path,
            request.remote_addr,
            error.description,
            hint,
        )
        return previous(error) if previous else (error.description, 400)

    return handle


def register_ops(app: Flask) -> None:
    """Attach the probes and the guards (after the error pages, whose 400 page is reused)."""
    from tracker.ops.metrics import register_metrics

    app.register_blueprint(bp)
    csrf.exempt(bp)
    register_metrics(app)
    # first of all before-request functions: the others may read tables the old schema lacks
    app.before_request_funcs.setdefault(None, []).insert(0, _guard_schema)
    previous = app.error_handler_spec.get(None, {}).get(400, {}).get(BadRequest)
    app.register_error_handler(CSRFError, _csrf_refused(previous))
