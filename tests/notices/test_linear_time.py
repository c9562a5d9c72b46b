"""Hostile text (issue 11, item 4): the reader stays linear, whatever is pasted.

Not a timed test: each pathological text is compared with a normal notice of the same length,
on the same machine in the same run; a quadratic pattern makes the ratio grow with the length
(60,000 pasted spaces once took more than 30 s), a linear one keeps it near 1.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.notices import read_notice

LENGTH = 20_000
#: A quadratic pattern gives ratios in the hundreds at this length; a linear reader about 1.
MAX_RATIO = 10
PATHOLOGICAL = [
    " ",
    "\t",
    "\n",
    " \n",
    "\u00a0",
    "\u3000\u2003",
    "\x1c",
    " \t\n\u2029",
    "đến ngày 1/1/2024, ",
    "Số 1/1/",
    "UBND tỉnh ",
    "các sở, ",
    "Giao ",
    "0\n",  # short lines, each joined to the paragraph before: once quadratic too
    "\nệ",
]


def _cpu_seconds(text: str, agencies) -> float:
    """The least CPU time of three readings: the other processes on the machine do not count."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        read_notice(text, agencies)
        best = min(best, time.process_time() - started)
    return best


def _ratio(piece: str, normal: str, agencies) -> float:
    """How many times a normal notice of the same length the repeated piece costs."""
    return _cpu_seconds(_repeat(piece), agencies) / _cpu_seconds(normal, agencies)


def _repeat(piece: str, length: int = LENGTH) -> str:
    return (piece * (length // len(piece) + 1))[:length]


@pytest.fixture(scope="module")
def normal(sample_path):
    """The Lạng Sơn notice, repeated to the same length."""
    return _repeat(sample_path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("piece", PATHOLOGICAL, ids=repr)
def test_pathological_text_costs_what_a_notice_of_its_length_costs(
    piece, normal, lang_son_agencies
):
    ratio = _ratio(piece, normal, lang_son_agencies)
    assert ratio < MAX_RATIO, f"{ratio:.0f} times a normal notice of {LENGTH} characters"


PIECES = st.lists(
    st.sampled_from([" ", "\t", "\n", "\u00a0", ",", ";", ":", "(", "-", "1", "/", "a", "Sở "])
    | st.text(min_size=1, max_size=4),
    min_size=1,
    max_size=4,
).map("".join)


@settings(max_examples=15, deadline=None, database=None)
@given(piece=PIECES)
def test_any_repeated_piece_costs_what_a_notice_costs(piece, normal, lang_son_agencies):
    ratio = _ratio(piece, normal, lang_son_agencies)
    assert ratio < MAX_RATIO, f"{piece!r}: {ratio:.0f} times a normal notice"
