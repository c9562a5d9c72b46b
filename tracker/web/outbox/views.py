"""The outbox: search mails, see one as sent, resend a failed one, preview a digest."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from tracker.extensions import db
from tracker.models import Agency, Notification, NotificationStatus
from tracker.reminders.outbox import resend
from tracker.reminders.planning import preview_digest
from tracker.reminders.settings import ReminderSettings
from tracker.web.access import OFFICE_ROLES, roles_required
from tracker.web.clock import request_now

bp = Blueprint("outbox", __name__, url_prefix="/outbox", template_folder="templates")


@bp.context_processor
def _locale_helper():
    # base.html calls get_locale(); no app-wide global provides it yet (reported to web)
    return {"get_locale": get_locale}


PAGE_SIZE = 50


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


@bp.get("/preview/<int:agency_id>")
@roles_required(*OFFICE_ROLES)
def preview(agency_id: int):
    agency = db.get_or_404(Agency, agency_id)
    settings = ReminderSettings.from_config(current_app.config)
    built = preview_digest(agency.id, request_now(), settings)
    if built is None and request.args.get("strict"):
        abort(404)
    return render_template("outbox/preview.html", agency=agency, built=built)
