"""Which new passwords are refused: too short, too common, or made of the person's own e-mail
or name. The common list is zxcvbn's 30,000 most used passwords (from leaked password sets),
shipped inside the package, with a few Vietnamese ones added: no network is needed."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from flask_babel import lazy_gettext as _l

from tracker.domain.errors import InvalidInput

MIN_PASSWORD_LENGTH = 10
#: parts of a name or address shorter than this are too ordinary to refuse
MIN_PERSONAL_PART = 4
_TAIL = re.compile(r"[\d\W_]+$")
_SEPARATORS = re.compile(r"[\W_]+")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The shipped list, lower case."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    ours = Path(__file__).with_name("common_passwords_vi.txt").read_text(encoding="utf-8")
    extra = [line.strip() for line in ours.splitlines() if line and not line.startswith("#")]
    return frozenset(word.lower() for word in [*FREQUENCY_LISTS["passwords"], *extra])


def _is_common(password: str) -> bool:
    lowered = password.lower()
    base = _TAIL.sub("", lowered)  # "password2026!" is "password" with a tail
    common = common_passwords()
    return lowered in common or (len(base) >= 6 and base in common)


def _personal_parts(email: str, name: str) -> set[str]:
    email = (email or "").lower()
    words = _SEPARATORS.split(email.split("@")[0]) + _SEPARATORS.split((name or "").lower())
    parts = {email, email.split("@")[0], *words}
    return {part for part in parts if len(part) >= MIN_PERSONAL_PART}


def check_new_password(password: str, email: str = "", name: str = "") -> None:
    """Raise InvalidInput (field "password") when `password` may not be used."""
    password = password or ""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            _l("The password must have at least %(n)s characters.", n=MIN_PASSWORD_LENGTH),
            field="password",
        )
    if _is_common(password):
        raise InvalidInput(
            _l("This password is among the most common ones and easy to guess. Choose another."),
            field="password",
        )
    lowered = password.lower()
    if any(part in lowered for part in _personal_parts(email, name)):
        raise InvalidInput(
            _l("The password must not contain your e-mail address or your name."),
            field="password",
        )
