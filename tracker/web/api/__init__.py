"""The JSON API (/api/v1): personal tokens, the same rules and permissions as the web.

The blueprint is in blueprint.py; each route module imports it and attaches its routes, and is
imported here so that registering `bp` registers them all.
"""

from tracker.web.api import routes_imports, routes_read, routes_write, views
from tracker.web.api.blueprint import bp

__all__ = ["bp", "routes_imports", "routes_read", "routes_write", "views"]
