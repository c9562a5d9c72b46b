"""The front page and the health check."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template

from tracker.extensions import db

bp = Blueprint("main", __name__, template_folder="templates")


@bp.get("/healthz")
def healthz():
    db.session.execute(sa.text("SELECT 1"))
    return {"status": "ok"}


@bp.get("/")
def index():
    return render_template("main/index.html")
