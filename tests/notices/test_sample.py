"""The shared sample notice must come out exactly as its expected file says."""

from __future__ import annotations

import json

import pytest

from tracker.domain.notices import read_notice

HEADER_FIELDS = (
    "issuer",
    "number",
    "issued_on",
    "year",
    "title",
    "directive_section_heading",
    "section_deadline",
)


@pytest.fixture(scope="module")
def expected(sample_path):
    path = sample_path.with_name(sample_path.stem + ".expected.json")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample(sample_path, lang_son_agencies):
    return read_notice(sample_path.read_text(encoding="utf-8"), lang_son_agencies)


@pytest.fixture(scope="module")
def reading(sample):
    return sample.to_json()


@pytest.mark.parametrize("field", HEADER_FIELDS)
def test_header_field(reading, expected, field):
    assert reading[field] == expected[field]


def test_kind_is_conclusion_notice(reading):
    assert reading["kind"] == "thong_bao_ket_luan"


def test_six_directives_in_order(reading, expected):
    starts = [e["text_start"] for e in expected["directives"]]
    assert len(reading["directives"]) == len(starts)
    for got, start in zip(reading["directives"], starts, strict=True):
        assert got["text"].startswith(start)


@pytest.mark.parametrize("position", range(6))
def test_directive_fields(reading, expected, position):
    want = expected["directives"][position]
    got = reading["directives"][position]
    for field in ("lead", "support", "deadline", "deadline_text", "recurrence"):
        assert got[field] == want[field], field
    assert got.get("milestones") == want.get("milestones")


def test_background_and_signature_are_not_directives(reading):
    texts = " ".join(d["text"] for d in reading["directives"])
    assert "Qua 6 tháng đầu năm 2010" not in texts
    assert "Vũ Đình Chuyền" not in texts


def test_anniversary_start_years_are_never_deadlines(reading):
    fourth = reading["directives"][3]
    assert all(not m.startswith(("1945", "1950")) for m in fourth["milestones"])


def test_lead_codes_point_to_the_registry(sample):
    assert sample.directives[2].lead_codes == ["ca-tinh"]
    assert sample.directives[5].lead_codes == ["ca-tinh"]
    assert sample.directives[5].support == []
    assert sample.directives[3].lead_codes == ["bcd-tinh"]


def test_deadline_span_points_at_the_phrase(sample):
    fourth = sample.directives[3]
    start, end = fourth.deadline_span
    assert fourth.text[start:end] == "19/8/2010"
