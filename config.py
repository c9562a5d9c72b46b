"""Settings, read from the environment with safe defaults.

`TRACKER_ENV` picks the class: ``development`` (the default on a developer's machine and in the
demo), ``production`` or ``test``. Production refuses to start without a real ``SECRET_KEY``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("TRACKER_INSTANCE_DIR", BASE_DIR / "instance"))


def _int_list(value: str) -> list[int]:
    return [int(part) for part in value.replace(" ", "").split(",") if part]


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _sqlite_default() -> str:
    return f"sqlite:///{INSTANCE_DIR / 'tracker.sqlite3'}"


def normalise_database_url(url: str) -> str:
    """Accept the ``postgres://`` and ``postgresql://`` spellings; use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Config:
    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = normalise_database_url(
        os.environ.get("DATABASE_URL") or _sqlite_default()
    )
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    TIMEZONE = os.environ.get("TIMEZONE", "Asia/Ho_Chi_Minh")
    BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:5000")
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR", str(INSTANCE_DIR / "uploads"))
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_UPLOAD_MB", "20")) * 1024 * 1024
    MAX_EVIDENCE_BYTES = int(os.environ.get("MAX_EVIDENCE_MB", "10")) * 1024 * 1024

    # Language: Vietnamese by default, English available.
    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = TIMEZONE
    LANGUAGES = ("vi", "en")

    # Mail. Without MAIL_SERVER the outbox keeps every message ("no mail server configured").
    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = _bool(os.environ.get("MAIL_USE_TLS"))
    MAIL_USE_SSL = _bool(os.environ.get("MAIL_USE_SSL"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "tracker@localhost")
    MAIL_TIMEOUT_SECONDS = float(os.environ.get("MAIL_TIMEOUT_SECONDS", "20"))
    #: temporary errors (4xx, connection lost) are retried this long after the first one
    MAIL_RETRY_HOURS = float(os.environ.get("MAIL_RETRY_HOURS", "72"))
    STANDING_OFFICE_EMAIL = os.environ.get("STANDING_OFFICE_EMAIL", "thuongtruc@localhost")

    # Follow-up rules.
    DUE_SOON_DAYS = int(os.environ.get("DUE_SOON_DAYS", "7"))
    REMINDER_DAYS_BEFORE = _int_list(os.environ.get("REMINDER_DAYS_BEFORE", "7,3,1"))
    ESCALATE_AFTER_DAYS = int(os.environ.get("ESCALATE_AFTER_DAYS", "7"))
    DIGEST_DAY_OF_WEEK = os.environ.get("DIGEST_DAY_OF_WEEK", "mon")
    DIGEST_TIME = os.environ.get("DIGEST_TIME", "07:30")
    ACCESS_LINK_DAYS = int(os.environ.get("ACCESS_LINK_DAYS", "14"))

    # Sessions and login.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool(os.environ.get("SESSION_COOKIE_SECURE"))
    SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "60"))
    SESSION_ABSOLUTE_HOURS = int(os.environ.get("SESSION_ABSOLUTE_HOURS", "12"))
    # The brake on guessing (tracker/domain/accounts/brake.py): cool-downs that double.
    LOGIN_FAILURES_BEFORE_DELAY = int(os.environ.get("LOGIN_FAILURES_BEFORE_DELAY", "5"))
    LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "20"))
    LOGIN_FIRST_DELAY_MINUTES = int(os.environ.get("LOGIN_FIRST_DELAY_MINUTES", "1"))
    LOGIN_MAX_DELAY_MINUTES = int(os.environ.get("LOGIN_MAX_DELAY_MINUTES", "60"))
    PASSWORD_RESET_INTERVAL_MINUTES = int(os.environ.get("PASSWORD_RESET_INTERVAL_MINUTES", "10"))
    PASSWORD_RESETS_PER_ADDRESS = int(os.environ.get("PASSWORD_RESETS_PER_ADDRESS", "10"))
    API_TOKEN_FAILURES_PER_ADDRESS = int(os.environ.get("API_TOKEN_FAILURES_PER_ADDRESS", "10"))
    API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "365"))
    WTF_CSRF_TIME_LIMIT = None  # the session's own timeouts bound the token's life


class DevelopmentConfig(Config):
    ENV_NAME = "development"


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = _bool(os.environ.get("SESSION_COOKIE_SECURE"), default=True)


class TestConfig(Config):
    ENV_NAME = "test"
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105 - fixed key for tests only
    SQLALCHEMY_DATABASE_URI = normalise_database_url(
        os.environ.get("TEST_DATABASE_URL") or "sqlite://"
    )
    MAIL_SERVER = None
    BASE_URL = "http://localhost"
    LOGIN_FAILURES_BEFORE_DELAY = 5
    # Cheap password hashing: tests create many accounts; production keeps argon2's defaults.
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 1024


CONFIGS = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "test": TestConfig,
}


def config_from_environment() -> type[Config]:
    """The settings class named by TRACKER_ENV (development when unset)."""
    name = os.environ.get("TRACKER_ENV", "development").strip().lower()
    if name not in CONFIGS:
        raise SystemExit(f"TRACKER_ENV={name!r} is not one of: {', '.join(CONFIGS)}")
    return CONFIGS[name]


def development_secret_key() -> str:
    """A per-machine key kept under instance/, so dev sessions survive restarts."""
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
