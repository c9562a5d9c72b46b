"""Standard names of provincial bodies, as data (standard_agencies.csv): the usual name, its
abbreviations, and the body that took it over in the 2025 reorganisation.

A name the registry does not know ("Sở NN&PTNT") is looked up here; if its standard name or
its successor is in the registry, the mention gets that agency (and a flag when the body was
merged), rather than staying an unknown name.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .text import collapse, fold_aligned

DATA = Path(__file__).with_name("standard_agencies.csv")
_PLACE_WORDS = ("tỉnh", "thành phố")


@dataclass(frozen=True)
class StandardAgency:
    """One standard body: its name, and the body that replaced it, if any."""

    name: str
    successor: str | None


def standard_agency(text: str) -> StandardAgency | None:
    """The standard body a written name stands for, or None."""
    return _by_key().get(_key(text))


def _key(text: str) -> str:
    key = collapse(fold_aligned(text)).strip(" .,;")
    for word in _PLACE_WORDS:  # "Sở Y tế tỉnh" and "Sở Y tế" are one name
        folded = fold_aligned(word)
        if key.endswith(" " + folded):
            key = key[: -len(folded) - 1]
    return key


@lru_cache(maxsize=1)
def _by_key() -> dict[str, StandardAgency]:
    out: dict[str, StandardAgency] = {}
    with DATA.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            agency = StandardAgency(row["name"], row["successor"] or None)
            for written in [row["name"], *row["aliases"].split(";")]:
                if written.strip():
                    out.setdefault(_key(written), agency)
    return out
