"""The instant a request acts at: the real clock, or a fixed one a test passes in."""

from __future__ import annotations

from datetime import datetime

from flask import current_app

from tracker.domain.clock import Policy, require_aware, utc_now


def request_now() -> datetime:
    """Now, for views: `FIXED_NOW` from the config (tests only) or the real clock."""
    fixed = current_app.config.get("FIXED_NOW")
    return require_aware(fixed) if fixed is not None else utc_now()


def policy() -> Policy:
    """The follow-up policy of this application (time zone, due-soon window)."""
    return Policy.from_config(current_app.config)
