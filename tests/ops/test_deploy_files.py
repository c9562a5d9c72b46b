"""deploy/: the systemd units pass `systemd-analyze verify` and say what the guide promises;
the nginx site's upload limit matches the app's."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from config import Config
from tests.ops.conftest import ROOT

DEPLOY = ROOT / "deploy"
UNITS = ["tracker-web.service", "tracker-scheduler.service"]
VENV_BIN = Path(sys.executable).parent


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string((DEPLOY / name).read_text(encoding="utf-8").replace("\\\n", " "))
    return parser


@pytest.mark.parametrize("name", UNITS)
def test_units_run_as_the_service_user_with_the_environment_file(name):
    service = unit(name)["Service"]
    assert service["User"] == "tracker"
    assert service["WorkingDirectory"] == "/opt/tracker"
    assert service["EnvironmentFile"] == "/etc/tracker/tracker.env"
    assert service["Restart"] in {"always", "on-failure"}
    assert service["StandardError"] == "journal"


def test_the_web_unit_preloads_and_listens_on_loopback_only():
    start = unit("tracker-web.service")["Service"]["ExecStart"]
    assert "--preload" in start
    assert "--bind 127.0.0.1:8000" in start
    assert "--access-logfile" not in start  # the app's own request line redacts secrets


def _verify(paths: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["systemd-analyze", "verify", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_analyze_verifies_the_units(tmp_path):
    """With /opt/tracker pointing at this checkout (verify checks the programs exist)."""
    paths = []
    for name in UNITS:
        text = (DEPLOY / name).read_text(encoding="utf-8")
        text = text.replace("/opt/tracker/.venv/bin", str(VENV_BIN)).replace(
            "/opt/tracker", str(ROOT)
        )
        (tmp_path / name).write_text(text)
        paths.append(tmp_path / name)
    result = _verify(paths)
    assert result.returncode == 0, result.stderr
    broken = tmp_path / "broken.service"
    broken.write_text("[Service]\nExecStart=/nonexistent/gunicorn\n")
    assert _verify([broken]).returncode != 0  # the check can fail


def test_nginx_accepts_one_megabyte_above_the_app_limit():
    site = (DEPLOY / "nginx-tracker.conf").read_text(encoding="utf-8")
    [size] = re.findall(r"client_max_body_size (\d+)m;", site)
    assert int(size) == Config.MAX_CONTENT_LENGTH // (1024 * 1024) + 1
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site
    assert "alias /opt/tracker/tracker/static/;" in site
