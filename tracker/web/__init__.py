"""The web interface: one blueprint package per area."""

from __future__ import annotations

import importlib

from flask import Flask

#: areas built with the web application
CORE_AREAS = (
    "main",
    "auth",
    "documents",
    "tasks",
    "assignments",
    "mytasks",
    "review",
    "agencies",
    "users",
)
#: areas other packages add; each is registered when its package is present
OPTIONAL_AREAS = ("reports", "dashboard", "api", "outbox", "link", "imports")


def register_web(app: Flask) -> None:
    """Register every area's blueprint (`bp` in tracker.web.<area>.views)."""
    from tracker.web.auth.session import init_login
    from tracker.web.labels import register_labels

    init_login(app)
    register_labels(app)
    for area in CORE_AREAS:
        app.register_blueprint(importlib.import_module(f"tracker.web.{area}.views").bp)
    for area in OPTIONAL_AREAS:
        try:
            module = importlib.import_module(f"tracker.web.{area}.views")
        except ModuleNotFoundError as error:
            if error.name not in (f"tracker.web.{area}", f"tracker.web.{area}.views"):
                raise  # the area exists but something it imports is missing: say so
            continue
        app.register_blueprint(module.bp)
