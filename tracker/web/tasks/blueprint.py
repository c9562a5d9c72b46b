"""The tasks area's blueprint; views.py (list and page) and manage.py attach to it."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("tasks", __name__, template_folder="templates")
