"""Reports (per notice, agency scoreboard), their downloads, calendar feeds and API tokens.

The blueprint is in blueprint.py; each route module imports it and attaches its routes, and is
imported here so that registering `bp` registers them all.
"""

from tracker.web.reports import (
    calendar_views,
    notice_views,
    official_views,
    scoreboard_views,
    token_views,
    views,
)
from tracker.web.reports.blueprint import bp

__all__ = [
    "bp",
    "calendar_views",
    "notice_views",
    "official_views",
    "scoreboard_views",
    "token_views",
    "views",
]
