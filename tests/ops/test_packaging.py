"""Packaging: the lock pins every direct requirement at the same version with hashes, the
project builds a wheel, the licence is Apache-2.0."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest

from tests.ops.conftest import ROOT
from tests.ops.test_fresh_clone import fresh_copy

PIN = re.compile(r"^([A-Za-z0-9_.\[\]-]+)==([^\s\\]+)", re.MULTILINE)


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", requirement.split("[")[0]).lower()


def pins(path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    return {_name(name): version for name, version in PIN.findall(text)}


def test_the_lock_pins_every_requirement_at_the_same_version():
    direct, locked = pins(ROOT / "requirements.txt"), pins(ROOT / "requirements.lock")
    differing = {name: (v, locked.get(name)) for name, v in direct.items() if locked.get(name) != v}
    assert differing == {}, "requirements.lock is stale: run ./scripts/lock"


def test_every_locked_package_has_a_hash():
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in lines if line.strip() and not line.lstrip().startswith("#"))
    entries = re.split(r"\n(?=[a-z0-9])", text)
    assert len(entries) >= len(pins(ROOT / "requirements.txt"))
    assert [e.split()[0] for e in entries if "--hash=sha256:" not in e] == []


def test_metadata():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11"
    assert "Apache License" in (ROOT / "LICENSE").read_text(encoding="utf-8")[:200]


@pytest.mark.slow
def test_pip_wheel_builds(tmp_path):
    """On a copy of the tree, as a clone would be (the build writes beside the sources)."""
    source = fresh_copy(tmp_path / "clone")
    pip_wheel = ("pip", "wheel", "--no-deps", "--no-build-isolation", "-q")
    result = subprocess.run(
        [sys.executable, "-m", *pip_wheel, "--wheel-dir", str(tmp_path), str(source)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    [wheel] = tmp_path.glob("tracker-*.whl")
    from zipfile import ZipFile

    names = set(ZipFile(wheel).namelist())
    assert {"config.py", "wsgi.py", "tracker/__init__.py", "tracker/templates/base.html"} <= names
    assert "tracker/translations/vi/LC_MESSAGES/messages.po" in names
