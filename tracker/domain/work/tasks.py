"""Creating and editing tasks (directives) and documents (notices)."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from tracker.domain import audit
from tracker.domain.clock import require_aware
from tracker.domain.errors import InvalidInput
from tracker.domain.notices.duplicates import number_key, text_key
from tracker.domain.permissions import Actor, require_office
from tracker.domain.states import DocumentKind, Priority, Recurrence
from tracker.domain.text import fold
from tracker.extensions import db
from tracker.models import Document, Task

TITLE_LENGTH = 500


def search_text(title: str, text: str) -> str:
    """What task search matches against: title and text, folded ("tuyen truyen")."""
    return fold(f"{title}\n{text}")


def title_from_text(text: str, limit: int = 160) -> str:
    """A short title from a directive's text: its first sentence, cut at a word."""
    first = text.strip().split("\n")[0]
    for stop in (". ", "; ", ": "):
        if stop in first[: limit + 1]:
            first = first.split(stop)[0]
            break
    if len(first) <= limit:
        return first.rstrip(".;: ")
    return first[:limit].rsplit(" ", 1)[0].rstrip(",.;: ") + "…"


def create_document(
    actor: Actor,
    now: datetime,
    *,
    number: str,
    kind: DocumentKind,
    issuer: str,
    issued_on: date | None,
    title: str,
    full_text: str = "",
    import_key: str | None = None,
) -> Document:
    """The office records a notice."""
    require_aware(now)
    require_office(actor)
    if not (number or "").strip():
        raise InvalidInput(_l("Enter the document number."), field="number")
    if not (title or "").strip():
        raise InvalidInput(_l("Enter the title."), field="title")
    document = Document(
        number=number.strip(),
        kind=DocumentKind(kind),
        issuer=(issuer or "").strip(),
        issued_on=issued_on,
        title=title.strip(),
        full_text=full_text or "",
        import_key=import_key,
        number_key=number_key(number),
        text_key=text_key(full_text),
        created_by_id=actor.user_id,
        created_at=now,
    )
    db.session.add(document)
    audit.record(actor, "document.create", document, now, {"number": (None, document.number)})
    return document


def update_document(document: Document, actor: Actor, now: datetime, **values) -> dict:
    """The office edits a notice's header; returns the changed fields."""
    require_office(actor)
    if "number" in values and not (values["number"] or "").strip():
        raise InvalidInput(_l("Enter the document number."), field="number")
    if "title" in values and not (values["title"] or "").strip():
        raise InvalidInput(_l("Enter the title."), field="title")
    changes = audit.set_fields(document, values)
    if changes:
        document.number_key = number_key(document.number)
        audit.record(actor, "document.update", document, now, changes)
    return changes


def create_task(
    actor: Actor,
    now: datetime,
    *,
    text: str,
    title: str | None = None,
    document: Document | None = None,
    ordinal: int | None = None,
    deadline: date | None = None,
    recurrence: Recurrence = Recurrence.NONE,
    priority: Priority = Priority.NORMAL,
) -> Task:
    """The office records one directive as a task."""
    require_aware(now)
    require_office(actor)
    text = (text or "").strip()
    if not text:
        raise InvalidInput(_l("Enter the directive's text."), field="text")
    title = (title or "").strip() or title_from_text(text)
    if len(title) > TITLE_LENGTH:
        raise InvalidInput(_l("The title is too long."), field="title")
    if document is not None and ordinal is None:
        ordinal = len(document.tasks) + 1
    task = Task(
        document=document,
        ordinal=ordinal,
        title=title,
        text=text,
        deadline=deadline,
        recurrence=Recurrence(recurrence),
        priority=Priority(priority),
        search_text=search_text(title, text),
        created_by_id=actor.user_id,
        created_at=now,
    )
    db.session.add(task)
    audit.record(
        actor, "task.create", task, now, {"title": (None, title), "deadline": (None, deadline)}
    )
    return task


def update_task(task: Task, actor: Actor, now: datetime, **values) -> dict:
    """The office edits a task's title, text, recurrence or priority (deadlines have their own
    function, which asks for a reason)."""
    require_office(actor)
    if "deadline" in values:
        raise InvalidInput(_l("Change the deadline with a reason."), field="deadline")
    if "text" in values and not (values["text"] or "").strip():
        raise InvalidInput(_l("Enter the directive's text."), field="text")
    if "title" in values and not (values["title"] or "").strip():
        raise InvalidInput(_l("Enter the title."), field="title")
    changes = audit.set_fields(task, values)
    if changes:
        task.search_text = search_text(task.title, task.text)
        audit.record(actor, "task.update", task, now, changes)
    return changes
