"""Links to the task list, filtered the way a figure was counted."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from flask import g, url_for
from werkzeug.routing import BuildError


def _base() -> str:
    if "task_list_base" not in g:  # once per request: tables hold thousands of these links
        try:
            g.task_list_base = url_for("tasks.index")
        except BuildError:  # the task list is another area; link to its address all the same
            g.task_list_base = "/tasks"
    return g.task_list_base


def task_list_url(**params) -> str:
    """/tasks with the given filters (status=, agency=, document=, deadline_from=, ...)."""
    query = {
        key: value.isoformat() if isinstance(value, date) else value
        for key, value in params.items()
        if value is not None
    }
    return f"{_base()}?{urlencode(query)}" if query else _base()
