"""The web layer reads through the domain: no module under tracker/web/ builds queries.

No module there imports SQLAlchemy, and a model imported from tracker.models may only be named
in a primary-key lookup (`db.get_or_404(Model, id)`, `get_or_404(Model, id)`) or an annotation.
Lists, filters and who-sees-what live in tracker/domain (and tracker/reminders for the outbox).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[2] / "tracker" / "web"

#: modules allowed to import SQLAlchemy, each with its reason (none needs it today)
SQLALCHEMY_ALLOWED: dict[str, str] = {}
LOOKUPS = {"get_or_404", "get"}


def _modules():
    return sorted(p for p in WEB.rglob("*.py"))


def _annotation_nodes(tree: ast.AST) -> set[int]:
    inside = set()
    for node in ast.walk(tree):
        annotations = []
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = node.args.args + node.args.kwonlyargs + node.args.posonlyargs
            annotations = [a.annotation for a in arguments] + [node.returns]
        elif isinstance(node, ast.AnnAssign):
            annotations = [node.annotation]
        for annotation in filter(None, annotations):
            inside.update(id(n) for n in ast.walk(annotation))
    return inside


def _lookup_arguments(tree: ast.AST) -> set[int]:
    allowed = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in LOOKUPS:
                allowed.add(id(node.args[0]))
    return allowed


def _problems(source: str, name: str) -> list[str]:
    tree = ast.parse(source)
    problems, models = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            modules = [node.module or ""]
            if node.module == "tracker.models" or (node.module or "").startswith("tracker.models."):
                models.update(alias.asname or alias.name for alias in node.names)
        else:
            continue
        if any(m.split(".")[0] == "sqlalchemy" for m in modules) and name not in SQLALCHEMY_ALLOWED:
            problems.append(f"{name}:{node.lineno} imports SQLAlchemy")
    allowed = _annotation_nodes(tree) | _lookup_arguments(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in models and id(node) not in allowed:
            problems.append(f"{name}:{node.lineno} uses the model {node.id} beyond a lookup by id")
    return problems


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(WEB).as_posix())
def test_web_modules_read_through_the_domain(path):
    assert _problems(path.read_text(encoding="utf-8"), path.relative_to(WEB).as_posix()) == []


def test_the_check_finds_a_query_in_a_view():
    source = (
        "import sqlalchemy as sa\n"
        "from tracker.models import Task\n"
        "def f(task_id: int) -> Task:\n"
        "    sa.select(Task).where(Task.id == task_id)\n"
        "    return db.get_or_404(Task, task_id)\n"
    )
    assert _problems(source, "_layering_probe.py") == [
        "_layering_probe.py:1 imports SQLAlchemy",
        "_layering_probe.py:4 uses the model Task beyond a lookup by id",
        "_layering_probe.py:4 uses the model Task beyond a lookup by id",
    ]
