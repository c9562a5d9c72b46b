"""Finding registry agencies in text: spelling variants, abbreviations, collective phrases."""

from __future__ import annotations

import unicodedata

import pytest

from tracker.domain.notices import read_notice
from tracker.domain.notices.agencies import AgencyIndex


@pytest.fixture
def index(province):
    built = AgencyIndex(province)
    built.set_issuer("UBND tỉnh Hòa Bình")
    return built


def codes(index, text):
    return [m.codes for m in index.find(text)]


@pytest.mark.parametrize(
    "written",
    [
        "Uỷ ban nhân dân tỉnh Hoà Bình",
        "Ủy ban nhân dân tỉnh Hòa Bình",
        "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH",
        "UBND tỉnh Hoà Bình",
        unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Hòa Bình"),
    ],
)
def test_spelling_variants_of_the_same_agency(index, written):
    text = unicodedata.normalize("NFC", written)
    assert codes(index, text) == [("ubnd",)]


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Sở TN&MT", "stnmt"),
        ("Sở TNMT", "stnmt"),
        ("Sở TN-MT", "stnmt"),
        ("Sở KH&ĐT", "skhdt"),
        ("Sở KHĐT", "skhdt"),
        ("Sở VHTTDL", "svh"),
        ("Sở Văn hoá, Thể thao và Du lịch", "svh"),
    ],
)
def test_abbreviations(index, written, code):
    assert codes(index, f"giao {written} chủ trì") == [(code,)]


def test_same_name_in_two_provinces_prefers_the_issuers(index):
    assert codes(index, "Sở Tài chính") == [("stc",)]


def test_same_name_without_an_issuer_is_ambiguous(province):
    index = AgencyIndex(province)
    assert set(index.find("Sở Tài chính")[0].codes) == {"stc", "other-stc"}


def test_longest_name_wins_even_with_va_inside(index):
    found = index.find("phối hợp với Ban Quản lý các khu công nghiệp và khu kinh tế tỉnh")
    assert [m.codes for m in found] == [("bql",)]


def test_a_name_followed_by_a_lower_level_is_another_body(index):
    assert codes(index, "bồi dưỡng cho lực lượng Công an xã") == []
    assert codes(index, "Tăng cường lực lượng Công an trong tỉnh") == [("ca",)]


@pytest.mark.parametrize(
    ("phrase", "level", "expected"),
    [
        ("UBND các huyện, thành phố", "district", {"tp", "lacson", "maichau"}),
        ("Ủy ban nhân dân các huyện, thị xã, thành phố", "district", {"tp", "lacson", "maichau"}),
        ("UBND cấp huyện", "district", {"tp", "lacson", "maichau"}),
        ("các sở, ban, ngành", "department", {"vp", "stc", "stnmt", "skhdt", "svh", "syt", "ca"}),
        (
            "các sở, ngành liên quan",
            "department",
            {"vp", "stc", "stnmt", "skhdt", "svh", "syt", "ca"},
        ),
        ("các tổ chức chính trị - xã hội", "organization", {"mttq", "doan"}),
        ("UBND các xã, phường, thị trấn", "commune", set()),
    ],
)
def test_collective_phrases_expand_to_the_issuers_level(index, phrase, level, expected):
    (mention,) = index.find(f"giao {phrase} thực hiện")
    assert mention.collective_level == level
    assert set(mention.codes) == expected
    assert mention.text == phrase


def test_head_distributes_over_two_levels(index):
    found = index.find("điều hành của Ban Chỉ đạo các huyện, thành phố và xã, phường, thị trấn")
    assert [m.text for m in found] == [
        "Ban Chỉ đạo các huyện, thành phố",
        "Ban Chỉ đạo xã, phường, thị trấn",
    ]
    assert [m.collective_level for m in found] == ["district", "commune"]


def test_parenthesis_prefers_the_official_name(index):
    (mention,) = index.find("Giao cho lực lượng Công an (Công an tỉnh) kiểm tra")
    assert mention.text == "Công an tỉnh"


def test_nfd_notice_reads_like_nfc(province, notice):
    text = notice("Giao Sở Tài chính chủ trì, phối hợp với Sở Y tế rà soát.")
    a = read_notice(text, province).to_json()
    b = read_notice(unicodedata.normalize("NFD", text), province).to_json()
    assert a == b
    assert a["directives"][0]["lead_agencies"] == ["stc"]
