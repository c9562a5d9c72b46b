"""The JSON API (/api/v1): personal tokens, the same rules and permissions as the web."""
