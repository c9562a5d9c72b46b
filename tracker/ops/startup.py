"""What start-up checks before the tracker serves anyone.

Every problem is one line that names the setting, so the person reading the journal knows what
to change. Development keeps its friendly defaults; production refuses them.
"""

from __future__ import annotations

import logging
import os
import tempfile
from ipaddress import ip_network
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from config import DEVELOPMENT_DEFAULTS, SettingError

log = logging.getLogger("tracker.startup")

#: settings whose development default would silently misdirect mail in production
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def setting_problems(config) -> list[str]:
    """Every setting that is malformed (any environment) or left at a default (production)."""
    problems = [*_format_problems(config)]
    if config.get("ENV_NAME") == "production":
        problems += _production_problems(config)
    return problems


def _format_problems(config) -> list[str]:
    problems = []
    try:
        ZoneInfo(str(config.get("TIMEZONE")))
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(
            f"TIMEZONE={config.get('TIMEZONE')!r} is not a time zone name (e.g. Asia/Ho_Chi_Minh)."
        )
    day = str(config.get("DIGEST_DAY_OF_WEEK", "mon")).strip().lower()
    if not (day.isdigit() and int(day) < 7) and day[:3] not in WEEKDAYS:
        problems.append(f"DIGEST_DAY_OF_WEEK={day!r} is not a weekday (mon … sun).")
    hours, _, minutes = str(config.get("DIGEST_TIME", "07:30")).strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
        problems.append(f"DIGEST_TIME={config.get('DIGEST_TIME')!r} is not a time HH:MM.")
    if not str(config.get("BASE_URL", "")).startswith(("http://", "https://")):
        problems.append(f"BASE_URL={config.get('BASE_URL')!r} must start with https://.")
    if config.get("LOG_FORMAT", "plain") not in ("plain", "json"):
        problems.append(f"LOG_FORMAT={config.get('LOG_FORMAT')!r} is neither plain nor json.")
    for network in config.get("METRICS_ALLOWED_ADDRESSES") or []:
        try:
            ip_network(network, strict=False)
        except ValueError:
            problems.append(f"METRICS_ALLOWED_ADDRESSES: {network!r} is not an address or network.")
    if logging.getLevelName(str(config.get("LOG_LEVEL", "INFO"))) not in range(0, 51):
        problems.append(f"LOG_LEVEL={config.get('LOG_LEVEL')!r} is not a level name (INFO …).")
    return problems


def _production_problems(config) -> list[str]:
    problems = [
        f"{name} is left at its development default {default!r}: "
        f"set it in the environment file (deploy/tracker.env.example)."
        for name, default in DEVELOPMENT_DEFAULTS.items()
        if not config.get(name) or config.get(name) == default
    ]
    if not config.get("UPLOAD_DIR"):
        problems.append(
            "UPLOAD_DIR is not set: in production uploaded files live outside the code, "
            "e.g. UPLOAD_DIR=/var/lib/tracker/uploads."
        )
    base_url = str(config.get("BASE_URL", ""))
    if config.get("SESSION_COOKIE_SECURE") and base_url.startswith("http://"):
        problems.append(
            f"BASE_URL={base_url!r} is plain HTTP, but session cookies are Secure and browsers "
            "send them back only over HTTPS (login would fail with 400): serve the tracker over "
            "HTTPS (docs/deploy.md), or on a closed intranet set SESSION_COOKIE_SECURE=false."
        )
    return problems


def upload_folder_problem(folder: str | None) -> str | None:
    """None when `folder` exists (or can be made) and a file can be written in it."""
    if not folder:
        return None
    path = Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-check-"):
            pass
    except OSError as error:
        return (
            f"UPLOAD_DIR={folder!r} is not writable by this user "
            f"(uid {os.getuid()}): {error.strerror or error}."
        )
    return None


def check_settings(app) -> None:
    """Stop start-up on the first problem; warn about a deliberate plain-HTTP cookie."""
    problems = setting_problems(app.config)
    problem = upload_folder_problem(app.config.get("UPLOAD_DIR"))
    if problem:
        problems.append(problem)
    if problems:
        raise SettingError("\n".join(f"The tracker cannot start: {p}" for p in problems))
    if app.config.get("ENV_NAME") == "production" and not app.config.get("SESSION_COOKIE_SECURE"):
        log.warning(
            "SESSION_COOKIE_SECURE=false: the session cookie travels over plain HTTP; "
            "acceptable only on a closed intranet (docs/deploy.md)."
        )
