"""Importing a notice through the API: read, then create, as `flask notices import` does."""

from __future__ import annotations

import secrets

from tracker.domain.notices import read_notice
from tracker.domain.notices.draft import draft_from_reading
from tracker.domain.notices.importing import confirm_import, registry_refs
from tracker.web.access import current_actor
from tracker.web.api import resources as r
from tracker.web.api.blueprint import operation
from tracker.web.api.schema import Field, Schema
from tracker.web.clock import request_now

NEW_IMPORT = Schema("NoticeImport", {
    "text": Field("string", required=True, min_length=1, max_length=200_000),
    "issued_on": Field("date", nullable=True),
    "accept_early_deadlines": Field("boolean"),
    "allow_duplicate": Field("boolean"),
})  # fmt: skip


@operation("/notices/imports", "POST", tag="documents", body=NEW_IMPORT, response=r.DOCUMENT,
           status=201, summary="Read a notice and create its document, tasks and assignments "
           "(standing office); 409 with existing_document_id when the tracker already has it "
           "and allow_duplicate is not true")  # fmt: skip
def import_notice(body):
    reading = read_notice(body["text"], registry_refs(), issued_on=body.get("issued_on"))
    draft = draft_from_reading(reading, body["text"])
    draft.allow_duplicate = bool(body.get("allow_duplicate"))
    for directive in draft.directives:
        directive.accept_early = bool(body.get("accept_early_deadlines"))
    key = "api-" + secrets.token_hex(24)  # each call is a new import; duplicates are by content
    outcome = confirm_import(draft, current_actor(), request_now(), key)
    return r.dump(r.DOCUMENT, outcome.document)
