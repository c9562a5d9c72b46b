"""Phrasings met in blind rounds: run-on clauses, status dates, head lists, attribute bullets."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.notices import read_notice
from tracker.domain.notices.agencies import AgencyIndex
from tracker.domain.notices.deadlines import find_dates


def directives(province, notice, body, **kwargs):
    return read_notice(notice("Ý kiến kết luận:\n" + body, **kwargs), province).directives


def leads(reading_directives):
    return [d.lead_codes for d in reading_directives]


def test_a_comma_before_a_new_giao_starts_a_new_directive(province, notice):
    found = directives(
        province,
        notice,
        "Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính kiểm tra, xong trước ngày 30/6/2024, "
        "giao Công an tỉnh xử lý vi phạm, đồng thời đề nghị Tỉnh Đoàn tuyên truyền.",
    )
    assert leads(found) == [["syt"], ["ca"], ["doan"]]
    assert found[0].support_codes == ["stc"]
    assert found[0].deadline == date(2024, 6, 30)


def test_chair_then_cooperating_agencies_after_a_semicolon(province, notice):
    (found,) = directives(
        province, notice, "Sở Tài chính chủ trì; Sở Y tế, Công an tỉnh phối hợp rà soát."
    )
    assert (found.lead_codes, found.support_codes) == (["stc"], ["syt", "ca"])


def test_head_written_once_for_a_list(province, notice):
    (found,) = directives(
        province, notice, "Giao các sở: Tài chính, Kế hoạch và Đầu tư rà soát kinh phí."
    )
    assert [m.text for m in found.lead] == ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"]
    assert found.lead_codes == ["stc", "skhdt"]


@pytest.mark.parametrize(
    "phrase",
    [
        "Đến ngày 30/9/2024, tỷ lệ giải ngân mới đạt 45%",
        "số liệu tính từ ngày 01/10/2023 đến ngày 30/9/2024",
    ],
)
def test_status_dates_and_reporting_periods_are_not_deadlines(phrase):
    assert find_dates(phrase, 2024) == []


def test_a_target_date_is_still_a_deadline():
    (hit,) = find_dates("phấn đấu đến ngày 30/6/2024 đạt 80% dân số", 2024)
    assert hit.value == date(2024, 6, 30)


def test_assessment_under_the_lead_in_is_not_a_directive(province, notice):
    found = directives(
        province,
        notice,
        "1. Đến ngày 30/9/2024, vốn giải ngân đạt 52% kế hoạch.\n2. Sở Y tế kiểm tra.",
    )
    assert leads(found) == [["syt"]]


def test_days_are_counted_from_the_notice_date(province, notice):
    (found,) = directives(province, notice, "Sở Y tế báo cáo trong 15 ngày.")
    assert (found.deadline, found.deadline_text) == (date(2024, 3, 25), "trong 15 ngày")


def test_task_with_attribute_bullets_is_one_directive(province, notice):
    body = (
        "1. Rà soát thủ tục hành chính\n- Cơ quan chủ trì: Sở Tài chính.\n"
        "- Cơ quan phối hợp: Sở Y tế, Công an tỉnh.\n- Thời gian hoàn thành: năm 2024."
    )
    (found,) = directives(province, notice, body)
    assert (found.lead_codes, found.support_codes) == (["stc"], ["syt", "ca"])
    assert found.deadline == date(2024, 12, 31)


def test_addressees_and_a_trailing_submission_paragraph(province):
    text = (
        "UBND TỈNH HÒA BÌNH\nSỞ TÀI CHÍNH\nSố: 45/STC-NS\nV/v báo cáo tình hình dự toán\n"
        "Hòa Bình, ngày 10 tháng 3 năm 2024\n\nKính gửi:\n- Sở Y tế;\n- Công an tỉnh.\n\n"
        "Sở Tài chính đề nghị các cơ quan, đơn vị thực hiện một số nội dung sau:\n"
        "1. Báo cáo tình hình thực hiện dự toán quý I.\n2. Rà soát các khoản chi.\n"
        "Báo cáo gửi về Sở Tài chính trước ngày 31/3/2024.\n"
    )
    found = read_notice(text, province).directives
    assert [d.lead_codes for d in found] == [["syt", "ca"], ["syt", "ca"]]
    assert [d.deadline for d in found] == [date(2024, 3, 31)] * 2


def test_budget_line_is_not_a_standing_duty(province, notice):
    (found,) = directives(province, notice, "Sở Tài chính tiết kiệm 10% chi thường xuyên.")
    assert not found.ongoing


def test_report_recipients_never_lead(province, notice):
    (found,) = directives(
        province, notice, "Sở Y tế kiểm tra, tham mưu UBND tỉnh, gửi Sở Tài chính tổng hợp."
    )
    assert found.lead_codes == ["syt"]


def test_the_registry_index_is_built_once_per_registry(province):
    assert AgencyIndex(province).registry is AgencyIndex(list(province)).registry
