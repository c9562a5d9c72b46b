"""The outbox: search mails, see one as sent, resend a failed one, preview a digest."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.domain.agency_tree import active_agencies
from tracker.domain.states import NotificationStatus, Role
from tracker.extensions import db
from tracker.models import Agency
from tracker.reminders.links import redacted
from tracker.reminders.outbox import REQUEUEABLE, requeue, resend
from tracker.reminders.outbox_reads import scheduler_state, search_outbox, visible_mail
from tracker.reminders.planning import preview_digest
from tracker.reminders.settings import ReminderSettings
from tracker.web.access import OFFICE_ROLES, roles_required
from tracker.web.clock import request_now

bp = Blueprint("outbox", __name__, url_prefix="/outbox", template_folder="templates")


def _admin() -> bool:
    return current_user.role == Role.ADMIN


def _visible_or_404(notification_id: int):
    row = visible_mail(notification_id, admin=_admin())
    if row is None:
        abort(404)
    return row


@bp.get("/")
@roles_required(*OFFICE_ROLES)
def index():
    text, status = request.args.get("q", ""), request.args.get("status") or None
    page = search_outbox(text, status, request.args.get("page", 1, type=int), admin=_admin())
    return render_template(
        "outbox/index.html",
        page=page,
        q=text,
        status=status,
        statuses=NotificationStatus,
        agencies=active_agencies(),
        mail_configured=bool(current_app.config.get("MAIL_SERVER")),
        scheduler=scheduler_state(),
        now=request_now(),
        requeueable=[s.value for s in REQUEUEABLE],
    )


@bp.get("/<int:notification_id>")
@roles_required(*OFFICE_ROLES)
def show(notification_id: int):
    row = _visible_or_404(notification_id)
    label = _("[link made when the mail is sent]")
    return render_template(
        "outbox/show.html",
        row=row,
        statuses=NotificationStatus,
        body_text=redacted(row.body_text, label),
        body_html=redacted(row.body_html, label),
    )


@bp.post("/<int:notification_id>/resend")
@roles_required(*OFFICE_ROLES)
def resend_one(notification_id: int):
    row = _visible_or_404(notification_id)
    if resend(row, request_now()):
        db.session.commit()
        flash(_("The message is queued to be sent again."), "success")
    else:
        flash(_("Only a failed or held message can be sent again."), "error")
    return redirect(url_for("outbox.show", notification_id=row.id))


@bp.post("/requeue")
@roles_required(*OFFICE_ROLES)
def requeue_all():
    """Every failed (or held, or dropped) mail back in the queue at once."""
    status = request.form.get("status", "")
    if status not in {s.value for s in REQUEUEABLE}:
        abort(400)
    count = requeue(request_now(), [status], with_accounts=_admin())
    db.session.commit()
    flash(_("%(n)s messages are queued to be sent again.", n=count), "success")
    return redirect(url_for("outbox.index", status=status))


@bp.get("/preview")
@roles_required(*OFFICE_ROLES)
def preview_choice():
    """The agency picked in the outbox's preview form."""
    agency_id = request.args.get("agency_id", type=int)
    if agency_id is None:
        abort(404)
    return redirect(url_for("outbox.preview", agency_id=agency_id))


@bp.get("/preview/<int:agency_id>")
@roles_required(*OFFICE_ROLES)
def preview(agency_id: int):
    agency = db.get_or_404(Agency, agency_id)
    settings = ReminderSettings.from_config(current_app.config)
    built = preview_digest(agency.id, request_now(), settings)
    if built is None and request.args.get("strict"):
        abort(404)
    return render_template("outbox/preview.html", agency=agency, built=built)
