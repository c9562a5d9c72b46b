"""Where the directives are, in the layouts real notices use."""

from __future__ import annotations

from tracker.domain.notices import read_notice


def starts(reading):
    return [" ".join(d.text.split()[:3]) for d in reading.directives]


def first_words(reading, count=4):
    return [" ".join(d.text.split()[:count]) for d in reading.directives]


def test_numbered_items_with_lettered_sub_items(province, notice):
    body = (
        "Sau khi nghe báo cáo, Chủ tịch UBND tỉnh kết luận như sau:\n"
        "1. Đánh giá chung\nNăm 2023, các ngành đã hoàn thành kế hoạch.\n"
        "2. Nhiệm vụ thời gian tới:\na) Sở Y tế kiểm tra an toàn thực phẩm.\n"
        "b) Giao Sở Tài chính bố trí kinh phí."
    )
    reading = read_notice(notice(body), province)
    assert reading.directive_section_heading == "Nhiệm vụ thời gian tới"
    assert first_words(reading) == ["Sở Y tế kiểm", "Giao Sở Tài chính"]


def test_roman_sections_and_decimal_items(province, notice):
    body = (
        "I. KẾT QUẢ\nCác ngành hoàn thành tốt nhiệm vụ được giao.\n"
        "II. Ý KIẾN KẾT LUẬN\n2.1. Sở Y tế kiểm tra an toàn thực phẩm.\n"
        "2.2. Công an tỉnh xử lý vi phạm."
    )
    assert first_words(read_notice(notice(body), province)) == ["Sở Y tế kiểm", "Công an tỉnh xử"]


def test_run_on_paragraph_with_several_assignments(province, notice):
    body = (
        "Chủ tịch UBND tỉnh có ý kiến như sau:\n"
        "Giao Sở Y tế chủ trì kiểm tra, hoàn thành trước ngày 30/6/2024; giao Sở Tài chính "
        "bố trí kinh phí; UBND các huyện, thành phố rà soát, báo cáo UBND tỉnh; Đề nghị "
        "Tỉnh Đoàn tuyên truyền."
    )
    reading = read_notice(notice(body), province)
    assert starts(reading) == ["Giao Sở Y", "giao Sở Tài", "UBND các huyện,", "Đề nghị Tỉnh"]
    assert [d.lead_codes for d in reading.directives][:2] == [["syt"], ["stc"]]


def test_plus_bullets_and_web_furniture(province):
    text = (
        "Skip to main content\nTrang chủ > Tin tức\n\nÝ kiến kết luận của Chủ tịch UBND tỉnh:\n"
        "+ Sở Y tế kiểm tra an toàn thực phẩm.\n+ Công an tỉnh xử lý vi phạm.\n"
        "Nguồn: Cổng thông tin điện tử\nChia sẻ: Facebook\n"
    )
    assert starts(read_notice(text, province)) == ["Sở Y tế", "Công an tỉnh"]


def test_table_rows_are_directives(province, notice):
    body = (
        "II. NHIỆM VỤ CỤ THỂ\n"
        "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành\n"
        "1 | Rà soát thủ tục | Sở Tài chính | Sở Y tế, Công an tỉnh | Quý II năm 2024\n"
        "2 | Báo cáo kết quả | Sở Ngoại vụ |  | Định kỳ hằng quý"
    )
    first, second = read_notice(notice(body), province).directives
    assert (first.lead_codes, first.support_codes) == (["stc"], ["syt", "ca"])
    assert first.deadline.isoformat() == "2024-06-30"
    assert first.text[slice(*first.deadline_span)] == "Quý II năm 2024"
    assert second.recurrence == "quarterly"
    assert second.lead[0].unmatched


def test_no_directive_section_uses_assignment_sentences(province, notice):
    body = (
        "Ngày 05/3/2024, Chủ tịch UBND tỉnh làm việc với Sở Y tế. Các đơn vị đã hoàn thành "
        "nhiều nhiệm vụ quan trọng trong năm qua. Yêu cầu Sở Y tế kiểm tra an toàn thực phẩm. "
        "Giao Sở Tài chính bố trí kinh phí, hoàn thành trước ngày 30/6/2024. Thời hạn này "
        "không được kéo dài."
    )
    reading = read_notice(notice(body), province)
    assert [f.code for f in reading.flags] == ["no_directive_section"]
    assert starts(reading) == ["Yêu cầu Sở", "Giao Sở Tài"]
    assert reading.directives[1].text.endswith("không được kéo dài.")


def test_notice_without_any_directive(province):
    reading = read_notice("Hội nghị diễn ra thành công tốt đẹp.", province)
    assert reading.directives == []
    assert [f.code for f in reading.flags] == ["no_directive_section", "no_directives"]


def test_footer_and_closing_formula_are_not_directives(province, notice):
    body = (
        "Ý kiến kết luận:\n1. Sở Y tế kiểm tra an toàn thực phẩm.\n"
        "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./."
    )
    reading = read_notice(notice(body), province)
    assert first_words(reading) == ["Sở Y tế kiểm"]


def test_wrapped_lines_are_joined(province, notice):
    body = (
        "Ý kiến kết luận:\n1. Giao Sở Y tế chủ trì kiểm tra an toàn\nthực phẩm, hoàn thành "
        "trước ngày\n30/6/2024.\n2. Công an tỉnh xử lý vi phạm."
    )
    reading = read_notice(notice(body), province)
    assert len(reading.directives) == 2
    assert reading.directives[0].deadline.isoformat() == "2024-06-30"


def test_to_json_shape(province, notice):
    data = read_notice(
        notice("Ý kiến kết luận:\n1. Sở Y tế kiểm tra hằng tháng."), province
    ).to_json()
    directive = data["directives"][0]
    assert set(directive) >= {
        "text",
        "text_start",
        "lead",
        "support",
        "lead_agencies",
        "support_agencies",
        "deadline",
        "deadline_text",
        "recurrence",
        "ongoing",
        "flags",
    }
    assert "milestones" not in directive
    assert directive["recurrence"] == "monthly"


def test_background_heading_that_names_tasks_is_not_the_directive_section(province, notice):
    body = (
        "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2023\n1. Sở Y tế đã hoàn thành kế hoạch.\n"
        "II. NHIỆM VỤ NĂM 2024\n1. Sở Y tế kiểm tra an toàn thực phẩm."
    )
    reading = read_notice(notice(body), province)
    assert reading.directive_section_heading == "NHIỆM VỤ NĂM 2024"
    assert first_words(reading) == ["Sở Y tế kiểm"]


def test_assessment_items_under_a_lead_in_are_skipped(province, notice):
    body = (
        "Chủ tịch UBND tỉnh kết luận như sau:\n1. Đánh giá chung\n"
        "Các ngành đã hoàn thành tốt nhiệm vụ.\n2. Thời gian tới:\n"
        "a) Sở Y tế kiểm tra an toàn thực phẩm."
    )
    assert first_words(read_notice(notice(body), province)) == ["Sở Y tế kiểm"]


def test_ordinal_words_and_agency_labels(province, notice):
    body = (
        "Ý kiến kết luận:\nMột là, Sở Y tế kiểm tra an toàn thực phẩm.\n"
        "Hai là, Công an tỉnh: xử lý nghiêm các vi phạm.\n"
        "Sở Tài chính:\nBố trí kinh phí cho các nhiệm vụ trên."
    )
    reading = read_notice(notice(body), province)
    assert first_words(reading) == ["Sở Y tế kiểm", "xử lý nghiêm các", "Bố trí kinh phí"]
    assert [d.lead_codes for d in reading.directives] == [["syt"], ["ca"], ["stc"]]
