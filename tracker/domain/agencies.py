"""The agency registry: creating, editing and importing agencies from CSV."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from tracker.domain import audit
from tracker.domain.accounts.links import revoke_all_links_of
from tracker.domain.collation import sorted_vietnamese
from tracker.domain.errors import InvalidInput
from tracker.domain.permissions import Actor, require_office
from tracker.domain.states import AgencyLevel
from tracker.domain.text import nfc
from tracker.extensions import db
from tracker.models import Agency, AgencyAlias, AgencyContact

CSV_COLUMNS = ("code", "name", "level", "parent_code", "aliases", "email")
_CODE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


@dataclass
class AgencyRow:
    """One CSV row, checked; `errors` lists what is wrong with it."""

    line: int
    code: str
    name: str
    level: str
    parent_code: str
    aliases: list[str]
    emails: list[str]
    errors: list[str] = field(default_factory=list)
    exists: bool = False


def normalise_email(value: str) -> str:
    """A checked, lower-case e-mail address (no deliverability lookup: offline intranets)."""
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise InvalidInput(
            _l("Not a valid e-mail address: %(value)s", value=value), field="email"
        ) from exc


def _check_row(row: AgencyRow, known_codes: set[str]) -> None:
    if not _CODE.match(row.code):
        row.errors.append(str(_l("Code must be lower-case letters, digits, '-', '_' or '.'")))
    if not row.name:
        row.errors.append(str(_l("Name is missing")))
    if row.level not in {level.value for level in AgencyLevel}:
        row.errors.append(str(_l("Unknown level “%(level)s”", level=row.level)))
    if row.parent_code and row.parent_code not in known_codes:
        row.errors.append(str(_l("Unknown parent “%(code)s”", code=row.parent_code)))
    if row.parent_code and row.parent_code == row.code:
        row.errors.append(str(_l("An agency cannot be its own parent")))
    checked = []
    for email in row.emails:
        try:
            checked.append(normalise_email(email))
        except InvalidInput as exc:
            row.errors.append(str(exc.message))
    row.emails = checked


def _read_csv_rows(data: bytes | str) -> list[dict[str, str]]:
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("code", "name", "level") if c not in (reader.fieldnames or [])]
    if missing:
        raise InvalidInput(
            _l(
                "The file lacks the columns: %(cols)s (expected: %(all)s)",
                cols=", ".join(missing),
                all=",".join(CSV_COLUMNS),
            ),
            field="file",
        )
    return list(reader)


def parse_agency_csv(data: bytes | str) -> list[AgencyRow]:
    """Read and check a CSV of agencies without changing anything (the import preview)."""
    try:
        raw_rows = _read_csv_rows(data)
    except UnicodeDecodeError as exc:
        raise InvalidInput(_l("The file is not UTF-8 text."), field="file") from exc
    except csv.Error as exc:
        raise InvalidInput(
            _l("The file is not valid CSV: %(e)s", e=str(exc)), field="file"
        ) from exc
    if not raw_rows:
        raise InvalidInput(_l("The file has no rows."), field="file")
    existing = set(db.session.scalars(sa.select(Agency.code)))
    rows = []
    for number, raw in enumerate(raw_rows, start=2):

        def cell(name, raw=raw):
            return nfc(raw.get(name) or "")

        rows.append(
            AgencyRow(
                line=number,
                code=cell("code").lower(),
                name=cell("name"),
                level=cell("level").lower(),
                parent_code=cell("parent_code").lower(),
                aliases=[nfc(a) for a in cell("aliases").split(";") if nfc(a)],
                emails=[e for e in re.split(r"[;,\s]+", cell("email")) if e],
            )
        )
    codes_in_file = [r.code for r in rows]
    known = existing | set(codes_in_file)
    for row in rows:
        row.exists = row.code in existing
        _check_row(row, known)
        if codes_in_file.count(row.code) > 1:
            row.errors.append(str(_l("Code “%(code)s” appears more than once", code=row.code)))
    return rows


def import_agencies(rows: list[AgencyRow], actor: Actor, now: datetime) -> tuple[int, int]:
    """Create or update every row, or nothing if any row has an error; (created, updated)."""
    require_office(actor)
    bad = [r for r in rows if r.errors]
    if bad:
        raise InvalidInput(_l("%(n)s rows have errors; nothing was imported.", n=len(bad)))
    by_code = {a.code: a for a in db.session.scalars(sa.select(Agency))}
    created = updated = 0
    for row in rows:
        agency = by_code.get(row.code)
        if agency is None:
            agency = Agency(
                code=row.code,
                name=row.name,
                level=AgencyLevel(row.level),
                active=True,
                created_at=now,
            )
            db.session.add(agency)
            by_code[row.code] = agency
            created += 1
        else:
            agency.name, agency.level = row.name, AgencyLevel(row.level)
            updated += 1
        _merge_aliases(agency, row.aliases)
        _merge_contacts(agency, row.emails)
    for row in rows:  # parents once every code exists
        by_code[row.code].parent = by_code.get(row.parent_code) if row.parent_code else None
    db.session.flush()
    for row in rows:
        audit.record(actor, "agency.import", by_code[row.code], now, {"name": (None, row.name)})
    return created, updated


def _merge_aliases(agency: Agency, aliases: list[str]) -> None:
    have = {a.alias for a in agency.aliases}
    for alias in aliases:
        if alias not in have:
            agency.aliases.append(AgencyAlias(alias=alias))
            have.add(alias)


def _merge_contacts(agency: Agency, emails: list[str]) -> None:
    have = {c.email for c in agency.contacts}
    for email in emails:
        if email not in have:
            is_head = not agency.contacts
            agency.contacts.append(AgencyContact(email=email, is_head=is_head))
            have.add(email)


def agencies_at_level(level: AgencyLevel) -> list[Agency]:
    """Every active agency of a level ("all district committees"), by name."""
    found = db.session.scalars(sa.select(Agency).where(Agency.level == level, Agency.active))
    return sorted_vietnamese(found, key=lambda agency: agency.name)


def _check_agency_values(name: str, parent: Agency | None, agency: Agency | None) -> None:
    if not nfc(name):
        raise InvalidInput(_l("Enter the name."), field="name")
    if parent is not None and agency is not None:
        from tracker.domain.permissions import descendant_agency_ids

        if parent.id in descendant_agency_ids({agency.id}):
            raise InvalidInput(
                _l("An agency cannot sit below itself or an agency below it."), field="parent"
            )


def _set_aliases_and_contacts(agency: Agency, aliases: list[str], emails: list[str]) -> None:
    checked = [normalise_email(e) for e in emails if e.strip()]
    wanted_aliases = list(dict.fromkeys(nfc(a) for a in aliases if nfc(a)))
    agency.aliases = [a for a in agency.aliases if a.alias in wanted_aliases]
    _merge_aliases(agency, wanted_aliases)
    wanted = list(dict.fromkeys(checked))
    agency.contacts = [c for c in agency.contacts if c.email in wanted]
    _merge_contacts(agency, wanted)
    for contact in agency.contacts:
        contact.is_head = bool(wanted) and contact.email == wanted[0]


def create_agency(
    actor: Actor,
    now: datetime,
    *,
    code: str,
    name: str,
    level: AgencyLevel,
    parent: Agency | None = None,
    aliases: list[str] | None = None,
    emails: list[str] | None = None,
) -> Agency:
    """The office adds an agency to the registry (the first e-mail is the head's)."""
    require_office(actor)
    code = (code or "").strip().lower()
    if not _CODE.match(code):
        raise InvalidInput(
            _l("Code must be lower-case letters, digits, '-', '_' or '.'"), field="code"
        )
    if db.session.scalar(sa.select(Agency.id).where(Agency.code == code)):
        raise InvalidInput(_l("Another agency already has this code."), field="code")
    _check_agency_values(name, parent, None)
    agency = Agency(
        code=code,
        name=nfc(name),
        level=AgencyLevel(level),
        parent=parent,
        active=True,
        created_at=now,
    )
    db.session.add(agency)
    _set_aliases_and_contacts(agency, aliases or [], emails or [])
    db.session.flush()
    audit.record(actor, "agency.create", agency, now, {"code": (None, code), "name": (None, name)})
    return agency


def update_agency(
    agency: Agency,
    actor: Actor,
    now: datetime,
    *,
    name: str,
    level: AgencyLevel,
    parent: Agency | None,
    active: bool,
    aliases: list[str],
    emails: list[str],
) -> dict:
    """The office edits an agency: name, level, place in the hierarchy, aliases, contacts."""
    require_office(actor)
    _check_agency_values(name, parent, agency)
    before = ([a.alias for a in agency.aliases], [c.email for c in agency.contacts])
    changes = audit.set_fields(
        agency,
        {
            "name": nfc(name),
            "level": AgencyLevel(level),
            "parent_id": parent.id if parent else None,
            "active": active,
        },
    )
    _set_aliases_and_contacts(agency, aliases, emails)
    after = ([a.alias for a in agency.aliases], [c.email for c in agency.contacts])
    if before[0] != after[0]:
        changes["aliases"] = ("; ".join(before[0]), "; ".join(after[0]))
    if before[1] != after[1]:
        changes["contacts"] = (", ".join(before[1]), ", ".join(after[1]))
    if "active" in changes and not active:
        revoke_all_links_of(agency.id, now)  # its e-mail links stop with it
    if changes:
        audit.record(actor, "agency.update", agency, now, changes)
    return changes
