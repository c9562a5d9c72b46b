"""Recurring and standing duties."""

from __future__ import annotations

import pytest

from tracker.domain.notices import read_notice
from tracker.domain.notices.recurrence import find_recurrence, is_ongoing


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("báo cáo UBND tỉnh hằng tháng", "monthly"),
        ("báo cáo hàng tháng", "monthly"),
        ("trước ngày 25 hằng tháng", "monthly"),
        ("định kỳ hằng quý báo cáo", "quarterly"),
        ("báo cáo hàng quý", "quarterly"),
        ("định kỳ 6 tháng tổng hợp", "semiannual"),
        ("tổng kết hằng năm", "yearly"),
        ("hằng tuần cập nhật tiến độ", "weekly"),
        ("giao ban vào thứ Hai hằng tuần", "weekly"),
        ("tổ chức xét xử vào thứ Bảy, Chủ nhật", None),
        ("lớp học khai giảng vào thứ Hai", None),
        ("6 tháng cuối năm 2010", None),
        ("đúng quy định hiện hành", None),
        ("Quý IV năm 2023", None),
    ],
)
def test_recurrence(phrase, expected):
    assert find_recurrence(phrase)[0] == expected


def test_ongoing_duty():
    assert is_ongoing("thường xuyên kiểm tra, nhắc nhở")
    assert not is_ongoing("cơ quan Thường trực Ban Chỉ đạo")


def test_ongoing_duty_has_no_deadline_unless_one_is_written(province, notice):
    body = (
        "Nhiệm vụ trọng tâm năm 2024 đến cuối năm 2024:\n"
        "1. Công an tỉnh thường xuyên nắm tình hình.\n"
        "2. Sở Y tế thường xuyên kiểm tra, báo cáo trước ngày 30/6/2024."
    )
    first, second = read_notice(notice(body), province).directives
    assert (first.ongoing, first.deadline) == (True, None)
    assert second.ongoing and second.deadline is not None
