"""Start-up: safe defaults, and a clear stop when production lacks its secret."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_flask(args, env_extra, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL")}
    env.update(TRACKER_INSTANCE_DIR=str(tmp_path / "instance"), **env_extra)
    return subprocess.run(
        [sys.executable, "-m", "flask", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_without_secret_key_stops_with_a_clear_message(tmp_path):
    result = run_flask(["--help"], {"TRACKER_ENV": "production"}, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr + result.stdout


def test_unknown_environment_is_refused(tmp_path):
    result = run_flask(["--help"], {"TRACKER_ENV": "staging"}, tmp_path)
    assert result.returncode != 0
    assert "TRACKER_ENV" in result.stderr + result.stdout


def test_development_defaults_to_sqlite_under_instance(tmp_path):
    result = run_flask(["db", "upgrade"], {"TRACKER_ENV": "development"}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "instance" / "tracker.sqlite3").exists()
    assert (tmp_path / "instance" / "secret_key").stat().st_mode & 0o077 == 0


def test_postgres_urls_use_psycopg():
    from config import normalise_database_url

    assert normalise_database_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalise_database_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalise_database_url("sqlite:///x") == "sqlite:///x"
