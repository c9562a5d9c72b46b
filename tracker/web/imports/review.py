"""The review page's plumbing: the draft into the form and back, choices, highlighting."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from wtforms import FieldList, FormField, SelectChoice

from tracker.domain.agency_tree import agency_tree_by_code
from tracker.domain.notices.draft import DraftDirective, NoticeDraft, deadline_span_in_text
from tracker.domain.notices.draft import sentence_starts as _sentence_starts
from tracker.domain.reachability import Unreachable, agency_names_by_code, unreachable_codes
from tracker.web.forms import options
from tracker.web.imports.forms import ReviewForm

#: what the reader's flags mean, in the user's language
FLAG_LABELS = {
    "no_lead_agency": _l("No lead agency was recognised: choose one, or leave it for later."),
    "unknown_agency": _l("An agency named here is not in the registry."),
    "ambiguous_agency": _l("A name here matches several agencies: check the choice."),
    "merged_agency": _l(
        "An agency named here was merged in 2025: its successor was chosen, check it."
    ),
    "qualified_collective": _l(
        "A group named here covers only some of its agencies: choose which ones."
    ),
    "deadline_before_issue": _l("The deadline is earlier than the notice's date."),
    "no_directive_section": _l(
        "No heading introduces the directives; they were taken from sentences that assign tasks."
    ),
    "no_directives": _l("No directive was found in the notice: add them below."),
}
FLAG_FALLBACK = _l("Check this directive.")


def unreachable_chosen(draft: NoticeDraft) -> dict[str, Unreachable]:
    """The chosen registry agencies of every directive that mail cannot reach, by code."""
    codes = {c for d in draft.directives for c in (*d.lead, *d.support)}
    return unreachable_codes(codes) if codes else {}


def agency_names(draft: NoticeDraft) -> dict[str, str]:
    """The names of the agencies the draft chose, by code."""
    codes = {c for d in draft.directives for c in (*d.lead, *d.support)}
    if not codes:
        return {}
    return agency_names_by_code(codes)


def agency_choices():
    """Active agencies by code, in hierarchy order, for the multi-selects."""
    return options(agency_tree_by_code())


def form_data(draft: NoticeDraft, version: int) -> dict:
    """The review form's initial values from the draft."""
    header = draft.header
    return {
        "version": str(version),
        "issuer": header.issuer,
        "number": header.number,
        "issued_on": header.issued_on,
        "title": header.title,
        "kind": header.kind,
        "allow_duplicate": draft.allow_duplicate,
        "directives": [_directive_data(d) for d in draft.directives],
    }


def _directive_data(directive: DraftDirective) -> dict:
    return {
        "text": directive.text,
        "lead": directive.lead,
        "support": directive.support,
        "deadline": directive.deadline,
        "recurrence": directive.recurrence,
        "ongoing": directive.ongoing,
        "accept_early": directive.accept_early,
        "new_agencies": [
            {
                "add": n.accepted,
                "name": n.name,
                "level": n.level,
                "email": n.email,
                "parent": n.parent_code,
            }
            for n in directive.new_agencies
        ],
    }


def prepare(form: ReviewForm, choices) -> ReviewForm:
    """Give every directive's multi-selects the registry's choices."""
    for entry in form.directives:
        entry.form.lead.choices = choices
        entry.form.support.choices = choices
        for sub in entry.form.new_agencies:
            sub.form.parent.choices = [SelectChoice("", "—"), *choices]
    return form


def apply_form(draft: NoticeDraft, form: ReviewForm) -> None:
    """Copy every field the officer filled in correctly into the draft (bad ones stay out)."""
    header = draft.header
    for name in ("issuer", "number", "title", "kind"):
        if not form[name].errors:
            setattr(header, name, (form[name].data or "").strip())
    if not form.issued_on.errors:
        header.issued_on = form.issued_on.data
    draft.allow_duplicate = bool(form.allow_duplicate.data)
    for entry, directive in zip(form.directives, draft.directives, strict=False):
        _apply_directive(entry.form, directive)


def _apply_directive(fields, directive: DraftDirective) -> None:
    if not fields.text.errors:
        directive.text = (fields.text.data or "").replace("\r\n", "\n").strip()
    directive.lead = [c for c in fields.lead.data or [] if c]
    directive.support = [c for c in fields.support.data or [] if c and c not in directive.lead]
    if not fields.deadline.errors and fields.deadline.data != directive.deadline:
        directive.deadline = fields.deadline.data
        directive.deadline_text, directive.deadline_span = None, None  # typed, not read
    directive.recurrence = fields.recurrence.data or directive.recurrence
    directive.ongoing = bool(fields.ongoing.data)
    directive.accept_early = bool(fields.accept_early.data)
    for sub, proposal in zip(fields.new_agencies, directive.new_agencies, strict=False):
        proposal.accepted = bool(sub.form.add.data)
        proposal.name = (sub.form.name.data or "").strip() or proposal.name
        proposal.level = sub.form.level.data or proposal.level
        proposal.email = (sub.form.email.data or "").strip()
        proposal.parent_code = sub.form.parent.data or ""


def _all_fields(fields):
    for f in fields:
        yield f
        if isinstance(f, FieldList):
            yield from _all_fields(f.entries)
        elif isinstance(f, FormField):
            yield from _all_fields(f.form)


def show_problems(form: ReviewForm, problems) -> None:
    """Put each (field name, message) next to its field, or above the form."""
    by_name = {f.name: f for f in _all_fields(form)}
    for name, message in problems:
        field = by_name.get(name)
        if field is None:
            form.form_errors.append(message)
        else:
            field.errors = [*list(field.errors or []), message]


def highlighted(directive: DraftDirective) -> Markup:
    """The directive's text, escaped, with its deadline's phrase in <mark>."""
    text, span = directive.text, deadline_span_in_text(directive)
    if span is None:
        return escape(text)
    start, end = span
    return escape(text[:start]) + Markup("<mark>%s</mark>") % text[start:end] + escape(text[end:])


def split_choices(directive: DraftDirective) -> list[tuple[int, str]]:
    """Where the directive may be split: before each sentence after the first."""
    result = []
    for offset in _sentence_starts(directive.text):
        words = directive.text[offset:].split()
        preview = " ".join(words[:8])
        result.append((offset, preview + ("…" if len(words) > 8 else "")))
    return result
