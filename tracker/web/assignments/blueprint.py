"""The assignments area's blueprint; views.py, decisions.py and lifecycle.py attach to it."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("assignments", __name__, template_folder="templates")
