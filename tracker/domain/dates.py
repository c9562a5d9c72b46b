"""Reading a day the office typed: dd/mm/yyyy (or the ISO yyyy-mm-dd a date picker sends)."""

from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l

from tracker.domain.errors import InvalidInput

_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_day(text: str, field: str | None = None) -> date:
    """The day `text` names; InvalidInput saying whether it is badly written or does not exist
    (31/02/2026 is well written, but there is no such day)."""
    text = (text or "").strip()
    found = _DAY_MONTH_YEAR.match(text)
    if found:
        day, month, year = (int(part) for part in found.groups())
    elif found := _ISO.match(text):
        year, month, day = (int(part) for part in found.groups())
    else:
        raise InvalidInput(_l("Write the date as dd/mm/yyyy."), field=field)
    try:
        return date(year, month, day)
    except ValueError:
        written = f"{day:02d}/{month:02d}/{year}"
        if not 1 <= month <= 12:
            message = _l("%(day)s does not exist: a year has 12 months.", day=written)
        else:
            message = _l("%(day)s does not exist: that month has fewer days.", day=written)
        raise InvalidInput(message, field=field) from None
