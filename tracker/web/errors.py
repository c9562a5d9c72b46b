"""Error pages in the user's language (JSON under /api)."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l

MESSAGES = {
    400: _l("The request could not be understood."),
    403: _l("You do not have access to this page."),
    404: _l("This page does not exist, or you do not have access to it."),
    405: _l("This action is not allowed here."),
    413: _l("The file is too large."),
    429: _l("Too many attempts. Try again later."),
    500: _l("Something went wrong on our side. The error has been logged."),
}


def register_error_pages(app: Flask) -> None:
    """Render friendly pages for the HTTP errors users can meet."""

    def handle(error):
        code = getattr(error, "code", 500) or 500
        message = str(MESSAGES.get(code, MESSAGES[500]))
        if request.path.startswith("/api/"):
            return {"error": {"code": f"http_{code}", "message": message}}, code
        return render_template("error.html", code=code, message=message), code

    for code in MESSAGES:
        app.register_error_handler(code, handle)
