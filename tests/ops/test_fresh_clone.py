"""A fresh clone installed the plain way (no build step: the .mo files are not in git) speaks
Vietnamese under gunicorn in production."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.ops.conftest import GOOD_PRODUCTION, ROOT, clean_env, run
from tests.reminders.conftest import free_port


def fresh_copy(target: Path) -> Path:
    """What `git clone` of this tree gives: tracked and new files, nothing git ignores."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def wait_for(url: str, process: subprocess.Popen) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise AssertionError(process.stderr.read())
        try:
            urllib.request.urlopen(url, timeout=2).close()  # noqa: S310 - loopback URL
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} never answered")


@pytest.mark.slow
def test_a_fresh_clone_speaks_vietnamese_under_gunicorn(tmp_path):
    clone = fresh_copy(tmp_path / "clone")
    assert not list(clone.glob("tracker/translations/*/LC_MESSAGES/*.mo"))
    env = clean_env(tmp_path, **GOOD_PRODUCTION, UPLOAD_DIR=str(tmp_path / "uploads"))
    migrated = run(["flask", "db", "upgrade"], env, cwd=clone)
    assert migrated.returncode == 0, migrated.stderr
    port = free_port()
    gunicorn = ["gunicorn", "--preload", "--workers", "2", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [sys.executable, "-m", *gunicorn, "wsgi:app"],
        cwd=clone,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", server)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/login") as response:
            page = response.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "Đăng nhập" in page
    assert "Log in" not in page
    assert list(clone.glob("tracker/translations/vi/LC_MESSAGES/messages.mo"))
