"""Deadline phrases, dates that are not deadlines, and choosing among several dates."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.notices import read_notice
from tracker.domain.notices.deadlines import choose_deadline, find_dates


@pytest.mark.parametrize(
    ("phrase", "value", "written"),
    [
        ("hoàn thành trước ngày 30/6/2024.", date(2024, 6, 30), "trước ngày 30/6/2024"),
        ("xong ngày 30 tháng 6 năm 2024", date(2024, 6, 30), "ngày 30 tháng 6 năm 2024"),
        ("hạn 30-6-2024", date(2024, 6, 30), "30-6-2024"),
        ("hạn 30.6.2024", date(2024, 6, 30), "30.6.2024"),
        ("báo cáo trong tháng 8/2010", date(2010, 8, 31), "trong tháng 8/2010"),
        ("hoàn thành trong tháng 2 năm 2024", date(2024, 2, 29), "trong tháng 2 năm 2024"),
        ("trình trước tháng 8/2010", date(2010, 7, 31), "trước tháng 8/2010"),
        ("thực hiện Quý II năm 2014", date(2014, 6, 30), "Quý II năm 2014"),
        ("hoàn thành trong quý 3/2014", date(2014, 9, 30), "trong quý 3/2014"),
        ("nhiệm vụ 6 tháng cuối năm 2010", date(2010, 12, 31), "6 tháng cuối năm 2010"),
        ("hoàn thành 6 tháng đầu năm", date(2010, 6, 30), "6 tháng đầu năm"),
        ("hoàn thành cuối năm", date(2010, 12, 31), "cuối năm"),
        ("hoàn thành trong năm 2011", date(2011, 12, 31), "trong năm 2011"),
        ("báo cáo trước 15/8", date(2010, 8, 15), "trước 15/8"),
        ("hoàn thành trước ngày 5 tháng 9", date(2010, 9, 5), "trước ngày 5 tháng 9"),
        ("từ ngày 01/7/2010 đến ngày 30/9/2010", date(2010, 9, 30), "đến ngày 30/9/2010"),
    ],
)
def test_deadline_phrases(phrase, value, written):
    hits = find_dates(phrase, 2010)
    assert [(h.value, h.text) for h in hits] == [(value, written)]


@pytest.mark.parametrize(
    "phrase",
    [
        "theo Chỉ thị số 08/CT-TTg ngày 20/5/2015 của Thủ tướng Chính phủ",
        "theo Quyết định số 1234/QĐ-UBND ngày 05/6/2020 của UBND tỉnh",
        "theo Nghị định số 99/2021/NĐ-CP ngày 11/11/2021",
        "thực hiện Kế hoạch số 58/KH-UBND, ngày 10 tháng 3 năm 2014",
        "báo cáo trước ngày 25 hằng tháng",
        "kinh phí năm 2025",
        "trong dịp hè năm 2024",
        "Đề án 06 và tỷ lệ 1/2 số xã",
    ],
)
def test_not_deadlines(phrase):
    assert find_dates(phrase, 2024) == []


def test_anniversary_range_keeps_only_the_later_date():
    hits = find_dates("kỷ niệm 65 năm (19/8/1945 - 19/8/2010) và (10/10/1950 – 10/10/2010)", 2010)
    assert [h.value for h in hits] == [date(2010, 8, 19), date(2010, 10, 10)]


def test_no_year_and_no_notice_year_gives_no_date():
    assert find_dates("trước 15/8", None) == []


def test_earliest_future_date_is_the_deadline_others_are_milestones():
    hits = find_dates(
        "làm sạch dữ liệu trước ngày 31/10/2023, đất đai trước ngày 30/11/2023; "
        "đã báo cáo ngày 01/9/2023",
        2023,
    )
    choice = choose_deadline(hits, date(2023, 9, 20))
    assert choice.hit.value == date(2023, 10, 31)
    assert choice.milestones == (date(2023, 10, 31), date(2023, 11, 30))
    assert not choice.before_issue


def test_only_past_dates_are_flagged():
    choice = choose_deadline(find_dates("trước ngày 15/9/2023", 2023), date(2023, 9, 20))
    assert choice.hit.value == date(2023, 9, 15)
    assert choice.before_issue


def test_deadline_before_issue_is_flagged_not_dropped(province, notice):
    text = notice("Giao Sở Tài chính chủ trì rà soát, hoàn thành trước ngày 01/3/2024.")
    directive = read_notice(text, province).directives[0]
    assert directive.deadline == date(2024, 3, 1)
    assert [f.code for f in directive.flags] == ["deadline_before_issue"]
    assert directive.flags[0].params == {"deadline": "2024-03-01", "issued_on": "2024-03-10"}


def test_issue_date_given_by_the_caller_wins(province, notice):
    text = notice("Giao Sở Tài chính chủ trì rà soát, hoàn thành trước ngày 01/3/2024.")
    directive = read_notice(text, province, issued_on=date(2024, 2, 1)).directives[0]
    assert directive.flags == []


def test_heading_period_applies_to_every_directive_without_its_own(province, notice):
    body = (
        "Nhiệm vụ trọng tâm 6 tháng cuối năm 2024:\n"
        "1. Sở Tài chính chủ trì cân đối nguồn vốn.\n"
        "2. Sở Y tế hoàn thành kiểm tra trước ngày 30/9/2024.\n"
        "3. Công an tỉnh thường xuyên nắm tình hình."
    )
    reading = read_notice(notice(body), province)
    assert reading.section_deadline == date(2024, 12, 31)
    assert [d.deadline for d in reading.directives] == [date(2024, 12, 31), date(2024, 9, 30), None]
    assert reading.directives[2].ongoing


def test_dates_of_the_notice_itself_are_not_deadlines(province, notice):
    reading = read_notice(notice("Giao Sở Tài chính chủ trì cân đối nguồn vốn."), province)
    assert reading.issued_on == date(2024, 3, 10)
    assert reading.directives[0].deadline is None


@pytest.mark.parametrize(
    ("phrase", "value", "written"),
    [
        ("báo cáo trong tháng 6", date(2024, 6, 30), "trong tháng 6"),
        ("hoàn thành trước năm 2025", date(2024, 12, 31), "trước năm 2025"),
        ("triển khai đến hết năm 2024", date(2024, 12, 31), "đến hết năm 2024"),
        ("rà soát những tháng cuối năm 2024", date(2024, 12, 31), "những tháng cuối năm 2024"),
    ],
)
def test_more_periods(phrase, value, written):
    assert [(h.value, h.text) for h in find_dates(phrase, 2024)] == [(value, written)]


def test_days_counted_from_the_notice_date():
    hits = find_dates("báo cáo trong thời hạn 15 ngày kể từ ngày ký", 2024, date(2024, 3, 10))
    assert [(h.value, h.text) for h in hits] == [(date(2024, 3, 25), "trong thời hạn 15 ngày")]
    assert find_dates("báo cáo trong 15 ngày", 2024) == []


def test_a_meeting_date_in_the_lead_in_is_not_a_section_deadline(province, notice):
    body = (
        "Ngày 05/3/2024, Chủ tịch UBND tỉnh chủ trì cuộc họp. Sau khi nghe báo cáo, Chủ tịch "
        "UBND tỉnh kết luận như sau:\n- Sở Y tế kiểm tra an toàn thực phẩm."
    )
    reading = read_notice(notice(body), province)
    assert reading.section_deadline is None
    assert reading.directives[0].deadline is None
