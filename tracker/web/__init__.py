"""The web interface: one blueprint package per area."""

from __future__ import annotations

from flask import Flask


def register_web(app: Flask) -> None:
    """Register every area's blueprint."""
    from tracker.web.main.views import bp as main_bp

    app.register_blueprint(main_bp)
