"""The standing office's task pages: create, edit, assign agencies, change the deadline."""

from __future__ import annotations

from flask import render_template, request, url_for
from flask_babel import gettext as _

from tracker.domain.agencies import agencies_at_level
from tracker.domain.agency_tree import agencies_by_id, agency_tree
from tracker.domain.reachability import unreachable_named
from tracker.domain.states import AssignmentRole, Priority, Recurrence
from tracker.domain.work import assignment as assigning
from tracker.domain.work import tasks as task_rules
from tracker.extensions import db
from tracker.models import Document, Task
from tracker.web.access import OFFICE_ROLES, current_actor, roles_required
from tracker.web.clock import request_now
from tracker.web.forms import done, options, saving
from tracker.web.reach import warn_unreachable
from tracker.web.tasks.blueprint import bp
from tracker.web.tasks.forms import AssignForm, TaskDeadlineForm, TaskEditForm, TaskForm


@bp.route("/tasks/new", methods=["GET", "POST"])
@roles_required(*OFFICE_ROLES)
def create():
    document_id = request.args.get("document_id", type=int)
    document = db.get_or_404(Document, document_id) if document_id else None
    form = TaskForm()
    if form.validate_on_submit():
        with saving(form) as saved:
            task = task_rules.create_task(
                current_actor(),
                request_now(),
                text=form.text.data,
                title=form.title.data,
                document=document,
                deadline=None if form.ongoing.data else form.deadline.data,
                recurrence=Recurrence(form.recurrence.data),
                priority=Priority(form.priority.data),
            )
        if saved:
            message = _("The task has been created. Now assign it to agencies.")
            return done(message, url_for("tasks.assign", task_id=task.id))
    return render_template("tasks/form.html", form=form, document=document, task=None)


@bp.route("/tasks/<int:task_id>/edit", methods=["GET", "POST"])
@roles_required(*OFFICE_ROLES)
def edit(task_id: int):
    task = db.get_or_404(Task, task_id)
    form = TaskEditForm(obj=task)
    if request.method == "GET":
        form.recurrence.data, form.priority.data = task.recurrence.value, task.priority.value
    if form.validate_on_submit():
        with saving(form) as saved:
            task_rules.update_task(
                task,
                current_actor(),
                request_now(),
                title=form.title.data.strip(),
                text=form.text.data.strip(),
                recurrence=Recurrence(form.recurrence.data),
                priority=Priority(form.priority.data),
            )
        if saved:
            return done(_("The task has been saved."), url_for("tasks.show", task_id=task.id))
    return render_template("tasks/form.html", form=form, document=task.document, task=task)


@bp.route("/tasks/<int:task_id>/assign", methods=["GET", "POST"])
@roles_required(*OFFICE_ROLES)
def assign(task_id: int):
    task = db.get_or_404(Task, task_id)
    form = AssignForm()
    form.agencies.choices = options(agency_tree())
    if form.validate_on_submit():
        chosen = agencies_by_id(form.agencies.data or [])
        if form.chosen_level():
            chosen += agencies_at_level(form.chosen_level())
        with saving(form) as saved:
            created = assigning.assign(
                task,
                chosen,
                AssignmentRole(form.role.data),
                current_actor(),
                request_now(),
                deadline=form.deadline.data,
            )
        if saved:
            message = _("Assigned to %(n)s agencies.", n=len(created))
            warn_unreachable(a.agency_id for a in created)
            return done(message, url_for("tasks.show", task_id=task.id))
    unreachable = unreachable_named()
    return render_template("tasks/assign.html", form=form, task=task, unreachable=unreachable)


@bp.route("/tasks/<int:task_id>/deadline", methods=["GET", "POST"])
@roles_required(*OFFICE_ROLES)
def change_deadline(task_id: int):
    task = db.get_or_404(Task, task_id)
    form = TaskDeadlineForm()
    if request.method == "GET":
        form.deadline.data, form.ongoing.data = task.deadline, task.deadline is None
    if form.validate_on_submit():
        new = None if form.ongoing.data else form.deadline.data
        with saving(form) as saved:
            moved = assigning.change_task_deadline(
                task, current_actor(), new, form.reason.data, request_now()
            )
        if saved:
            message = _("Deadline changed; %(n)s assignments followed it.", n=len(moved))
            return done(message, url_for("tasks.show", task_id=task.id))
    return render_template("tasks/deadline.html", form=form, task=task)
