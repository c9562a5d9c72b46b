"""The agency registry: list, create, edit, and import from CSV with a preview."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from tracker.domain import agencies as registry
from tracker.domain.agency_tree import agency_directory, agency_tree
from tracker.domain.errors import DomainError
from tracker.domain.history import history_for
from tracker.domain.permissions import READ_ALL_ROLES
from tracker.domain.reachability import unreachable_agencies
from tracker.domain.states import AgencyLevel
from tracker.extensions import db
from tracker.models import Agency
from tracker.web.access import OFFICE_ROLES, current_actor, roles_required
from tracker.web.agencies.forms import AgencyForm, ImportConfirmForm, ImportForm, lines
from tracker.web.clock import request_now
from tracker.web.forms import done, options, saving, show_domain_error

bp = Blueprint("agencies", __name__, template_folder="templates")
_ALIASES = {"email": "emails", "aliases": "aliases", "parent": "parent"}


@bp.get("/agencies")
@roles_required(*READ_ALL_ROLES)
def index():
    tree, inactive = agency_directory()
    unreachable = unreachable_agencies()
    only_unreachable = request.args.get("reach") == "unreachable"
    if only_unreachable:
        tree = [(a, label) for a, label in tree if a.id in unreachable]
    return render_template(
        "agencies/index.html",
        tree=tree,
        inactive=inactive,
        unreachable=unreachable,
        only_unreachable=only_unreachable,
    )


@bp.get("/agencies/<int:agency_id>")
@roles_required(*READ_ALL_ROLES)
def show(agency_id: int):
    agency = db.get_or_404(Agency, agency_id)
    events = history_for(("agency", [agency.id]))
    return render_template("agencies/show.html", agency=agency, events=events)


def _form(agency: Agency | None) -> AgencyForm:
    form = AgencyForm()  # not obj=: the relationships are not the fields' plain values
    exclude = {agency.id} if agency else set()
    form.parent.choices = options(
        [("", "—"), *[(i, label) for i, label in agency_tree() if i not in exclude]]
    )
    if agency and request.method == "GET":
        form.name.data, form.active.data = agency.name, agency.active
        form.level.data = agency.level.value
        form.parent.data = str(agency.parent_id or "")
        form.aliases.data = "\n".join(a.alias for a in agency.aliases)
        form.emails.data = "\n".join(c.email for c in agency.contacts)
    return form


def _save(form: AgencyForm, agency: Agency | None) -> Agency:
    parent_id = form.parent.data or ""
    parent = db.session.get(Agency, int(parent_id)) if parent_id.isdigit() else None
    values = {
        "name": form.name.data,
        "level": AgencyLevel(form.level.data),
        "parent": parent,
        "aliases": [a.strip() for a in (form.aliases.data or "").splitlines() if a.strip()],
        "emails": lines(form.emails.data),
    }
    actor, now = current_actor(), request_now()
    if agency is None:
        return registry.create_agency(actor, now, code=form.code.data, **values)
    registry.update_agency(agency, actor, now, active=form.active.data, **values)
    return agency


@bp.route("/agencies/new", methods=["GET", "POST"])
@bp.route("/agencies/<int:agency_id>/edit", methods=["GET", "POST"])
@roles_required(*OFFICE_ROLES)
def edit(agency_id: int | None = None):
    agency = db.get_or_404(Agency, agency_id) if agency_id else None
    form = _form(agency)
    if agency:
        form.code.data = agency.code  # the code is stable once given
    if form.validate_on_submit():
        with saving(form, _ALIASES) as saved:
            agency = _save(form, agency)
        if saved:
            message = _("The agency has been saved.")
            return done(message, url_for("agencies.show", agency_id=agency.id))
    return render_template("agencies/form.html", form=form, agency=agency)


@bp.route("/agencies/import", methods=["GET", "POST"])
@roles_required(*OFFICE_ROLES)
def import_csv():
    form = ImportForm()
    if form.validate_on_submit():
        data = form.file.data.read(2 * 1024 * 1024 + 1)
        try:
            rows = registry.parse_agency_csv(data)
            text = data.decode("utf-8-sig")
        except DomainError as error:
            show_domain_error(form, error)
        else:
            confirm = ImportConfirmForm(formdata=None, csv_text=text)
            return render_template("agencies/preview.html", rows=rows, confirm=confirm)
    return render_template("agencies/import.html", form=form)


@bp.post("/agencies/import/confirm")
@roles_required(*OFFICE_ROLES)
def import_confirm():
    form = ImportConfirmForm()
    if not form.validate_on_submit():
        return redirect(url_for("agencies.import_csv"))
    try:
        rows = registry.parse_agency_csv(form.csv_text.data)
        created, updated = registry.import_agencies(rows, current_actor(), request_now())
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(url_for("agencies.import_csv"))
    db.session.commit()
    flash(_("Agencies: %(c)s created, %(u)s updated.", c=created, u=updated), "success")
    return redirect(url_for("agencies.index"))
