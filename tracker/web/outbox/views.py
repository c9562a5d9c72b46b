"""The outbox: search mails, see one as sent, resend a failed one, preview a digest."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tracker.extensions import db
from tracker.models import Agency, Notification, NotificationStatus
from tracker.reminders.outbox import resend
from tracker.reminders.planning import preview_digest
from tracker.reminders.settings import ReminderSettings
from tracker.web.access import OFFICE_ROLES, roles_required
from tracker.web.clock import request_now

bp = Blueprint("outbox", __name__, url_prefix="/outbox", template_folder="templates")


PAGE_SIZE = 50

#: what each kind of mail is, for the people reading the outbox
KIND_LABELS = {
    "digest": _l("Weekly digest"),
    "reminder": _l("Deadline reminder"),
    "overdue": _l("Deadline passed"),
    "escalation": _l("Escalation"),
    "summary": _l("Standing office summary"),
    "assignment_created": _l("New assignment"),
    "assignment_returned": _l("Returned for rework"),
    "deadline_changed": _l("Deadline changed"),
    "extension_approved": _l("Extension approved"),
    "extension_rejected": _l("Extension rejected"),
    "password_reset": _l("Password reset"),
}
STATUS_LABELS = {
    NotificationStatus.PENDING: _l("Waiting to be sent"),
    NotificationStatus.SENT: _l("Sent"),
    NotificationStatus.FAILED: _l("Failed"),
    NotificationStatus.HELD: _l("Not sent: no mail server configured"),
}


@bp.context_processor
def _labels():
    return {"kind_labels": KIND_LABELS, "status_labels": STATUS_LABELS}


def search_outbox(text: str, status: str | None, page: int):
    """Mails matching `text` (subject, recipients, key) and `status`, newest first."""
    query = sa.select(Notification).order_by(Notification.id.desc())
    if status in {s.value for s in NotificationStatus}:
        query = query.where(Notification.status == NotificationStatus(status))
    if text:
        pattern = f"%{text.strip()}%"
        query = query.where(
            sa.or_(
                Notification.subject.ilike(pattern),
                Notification.dedup_key.ilike(pattern),
                sa.cast(Notification.to_addrs, sa.String).ilike(pattern),
            )
        )
    return db.paginate(query, page=page, per_page=PAGE_SIZE, error_out=False)


@bp.get("/")
@roles_required(*OFFICE_ROLES)
def index():
    text, status = request.args.get("q", ""), request.args.get("status") or None
    page = search_outbox(text, status, request.args.get("page", 1, type=int))
    agencies = db.session.scalars(sa.select(Agency).where(Agency.active).order_by(Agency.name))
    return render_template(
        "outbox/index.html",
        page=page,
        q=text,
        status=status,
        statuses=NotificationStatus,
        agencies=list(agencies),
        mail_configured=bool(current_app.config.get("MAIL_SERVER")),
    )


@bp.get("/<int:notification_id>")
@roles_required(*OFFICE_ROLES)
def show(notification_id: int):
    row = db.get_or_404(Notification, notification_id)
    return render_template("outbox/show.html", row=row, statuses=NotificationStatus)


@bp.post("/<int:notification_id>/resend")
@roles_required(*OFFICE_ROLES)
def resend_one(notification_id: int):
    row = db.get_or_404(Notification, notification_id)
    if resend(row, request_now()):
        db.session.commit()
        flash(_("The message is queued to be sent again."), "success")
    else:
        flash(_("Only a failed or held message can be sent again."), "error")
    return redirect(url_for("outbox.show", notification_id=row.id))


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
