"""The reports area's blueprint; the route modules attach to it."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("reports", __name__, template_folder="templates")
