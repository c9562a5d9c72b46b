"""The tracker: a directive follow-up tracker for Vietnamese government offices."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, request, session
from flask_login import current_user

from config import INSTANCE_DIR, Config, config_from_environment, development_secret_key
from tracker.extensions import babel, csrf, db, login_manager, mail, migrate

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def create_app(config: type[Config] | dict | None = None) -> Flask:
    """Build the web application (the scheduler is a separate process: `flask scheduler`)."""
    app = Flask(__name__, instance_path=str(INSTANCE_DIR), instance_relative_config=False)
    if isinstance(config, dict):
        app.config.from_object(config_from_environment())
        app.config.from_mapping(config)
    else:
        app.config.from_object(config or config_from_environment())
    require_settings(app)
    register_extensions(app)
    register_hardening(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_operations(app)
    register_template_helpers(app)
    register_commands(app)
    return app


def require_settings(app: Flask) -> None:
    """Stop start-up with a clear message when a required setting is missing."""
    env = app.config.get("ENV_NAME", "development")
    if not app.config.get("SECRET_KEY"):
        if env != "development":
            raise SystemExit(
                "SECRET_KEY is not set. Outside development the tracker needs a long random "
                "SECRET_KEY in the environment, e.g. "
                "SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')"
            )
        app.config["SECRET_KEY"] = development_secret_key()
    _host_only_session_cookie(app)
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite:///"):
        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    from tracker.ops.catalogue import ensure_catalogues
    from tracker.ops.startup import check_settings

    check_settings(app)  # malformed or default settings, an unwritable upload folder
    ensure_catalogues(app)  # a fresh clone speaks Vietnamese without a build step


def _host_only_session_cookie(app: Flask) -> None:
    """In production over HTTPS the cookie is named `__Host-…`: browsers then take it only
    when Secure, for this exact host and path `/`, so no sibling subdomain can plant one."""
    if (
        app.config.get("ENV_NAME") == "production"
        and app.config.get("SESSION_COOKIE_SECURE")
        and app.config.get("SESSION_COOKIE_NAME", "session") == "session"
        and not app.config.get("SESSION_COOKIE_DOMAIN")
    ):
        app.config["SESSION_COOKIE_NAME"] = "__Host-session"
        app.config["SESSION_COOKIE_PATH"] = "/"


def _select_locale() -> str:
    languages = current_app_languages()
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = session.get("lang") if request else None
    return chosen if chosen in languages else "vi"


def current_app_languages() -> tuple[str, ...]:
    from flask import current_app

    return tuple(current_app.config.get("LANGUAGES", ("vi", "en")))


def _select_timezone() -> str:
    from flask import current_app

    return current_app.config["TIMEZONE"]


def register_extensions(app: Flask) -> None:
    from tracker import models  # noqa: F401 - the models must be known to migrations

    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True, compare_type=True
    )
    login_manager.init_app(app)
    mail.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=_select_locale, timezone_selector=_select_timezone)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        _sqlite_pragmas(app)
    from tracker.domain.work import task_summary  # noqa: F401 - keeps each task's summary at flush
    from tracker.reminders.handlers import connect_handlers

    connect_handlers()


def _sqlite_pragmas(app: Flask) -> None:
    """Foreign keys on, and WAL so the scheduler and the web server can share the file."""
    import sqlalchemy as sa

    with app.app_context():
        engine = db.engine

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            if app.config["SQLALCHEMY_DATABASE_URI"] not in ("sqlite://", "sqlite:///:memory:"):
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()


def register_hardening(app: Flask) -> None:
    from tracker.web.hardening import register_hardening as install

    install(app)


def register_blueprints(app: Flask) -> None:
    from tracker.web import register_web

    register_web(app)


def register_errorhandlers(app: Flask) -> None:
    from tracker.web.errors import register_error_pages

    register_error_pages(app)


def register_template_helpers(app: Flask) -> None:
    from tracker.web.formatting import register_formatting

    register_formatting(app)


def register_operations(app: Flask) -> None:
    """Probes, the old-schema guard, the trusted proxies in front (nginx)."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    from tracker.ops.logs import register_logging
    from tracker.ops.web import register_ops

    register_logging(app)
    register_ops(app)
    proxies = app.config.get("TRUSTED_PROXIES", 0)
    if proxies:  # the client's address and scheme as the proxies saw them
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)


def register_commands(app: Flask) -> None:
    from tracker.cli import register_cli

    register_cli(app)
