"""Assignments: the page, what agencies report, and the office's decisions and moves.

The blueprint is in blueprint.py; each route module imports it and attaches its routes, and is
imported here so that registering `bp` registers them all.
"""

from tracker.web.assignments import decisions, lifecycle, views
from tracker.web.assignments.blueprint import bp

__all__ = ["bp", "decisions", "lifecycle", "views"]
