"""Tasks: the searchable list, each task's page, and the office's pages to manage them.

The blueprint is in blueprint.py; each route module imports it and attaches its routes, and is
imported here so that registering `bp` registers them all.
"""

from tracker.web.tasks import manage, views
from tracker.web.tasks.blueprint import bp

__all__ = ["bp", "manage", "views"]
