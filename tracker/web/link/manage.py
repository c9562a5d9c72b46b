"""The agency's e-mail links: the office and the agency's own officers see the live ones and
revoke one or all (a forwarded mail stops working at once)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from tracker.domain.accounts.links import active_links, revoke_agency_links
from tracker.domain.errors import DomainError
from tracker.extensions import db
from tracker.models import Agency
from tracker.web.access import current_actor
from tracker.web.clock import request_now
from tracker.web.link.forms import RevokeLinksForm
from tracker.web.link.views import bp


@bp.get("/agency/<int:agency_id>")
@login_required
def agency_links(agency_id: int):
    agency = db.get_or_404(Agency, agency_id)
    try:
        links = active_links(current_actor(), agency.id, request_now())
    except DomainError:
        abort(404)
    return render_template(
        "link/manage.html", agency=agency, links=links, form=RevokeLinksForm(formdata=None)
    )


@bp.post("/agency/<int:agency_id>/revoke", defaults={"link_id": None})
@bp.post("/agency/<int:agency_id>/revoke/<int:link_id>")
@login_required
def revoke_links(agency_id: int, link_id: int | None):
    if not RevokeLinksForm().validate_on_submit():
        abort(400)
    try:
        count = revoke_agency_links(current_actor(), agency_id, request_now(), link_id)
    except DomainError:
        abort(404)
    db.session.commit()
    flash(_("%(n)s links revoked: they no longer open anything.", n=count), "success")
    return redirect(url_for("link.agency_links", agency_id=agency_id))
