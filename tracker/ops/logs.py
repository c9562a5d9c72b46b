"""One logging setup for the web server and the scheduler: level names, ISO timestamps with
their zone, plain lines or JSON (LOG_FORMAT), one line per request with the secrets in
/link/…, /password/reset/… and /calendar/… addresses replaced, and the login events."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Flask, g, request
from flask_login import current_user

#: the secret part of an address that works without a password
SECRET_PATH = re.compile(r"^(/link/|/password/reset/|/calendar/)[^/?]+")
REDACTED = "[secret]"
#: attributes every LogRecord has; anything else was passed in `extra` and is shown
STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}

log = logging.getLogger("tracker.request")
auth_log = logging.getLogger("tracker.auth")


def redact(path: str) -> str:
    """The path with its secret token replaced (the query string is never logged)."""
    return SECRET_PATH.sub(lambda m: m.group(1) + REDACTED, path)


class Formatter(logging.Formatter):
    """`2026-12-01T09:30:00.123+07:00 INFO tracker.request message key=value`, or JSON."""

    def __init__(self, timezone: str, as_json: bool):
        super().__init__()
        self.zone, self.as_json = ZoneInfo(timezone), as_json

    def format(self, record: logging.LogRecord) -> str:
        stamp = datetime.fromtimestamp(record.created, self.zone).isoformat(timespec="milliseconds")
        fields = {k: v for k, v in vars(record).items() if k not in STANDARD}
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + self.formatException(record.exc_info)
        if self.as_json:
            entry = {"time": stamp, "level": record.levelname, "logger": record.name}
            return json.dumps({**entry, "message": message, **fields}, default=str)
        extra = "".join(f" {key}={value}" for key, value in fields.items())
        return f"{stamp} {record.levelname} {record.name} {message}{extra}"


def setup_logging(config) -> None:
    """Send every logger to stderr (the journal under systemd) in the chosen format, once."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "tracker", False)]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.tracker = True
    handler.setFormatter(Formatter(config["TIMEZONE"], config.get("LOG_FORMAT") == "json"))
    root.addHandler(handler)
    root.setLevel(config.get("LOG_LEVEL", "INFO"))
    for noisy in ("alembic.runtime.migration", "apscheduler.executors.default"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _started() -> None:
    g.request_started = time.perf_counter()


def _log_request(response):
    started = g.pop("request_started", None)
    elapsed = round((time.perf_counter() - started) * 1000, 1) if started else None
    path = redact(request.path)
    log.info(
        "%s %s %s %sms",
        request.method,
        path,
        response.status_code,
        elapsed,
        extra={"client": request.remote_addr},
    )
    if request.method == "POST" and request.endpoint in ("auth.login", "auth.logout"):
        _login_event(request.endpoint, response.status_code)
    return response


def _login_event(endpoint: str, status: int) -> None:
    """Read from the answer the login page gave: in, refused by the brake, or wrong."""
    if endpoint == "auth.logout":
        email = current_user.email if current_user.is_authenticated else "?"
        auth_log.info("logout", extra=_who(email))
        return
    email = (request.form.get("email") or "")[:200]
    if status in (302, 303):
        auth_log.info("login", extra=_who(email))
    elif status == 429:
        auth_log.warning("login refused: too many failed attempts", extra=_who(email))
    elif status == 200:  # the form again: wrong e-mail or password
        auth_log.info("login failed", extra=_who(email))


def _who(email: str) -> dict:
    return {"email": email, "client": request.remote_addr}


def register_logging(app: Flask) -> None:
    """The format for every process; the request and login lines for the web application."""
    if not app.testing:  # tests read records through caplog; their output stays quiet
        setup_logging(app.config)
    app.before_request(_started)
    app.after_request(_log_request)
