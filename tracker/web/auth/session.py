"""Flask-Login over server-side sessions: the cookie holds a token, the database the truth."""

from __future__ import annotations

from flask import Flask, current_app, g, request, session
from flask_babel import lazy_gettext as _l
from flask_babel import refresh
from flask_login import current_user

from tracker.domain.accounts.sessions import SessionLimits, session_user
from tracker.extensions import db, login_manager
from tracker.web.clock import request_now

SESSION_KEY = "sid"


def _load_from_session(_request):
    limits = SessionLimits.from_config(current_app.config)
    return session_user(session.get(SESSION_KEY), request_now(), limits)


def _touch_session() -> None:
    """Load the user early and save the session's last-seen time before the view runs."""
    # A request reuses an app context that is already pushed (tests, CLI): never let a user
    # loaded by an earlier request stand for this one.
    g.pop("_login_user", None)
    g.pop("actor", None)
    refresh()  # nor the language it chose
    if request.endpoint == "static":
        return
    if current_user.is_authenticated and db.session.dirty:
        db.session.commit()


def init_login(app: Flask) -> None:
    """Wire Flask-Login to the session rows; no remember-me cookie."""
    login_manager.request_loader(_load_from_session)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    app.before_request(_touch_session)
