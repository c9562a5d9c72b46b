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


class SettingError(SystemExit):
    """A setting the tracker cannot use: stops start-up with one line that names it."""


def _refuse(name: str, value: str, what: str, default) -> SettingError:
    return SettingError(
        f"The tracker cannot start: {name}={value!r} is {what} (default {default})."
    )


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value.strip())
    except ValueError:
        raise _refuse(name, value, "not a whole number", default) from None


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return float(value.strip())
    except ValueError:
        raise _refuse(name, value, "not a number", default) from None


def _env_int_list(name: str, default: str) -> list[int]:
    value = os.environ.get(name) or default
    try:
        return [int(part) for part in value.replace(" ", "").split(",") if part]
    except ValueError:
        raise _refuse(name, value, "not a list of whole numbers like 7,3,1", default) from None


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    word = value.strip().lower()
    if word not in TRUE_WORDS | FALSE_WORDS:
        raise _refuse(name, value, "neither true nor false", default)
    return word in TRUE_WORDS


def _sqlite_default() -> str:
    return f"sqlite:///{INSTANCE_DIR / 'tracker.sqlite3'}"


def normalise_database_url(url: str) -> str:
    """Accept the ``postgres://`` and ``postgresql://`` spellings; use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


#: defaults fit for a developer's machine only; production refuses to start with them
DEVELOPMENT_DEFAULTS = {
    "BASE_URL": "http://127.0.0.1:5000",
    "STANDING_OFFICE_EMAIL": "thuongtruc@localhost",
    "MAIL_DEFAULT_SENDER": "tracker@localhost",
}


def _dev_default(name: str) -> str:
    return os.environ.get(name) or DEVELOPMENT_DEFAULTS[name]


class Config:
    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = normalise_database_url(
        os.environ.get("DATABASE_URL") or _sqlite_default()
    )
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    TIMEZONE = os.environ.get("TIMEZONE", "Asia/Ho_Chi_Minh")
    BASE_URL = _dev_default("BASE_URL")
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR", str(INSTANCE_DIR / "uploads"))
    MAX_CONTENT_LENGTH = _env_int("MAX_UPLOAD_MB", 20) * 1024 * 1024
    MAX_EVIDENCE_BYTES = _env_int("MAX_EVIDENCE_MB", 10) * 1024 * 1024
    NOTICE_MAX_BYTES = _env_int("MAX_NOTICE_MB", 10) * 1024 * 1024

    # Language: Vietnamese by default, English available.
    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = TIMEZONE
    LANGUAGES = ("vi", "en")

    # Mail. Without MAIL_SERVER the outbox keeps every message ("no mail server configured").
    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = _env_int("MAIL_PORT", 25)
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS")
    MAIL_USE_SSL = _env_bool("MAIL_USE_SSL")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_DEFAULT_SENDER = _dev_default("MAIL_DEFAULT_SENDER")
    MAIL_TIMEOUT_SECONDS = _env_float("MAIL_TIMEOUT_SECONDS", 20)
    #: temporary errors (4xx, connection lost) are retried this long after the first one
    MAIL_RETRY_HOURS = _env_float("MAIL_RETRY_HOURS", 72)
    STANDING_OFFICE_EMAIL = _dev_default("STANDING_OFFICE_EMAIL")

    # Follow-up rules.
    DUE_SOON_DAYS = _env_int("DUE_SOON_DAYS", 7)
    REMINDER_DAYS_BEFORE = _env_int_list("REMINDER_DAYS_BEFORE", "7,3,1")
    ESCALATE_AFTER_DAYS = _env_int("ESCALATE_AFTER_DAYS", 7)
    DIGEST_DAY_OF_WEEK = os.environ.get("DIGEST_DAY_OF_WEEK", "mon")
    DIGEST_TIME = os.environ.get("DIGEST_TIME", "07:30")
    ACCESS_LINK_DAYS = _env_int("ACCESS_LINK_DAYS", 14)

    # The official reports' letterhead (NĐ 30/2020): blank ones are printed as lines to fill.
    REPORT_PARENT_BODY = os.environ.get("REPORT_PARENT_BODY", "")  # cơ quan chủ quản
    REPORT_ISSUING_BODY = os.environ.get("REPORT_ISSUING_BODY", "")
    REPORT_SYMBOL = os.environ.get("REPORT_SYMBOL", "BC")  # ký hiệu: Số: …/BC-VP
    REPORT_PLACE = os.environ.get("REPORT_PLACE", "")  # địa danh
    REPORT_SIGNER_TITLE = os.environ.get("REPORT_SIGNER_TITLE", "")
    REPORT_SIGNER_NAME = os.environ.get("REPORT_SIGNER_NAME", "")

    # Sessions and login.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE")
    SESSION_IDLE_MINUTES = _env_int("SESSION_IDLE_MINUTES", 60)
    SESSION_ABSOLUTE_HOURS = _env_int("SESSION_ABSOLUTE_HOURS", 12)
    # The brake on guessing (tracker/domain/accounts/brake.py): cool-downs that double.
    LOGIN_FAILURES_BEFORE_DELAY = _env_int("LOGIN_FAILURES_BEFORE_DELAY", 5)
    LOGIN_FAILURES_PER_ADDRESS = _env_int("LOGIN_FAILURES_PER_ADDRESS", 20)
    LOGIN_FIRST_DELAY_MINUTES = _env_int("LOGIN_FIRST_DELAY_MINUTES", 1)
    LOGIN_MAX_DELAY_MINUTES = _env_int("LOGIN_MAX_DELAY_MINUTES", 60)
    PASSWORD_RESET_INTERVAL_MINUTES = _env_int("PASSWORD_RESET_INTERVAL_MINUTES", 10)
    PASSWORD_RESETS_PER_ADDRESS = _env_int("PASSWORD_RESETS_PER_ADDRESS", 10)
    API_TOKEN_FAILURES_PER_ADDRESS = _env_int("API_TOKEN_FAILURES_PER_ADDRESS", 10)
    API_TOKEN_DAYS = _env_int("API_TOKEN_DAYS", 365)
    WTF_CSRF_TIME_LIMIT = None  # the session's own timeouts bound the token's life

    # Operations.
    #: how many reverse proxies (nginx) stand in front and set X-Forwarded-For/-Proto/-Host
    TRUSTED_PROXIES = _env_int("TRUSTED_PROXIES", 0)
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").strip().upper()
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain").strip().lower()  #: plain or json
    #: /metrics (Prometheus) answers only when enabled, to these addresses or with the token
    METRICS_ENABLED = _env_bool("METRICS_ENABLED")
    METRICS_ALLOWED_ADDRESSES = [
        part.strip()
        for part in os.environ.get("METRICS_ALLOWED_ADDRESSES", "127.0.0.1,::1").split(",")
        if part.strip()
    ]
    METRICS_TOKEN = os.environ.get("METRICS_TOKEN") or None


class DevelopmentConfig(Config):
    ENV_NAME = "development"


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", default=True)
    #: uploads live outside the code in production: UPLOAD_DIR must be set
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR") or None


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
