"""The web interface: one blueprint per area, each registered here by name.

An area of one module keeps its blueprint `bp` in views.py. An area of several modules (tasks,
assignments, reports, api) keeps it in blueprint.py; its route modules import it, and its
package imports them, so `tracker.web.<area>.bp` carries every route of the area.
"""

from __future__ import annotations

from flask import Flask


def register_web(app: Flask) -> None:
    """Log-in, the label tables, and every area's blueprint."""
    from tracker.web import api, assignments, reports, tasks
    from tracker.web.agencies import views as agencies
    from tracker.web.auth import views as auth
    from tracker.web.auth.session import init_login
    from tracker.web.dashboard import views as dashboard
    from tracker.web.documents import views as documents
    from tracker.web.imports import views as imports
    from tracker.web.labels import register_labels
    from tracker.web.link import views as link
    from tracker.web.main import views as main
    from tracker.web.mytasks import views as mytasks
    from tracker.web.outbox import views as outbox
    from tracker.web.review import views as review
    from tracker.web.users import views as users

    init_login(app)
    register_labels(app)
    for area in (
        main, auth, documents, tasks, assignments, mytasks, review, agencies, users,
        imports, dashboard, reports, outbox, link, api,
    ):  # fmt: skip
        app.register_blueprint(area.bp)
