"""Calendar feeds: the page that makes and revokes them, and the public .ics address."""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.domain.agency_tree import agency_names
from tracker.domain.errors import DomainError
from tracker.domain.reports import feeds
from tracker.extensions import db
from tracker.web.access import current_actor, visible_agency_or_404
from tracker.web.clock import request_now
from tracker.web.forms import saving
from tracker.web.hardening import absolute_url
from tracker.web.reports.blueprint import bp
from tracker.web.reports.forms import FeedForm, RevokeForm

ALL_AGENCIES = 0


def _feed_form() -> FeedForm:
    actor = current_actor()
    form = FeedForm()
    everything = [(ALL_AGENCIES, _("Every agency"))] if actor.can_read_all() else []
    form.agency.choices = everything + agency_names(actor, active_only=True)
    return form


@bp.route("/reports/calendars", methods=["GET", "POST"])
@login_required
def calendars():
    form, new_url = _feed_form(), None
    if form.validate_on_submit():
        agency = visible_agency_or_404(form.agency.data) if form.agency.data else None
        with saving(form) as saved:
            _feed, secret = feeds.create_feed(
                current_actor(), agency, request_now(), current_user._get_current_object()
            )
        if saved:
            new_url = absolute_url("reports.calendar_feed", secret=secret)
            flash(_("Calendar created. Copy its address now: it is shown only once."), "success")
    return render_template(
        "reports/calendars.html",
        form=form,
        new_url=new_url,
        feeds=feeds.visible_feeds(current_actor()),
        revoke_form=RevokeForm(formdata=None),
    )


@bp.post("/reports/calendars/<int:feed_id>/revoke")
@login_required
def revoke_calendar(feed_id: int):
    if not RevokeForm().validate_on_submit():
        abort(400)
    try:
        feeds.revoke_feed(current_actor(), feed_id, request_now())
    except DomainError:
        abort(404)
    db.session.commit()
    flash(_("The calendar address no longer works."), "success")
    return redirect(url_for("reports.calendars"))


@bp.get("/calendar/<secret>.ics")
def calendar_feed(secret: str):
    feed = feeds.feed_for_secret(secret)
    if feed is None:
        abort(404)
    body = feeds.feed_calendar(feed, current_app.config["BASE_URL"])
    response = Response(body, mimetype="text/calendar")
    response.headers["Cache-Control"] = "private, max-age=300"
    return response
