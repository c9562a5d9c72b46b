"""Every setting config.py reads is listed in deploy/tracker.env.example and in the README's
configuration table, and nothing listed there is unknown to the code."""

from __future__ import annotations

import ast
import re

from tests.ops.conftest import ROOT

#: the helpers of config.py whose first argument is the name of an environment variable
READERS = {"get", "_env_int", "_env_float", "_env_bool", "_env_int_list", "_dev_default"}


def settings_read_by_config() -> set[str]:
    tree = ast.parse((ROOT / "config.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        first = node.args[0]
        if name in READERS and isinstance(first, ast.Constant) and isinstance(first.value, str):
            names.add(first.value)
    names |= set(ast.literal_eval(_assigned(tree, "DEVELOPMENT_DEFAULTS")))
    return {name for name in names if name.isupper()}


def _assigned(tree: ast.Module, target: str) -> ast.expr:
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(getattr(t, "id", None) == target for t in targets):
                return node.value
    raise AssertionError(f"{target} not found in config.py")


def in_example() -> set[str]:
    text = (ROOT / "deploy" / "tracker.env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))


def in_readme_table() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])}


def test_the_reader_finds_the_settings():
    read = settings_read_by_config()
    assert {"SECRET_KEY", "DUE_SOON_DAYS", "MAIL_USE_TLS", "BASE_URL", "TRUSTED_PROXIES"} <= read


def test_every_setting_is_in_the_environment_example():
    assert settings_read_by_config() - in_example() == set()


def test_every_setting_is_in_the_readme_table():
    assert settings_read_by_config() - in_readme_table() == set()


def test_nothing_documented_is_unknown_to_the_code():
    read = settings_read_by_config()
    assert in_example() - read == set()
    assert in_readme_table() - read == set()
