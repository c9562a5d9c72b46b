"""Tasks: the searchable list everyone uses, and each task's page."""

from __future__ import annotations

from flask import render_template, request
from flask_login import login_required

from tracker.domain.history import history_for
from tracker.domain.states import AssignmentRole, TimeStatus
from tracker.domain.status import classify
from tracker.domain.work.pages import task_filter_choices, visible_assignments
from tracker.domain.work.progress import summarise
from tracker.domain.work.task_queries import TaskFilters, task_page
from tracker.web.access import current_actor, visible_task_or_404
from tracker.web.clock import policy, request_now
from tracker.web.forms import options
from tracker.web.tasks.blueprint import bp
from tracker.web.tasks.forms import TaskFilterForm

PER_PAGE = 25


def _filter_choices(form: TaskFilterForm) -> None:
    agencies, documents = task_filter_choices(current_actor())
    form.agency.choices = options([("", "—"), *agencies])
    form.document.choices = options([("", "—"), *documents])


def _filters(form: TaskFilterForm) -> TaskFilters:
    def number(value):
        return int(value) if value and value.isdigit() else None

    return TaskFilters(
        q=(form.q.data or "").strip(),
        status=TimeStatus(form.status.data) if form.status.data else None,
        agency_id=number(form.agency.data),
        document_id=number(form.document.data),
        role=AssignmentRole(form.role.data) if form.role.data else None,
        deadline_from=form.deadline_from.data,
        deadline_to=form.deadline_to.data,
    )


@bp.get("/tasks")
@login_required
def index():
    form = TaskFilterForm(request.args, meta={"csrf": False})
    _filter_choices(form)
    valid = form.validate()
    filters = _filters(form) if valid else TaskFilters()
    now, rules = request_now(), policy()
    number = max(request.args.get("page", 1, type=int), 1)
    actor, today = current_actor(), rules.today(now)
    page = task_page(
        filters, actor, today, rules.due_soon_days, number, PER_PAGE, with_documents=True
    )
    summaries = [summarise(task, now, rules) for task in page.items]
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("tasks/index.html", form=form, page=page, summaries=summaries, args=args)


@bp.get("/tasks/<int:task_id>")
@login_required
def show(task_id: int):
    task = visible_task_or_404(task_id)
    actor = current_actor()
    now, rules = request_now(), policy()
    assignments = visible_assignments(actor, task.assignments)
    rows = [(a, classify(a, now, rules)) for a in assignments]
    events = history_for(("task", [task.id]), ("assignment", [a.id for a in assignments]))
    return render_template(
        "tasks/show.html",
        task=task,
        summary=summarise(task, now, rules),
        rows=rows,
        events=events,
    )
