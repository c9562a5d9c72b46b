"""Lead, support, report recipients and objects of the work."""

from __future__ import annotations

import pytest

from tracker.domain.notices import read_notice


def roles(province, notice, body):
    text = notice("Ý kiến kết luận của Chủ tịch UBND tỉnh:\n" + body)
    (directive,) = read_notice(text, province).directives
    return [m.text for m in directive.lead], [m.text for m in directive.support]


@pytest.mark.parametrize(
    ("body", "lead", "support"),
    [
        (
            "Giao Sở Tài chính chủ trì, phối hợp với Sở Y tế rà soát, báo cáo UBND tỉnh.",
            ["Sở Tài chính"],
            ["Sở Y tế"],
        ),
        ("Giao cho Sở Tài chính tham mưu UBND tỉnh bố trí kinh phí.", ["Sở Tài chính"], []),
        (
            "Đề nghị Ủy ban MTTQ Việt Nam tỉnh và Tỉnh Đoàn tuyên truyền, vận động nhân dân.",
            ["Ủy ban MTTQ Việt Nam tỉnh", "Tỉnh Đoàn"],
            [],
        ),
        ("Yêu cầu Công an tỉnh xử lý nghiêm các vi phạm.", ["Công an tỉnh"], []),
        (
            "Sở Y tế chủ trì, phối hợp với Sở Tài chính, UBND các huyện, thành phố kiểm tra.",
            ["Sở Y tế"],
            ["Sở Tài chính", "UBND các huyện, thành phố"],
        ),
        (
            "Tăng cường phối hợp giữa lực lượng Công an với Tỉnh Đoàn và Sở Y tế.",
            ["Công an"],
            ["Tỉnh Đoàn", "Sở Y tế"],
        ),
        (
            "Sở Y tế kiểm tra các cơ sở khám bệnh, báo cáo về Sở Tài chính trước ngày 30/6/2024.",
            ["Sở Y tế"],
            [],
        ),
        ("Sở Tài chính rà soát, gửi UBND tỉnh trước ngày 30/6/2024.", ["Sở Tài chính"], []),
        ("Sở Tài chính tổng hợp, đề xuất UBND tỉnh xem xét.", ["Sở Tài chính"], []),
        (
            "UBND các huyện, thành phố chỉ đạo UBND các xã, phường, thị trấn rà soát.",
            ["UBND các huyện, thành phố"],
            [],
        ),
        (
            "Giao Sở Ngoại vụ chủ trì, phối hợp với Sở Tư pháp rà soát các điều ước quốc tế.",
            ["Sở Ngoại vụ"],
            ["Sở Tư pháp"],
        ),
        ("Thời gian tới, Sở Y tế chủ trì triển khai tiêm chủng.", ["Sở Y tế"], []),
        ("Sở Tài chính đã phối hợp tốt với Sở Y tế trong năm qua.", [], []),
        ("Tiếp tục đẩy mạnh tuyên truyền trong nhân dân.", [], []),
    ],
)
def test_roles(province, notice, body, lead, support):
    assert roles(province, notice, body) == (lead, support)


def test_unknown_agencies_are_kept_and_flagged(province, notice):
    (directive,) = read_notice(
        notice("Giao Sở Ngoại vụ chủ trì, phối hợp với Sở Tư pháp rà soát."), province
    ).directives
    assert [m.unmatched for m in directive.lead + directive.support] == [True, True]
    assert [f.code for f in directive.flags] == ["unknown_agency", "unknown_agency"]


def test_support_does_not_repeat_the_lead(province, notice):
    (directive,) = read_notice(
        notice("Sở Y tế chủ trì, phối hợp với các sở, ngành liên quan triển khai."), province
    ).directives
    assert "syt" not in directive.support_codes
    assert "stc" in directive.support_codes


def test_an_agency_heading_gives_its_bullets_their_lead(province, notice):
    body = (
        "Chủ tịch UBND tỉnh yêu cầu:\n1. Sở Y tế:\n- Kiểm tra an toàn thực phẩm.\n"
        "- Phối hợp với Tỉnh Đoàn tuyên truyền.\n2. Công an tỉnh xử lý vi phạm."
    )
    directives = read_notice(notice(body), province).directives
    assert [[m.text for m in d.lead] for d in directives] == [
        ["Sở Y tế"],
        ["Sở Y tế"],
        ["Công an tỉnh"],
    ]
    assert [m.text for m in directives[1].support] == ["Tỉnh Đoàn"]


@pytest.mark.parametrize(
    ("body", "lead", "support"),
    [
        ("Giao Giám đốc Sở Y tế chỉ đạo kiểm tra an toàn thực phẩm.", ["Sở Y tế"], []),
        ("UBND tỉnh giao Sở Tài chính bố trí kinh phí.", ["Sở Tài chính"], []),
        ("Chủ tịch UBND tỉnh đồng ý chủ trương; giao Sở Y tế thực hiện.", ["Sở Y tế"], []),
        (
            "Đề nghị Sở Y tế phối hợp chặt chẽ với Công an tỉnh kiểm tra.",
            ["Sở Y tế"],
            ["Công an tỉnh"],
        ),
    ],
)
def test_more_roles(province, notice, body, lead, support):
    assert roles(province, notice, body) == (lead, support)


def test_the_speaker_assigns_after_an_introduction(province, notice):
    body = (
        "Đối với đề xuất của Sở Y tế về kinh phí, Chủ tịch UBND tỉnh giao Sở Tài chính chủ trì, "
        "phối hợp với Sở Y tế rà soát."
    )
    assert roles(province, notice, body) == (["Sở Tài chính"], ["Sở Y tế"])


def test_departments_and_localities(province, notice):
    text = notice("Ý kiến kết luận:\nYêu cầu các sở, ngành, địa phương tháo gỡ khó khăn.")
    (directive,) = read_notice(text, province).directives
    assert {"stc", "syt", "tp", "lacson"} <= set(directive.lead_codes)
