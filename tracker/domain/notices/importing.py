"""Importing a notice: the registry as the reader sees it, and turning a reviewed draft into
a document, its tasks and their assignments in one go."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from tracker.domain import audit
from tracker.domain.agencies import create_agency, normalise_email
from tracker.domain.clock import require_aware
from tracker.domain.errors import InvalidInput
from tracker.domain.notices import AgencyRef
from tracker.domain.notices.draft import (
    DraftDirective,
    NewAgencyProposal,
    NoticeDraft,
    early_deadlines,
)
from tracker.domain.notices.duplicates import DuplicateNotice, Match, find_duplicates
from tracker.domain.permissions import Actor, require_office
from tracker.domain.states import AgencyLevel, AssignmentRole, DocumentKind, Recurrence
from tracker.domain.text import fold, nfc
from tracker.domain.work.assignment import assign
from tracker.domain.work.evidence import clean_filename
from tracker.domain.work.tasks import create_document, create_task
from tracker.extensions import db
from tracker.models import Agency, Document

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".txt": "text/plain; charset=utf-8",
}


@dataclass(frozen=True)
class StoredOriginal:
    """The uploaded notice file, kept under the upload folder by a random name."""

    filename: str  #: cleaned, for display only
    stored_name: str
    content_type: str


@dataclass(frozen=True)
class ImportOutcome:
    document: Document
    created: bool  #: False when this import key had already created the document


def registry_refs() -> list[AgencyRef]:
    """Every active agency with its aliases, as the notice reader takes them (one query)."""
    agencies = db.session.scalars(
        sa.select(Agency)
        .where(Agency.active)
        .options(selectinload(Agency.aliases), selectinload(Agency.parent))
        .order_by(Agency.id)
    )
    return [
        AgencyRef(
            code=a.code,
            name=a.name,
            level=a.level.value,
            aliases=tuple(alias.alias for alias in a.aliases),
            parent_code=a.parent.code if a.parent else None,
        )
        for a in agencies
    ]


def store_original(filename: str, data: bytes, upload_dir: str) -> StoredOriginal:
    """Keep an uploaded notice file under a random name; its own name only for display."""
    name = clean_filename(filename)
    suffix = Path(name).suffix.lower()
    stored_name = secrets.token_hex(20)
    folder = Path(upload_dir)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / stored_name).write_bytes(data)
    return StoredOriginal(name, stored_name, CONTENT_TYPES.get(suffix, "application/octet-stream"))


def draft_problems(draft: NoticeDraft) -> list[tuple[str, str]]:
    """What stops the draft from being confirmed, as (field, message); field names follow the
    review form (``number``, ``directives-2-text``)."""
    problems: list[tuple[str, str]] = []
    if not nfc(draft.header.number):
        problems.append(("number", _l("Enter the document number.")))
    if not nfc(draft.header.title):
        problems.append(("title", _l("Enter the title.")))
    if not draft.directives:
        problems.append(("directives", _l("Keep or add at least one directive.")))
    early = early_deadlines(draft)
    for i, directive in enumerate(draft.directives):
        problems += _new_agency_problems(i, directive)
        if not directive.text.strip():
            problems.append((f"directives-{i}-text", _l("Enter the directive's text.")))
        if i in early and not directive.accept_early:
            problems.append(
                (
                    f"directives-{i}-accept_early",
                    _l("The deadline is earlier than the notice's date: correct it or accept it."),
                )
            )
    return problems


def _new_agency_problems(index: int, directive: DraftDirective) -> list[tuple[str, str]]:
    """An accepted new agency's e-mail, when given, must be an address."""
    problems = []
    for j, proposal in enumerate(directive.new_agencies):
        if proposal.accepted and proposal.email.strip():
            try:
                normalise_email(proposal.email)
            except InvalidInput as error:
                problems.append((f"directives-{index}-new_agencies-{j}-email", error.message))
    return problems


def find_imported(import_key: str) -> Document | None:
    """The document an import key has already created, if any."""
    return db.session.scalar(sa.select(Document).where(Document.import_key == import_key))


def draft_duplicates(draft: NoticeDraft) -> list[Match]:
    """The notices already in the tracker that the draft repeats (notices.duplicates)."""
    header = draft.header
    return find_duplicates(header.issuer, header.number, header.issued_on, draft.full_text)


def confirm_import(
    draft: NoticeDraft,
    actor: Actor,
    now: datetime,
    import_key: str,
    original: StoredOriginal | None = None,
) -> ImportOutcome:
    """Create the document, its tasks and assignments (and the new agencies the officer
    accepted) in one transaction; the same import key twice creates nothing twice. A notice
    the tracker already has is refused (DuplicateNotice) unless the draft allows a second
    copy, which the new document then records. Flushes only: the caller commits."""
    require_aware(now)
    require_office(actor)
    existing = find_imported(import_key)
    if existing is not None:
        return ImportOutcome(existing, created=False)
    problems = draft_problems(draft)
    if problems:
        field, message = problems[0]
        raise InvalidInput(message, field=field)
    duplicates = draft_duplicates(draft)
    if duplicates and not draft.allow_duplicate:
        ours = [m.document for m in duplicates if m.document.import_key == import_key]
        if ours:  # this very import, committed by a concurrent request meanwhile
            return ImportOutcome(ours[0], created=False)
        raise DuplicateNotice(duplicates[0].document)
    repeated = duplicates[0].document if duplicates else None
    try:
        with db.session.begin_nested():
            document = _create_all(draft, actor, now, import_key, original, repeated)
    except IntegrityError:
        existing = find_imported(import_key)  # another request confirmed it meanwhile
        if existing is None:
            raise
        return ImportOutcome(existing, created=False)
    return ImportOutcome(document, created=True)


def _create_all(
    draft: NoticeDraft,
    actor: Actor,
    now: datetime,
    import_key: str,
    original: StoredOriginal | None,
    repeated: Document | None,
) -> Document:
    header = draft.header
    new_agencies = _create_accepted_agencies(draft, actor, now)
    document = create_document(
        actor,
        now,
        number=header.number,
        kind=DocumentKind(header.kind),
        issuer=header.issuer,
        issued_on=header.issued_on,
        title=header.title,
        full_text=draft.full_text,
        import_key=import_key,
    )
    if original is not None:
        document.original_filename = original.filename
        document.original_stored_name = original.stored_name
        document.original_content_type = original.content_type
    document.duplicate_of = repeated
    registry = _agencies_by_code(draft)
    for ordinal, directive in enumerate(draft.directives, start=1):
        _create_task(document, ordinal, directive, registry, new_agencies, actor, now)
    audit.record(
        actor,
        "document.import",
        document,
        now,
        {
            "tasks": (None, len(draft.directives)),
            "file": (None, original and original.filename),
            **({"duplicate_of": (None, repeated.id)} if repeated else {}),
        },
    )
    db.session.flush()
    return document


def _agencies_by_code(draft: NoticeDraft) -> dict[str, Agency]:
    codes = {c for d in draft.directives for c in (*d.lead, *d.support)}
    if not codes:
        return {}
    found = db.session.scalars(sa.select(Agency).where(Agency.code.in_(codes)))
    return {a.code: a for a in found}


def _create_task(
    document: Document,
    ordinal: int,
    directive: DraftDirective,
    registry: dict[str, Agency],
    new_agencies: dict[str, Agency],
    actor: Actor,
    now: datetime,
) -> None:
    task = create_task(
        actor,
        now,
        text=directive.text,
        document=document,
        ordinal=ordinal,
        deadline=None if directive.ongoing else directive.deadline,
        recurrence=Recurrence(directive.recurrence),
    )
    lead = [registry[c] for c in directive.lead if c in registry]
    support = [registry[c] for c in directive.support if c in registry]
    for proposal in directive.new_agencies:
        agency = new_agencies.get(fold(proposal.name)) if proposal.accepted else None
        if agency is not None:
            chosen = lead if proposal.role == AssignmentRole.LEAD.value else support
            chosen.append(agency)
    lead = list(dict.fromkeys(lead))
    support = [a for a in dict.fromkeys(support) if a not in lead]
    if lead:
        assign(task, lead, AssignmentRole.LEAD, actor, now)
    if support:
        assign(task, support, AssignmentRole.SUPPORT, actor, now)


def _create_accepted_agencies(draft: NoticeDraft, actor: Actor, now: datetime) -> dict:
    """The agencies the officer chose to add, by folded name; an existing name is reused."""
    wanted: dict[str, NewAgencyProposal] = {}
    for directive in draft.directives:
        for proposal in directive.new_agencies:
            if proposal.accepted and nfc(proposal.name):
                wanted.setdefault(fold(proposal.name), proposal)
    if not wanted:
        return {}
    agencies = list(db.session.scalars(sa.select(Agency)))
    existing = {fold(a.name): a for a in agencies}
    by_code = {a.code: a for a in agencies}
    made = {}
    for key, proposal in wanted.items():
        made[key] = existing.get(key) or create_agency(
            actor,
            now,
            code=_free_code(proposal.name),
            name=proposal.name,
            level=AgencyLevel(proposal.level),
            parent=by_code.get(proposal.parent_code),
            emails=[proposal.email] if proposal.email.strip() else [],
        )
    return made


def _free_code(name: str) -> str:
    """A registry code from a name ("Ban Quản lý dự án" → "ban-quan-ly-du-an"), unused."""
    base = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:56] or "agency"
    taken = set(db.session.scalars(sa.select(Agency.code).where(Agency.code.like(f"{base}%"))))
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    return code
