"""Properties: the reader never raises, whatever it is given."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.domain.notices import NoticeFileError, extract_text, read_notice
from tracker.domain.notices.text import fold_aligned

#: No example database: tests must not write outside their own folder.
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

FRAGMENTS = [
    "Giao ",
    "Sở Tài chính",
    "Sở TN&MT",
    " chủ trì",
    ", phối hợp với ",
    "UBND các huyện, thành phố",
    " và ",
    "; ",
    ". ",
    ":\n",
    "\n",
    "1. ",
    "a) ",
    "- ",
    "+ ",
    "II. ",
    "Điều 2. ",
    "trước ngày ",
    "30/6/2024",
    "15/8",
    "Quý II năm 2014",
    " hằng tháng",
    " thường xuyên",
    "(19/8/1945 - 19/8/2010)",
    "Nhiệm vụ và giải pháp",
    "Ý kiến kết luận",
    "Nơi nhận:",
    "Số: 12/TB-UBND",
    " | ",
    "\t",
    "ngày 31 tháng 2 năm 2024",
    "99/99/9999",
    "tháng 13/2024",
    "(",
    ")",
    "Đề nghị ",
    "Yêu cầu ",
    "Ủy ban nhân dân tỉnh Hòa Bình",
    "giữa ",
    " với ",
    "các sở, ban, ngành",
    "của ",
]


@SETTINGS
@given(st.text())
def test_read_notice_never_raises_on_any_text(province, text):
    reading = read_notice(text, province)
    json.dumps(reading.to_json())


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join))
def test_read_notice_never_raises_on_notice_like_text(province, text):
    reading = read_notice(text, province)
    for directive in reading.directives:
        assert directive.text.strip()
        if directive.deadline_span:
            start, end = directive.deadline_span
            assert 0 <= start < end <= len(directive.text)


@SETTINGS
@given(
    st.binary(max_size=2000), st.sampled_from(["a.txt", "a.docx", "a.pdf", "a", "a.doc", "a.xlsx"])
)
def test_extract_text_raises_only_notice_file_errors(data, name):
    try:
        assert isinstance(extract_text(name, data), str)
    except NoticeFileError as error:
        assert error.code


@SETTINGS
@given(st.text())
def test_fold_keeps_every_offset(text):
    assert len(fold_aligned(text)) == len(text)
