"""Helpers for the operations tests: the tracker's own commands in a subprocess, with a
production-like environment that each test spoils in one way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.web.conftest import world  # noqa: F401 - the web tests' world, shared here

ROOT = Path(__file__).resolve().parent.parent.parent
#: everything production needs, set well (tests change one thing at a time)
GOOD_PRODUCTION = {
    "TRACKER_ENV": "production",
    "SECRET_KEY": "a-long-random-secret-for-tests-only-0123456789",
    "BASE_URL": "https://tracker.example.gov.vn",
    "STANDING_OFFICE_EMAIL": "thuongtruc@example.gov.vn",
    "MAIL_DEFAULT_SENDER": "theodoi@example.gov.vn",
}
#: settings of the developer's shell that must not leak into a subprocess
SCRUBBED = ("SECRET_KEY", "DATABASE_URL", "TEST_DATABASE_URL", "TRACKER_ENV", "UPLOAD_DIR")


def clean_env(tmp_path: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    env.update(
        TRACKER_INSTANCE_DIR=str(tmp_path / "instance"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'tracker.sqlite3'}",
    )
    env.update(settings)
    return env


def run(args: list[str], env: dict[str, str], cwd: Path = ROOT, timeout: int = 120):
    """Run a command of this virtualenv (python -m …) and capture what it says."""
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def production(tmp_path):
    """A good production environment (SQLite file, uploads under tmp_path)."""
    return clean_env(tmp_path, **GOOD_PRODUCTION, UPLOAD_DIR=str(tmp_path / "uploads"))
