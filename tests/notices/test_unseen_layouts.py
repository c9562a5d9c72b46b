"""Layouts and names met in real notices the reader had never seen (issue 16)."""

from __future__ import annotations

from datetime import date

from tracker.domain.notices import read_notice


def _leads(directive):
    return [m.text for m in directive.lead]


def test_items_under_a_heading_after_the_conclusion_lead_in(province, notice):
    body = (
        "Chủ tịch UBND tỉnh kết luận như sau:\nI. ĐÁNH GIÁ CHUNG\n"
        "Năm 2025, tình hình an ninh nông thôn cơ bản ổn định.\n"
        "II. MỘT SỐ NHIỆM VỤ TRỌNG TÂM NĂM 2026\n"
        "1. Giao Công an tỉnh chủ trì, phối hợp với Hội Nông dân tỉnh theo dõi tình hình an ninh"
        " nông thôn; báo cáo định kỳ hằng tháng về UBND tỉnh trước ngày 20 hằng tháng.\n"
        "2. Giao Sở Y tế kiểm tra an toàn thực phẩm trong quý III/2026."
    )
    reading = read_notice(notice(body, day="ngày 10 tháng 01 năm 2026"), province)
    assert [_leads(d) for d in reading.directives] == [["Công an tỉnh"], ["Sở Y tế"]]
    assert [m.text for m in reading.directives[0].support] == ["Hội Nông dân tỉnh"]
    assert reading.directives[0].recurrence == "monthly"
    assert reading.directives[1].deadline == date(2026, 9, 30)


def test_conclusion_and_assignment_lead_in_without_heading(province, notice):
    body = (
        "Sau khi nghe Sở Tài chính báo cáo, Chủ tịch UBND tỉnh kết luận và giao nhiệm vụ như sau:\n"
        "Giao Sở Tài chính chủ trì, phối hợp với Sở Y tế rà soát kinh phí, báo cáo UBND tỉnh"
        " trong 10 ngày làm việc.\n"
        "Yêu cầu Công an tỉnh tăng cường kiểm tra, xử lý vi phạm trước tháng 10."
    )
    reading = read_notice(notice(body, day="ngày 09 tháng 01 năm 2026"), province)
    assert [_leads(d) for d in reading.directives] == [["Sở Tài chính"], ["Công an tỉnh"]]
    # Friday 9 January 2026 + 10 working days (weekends skipped) = Friday 23 January.
    assert reading.directives[0].deadline == date(2026, 1, 23)
    assert reading.directives[1].deadline == date(2026, 9, 30)


def test_working_days_come_from_the_calendar_given(province, notice):
    body = "Giao Sở Tài chính báo cáo UBND tỉnh trong 3 ngày làm việc."
    every_day = lambda day, count: date.fromordinal(day.toordinal() + count)  # noqa: E731
    reading = read_notice(
        notice(body, day="ngày 09 tháng 01 năm 2026"), province, add_working_days=every_day
    )
    assert reading.directives[0].deadline == date(2026, 1, 12)


def test_unknown_agency_names_with_va_are_proposed_whole(province, notice):
    body = (
        "Ý kiến kết luận:\n"
        "1. Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính rà soát các dự án.\n"
        "2. Sở Nông nghiệp và Phát triển nông thôn chủ trì kiểm tra an toàn thực phẩm.\n"
        "3. Giao Sở Y tế và Sở Tài chính phối hợp kiểm tra."
    )
    reading = read_notice(notice(body), province)
    assert _leads(reading.directives[0]) == ["Sở Khoa học và Công nghệ"]
    assert _leads(reading.directives[1]) == ["Sở Nông nghiệp và Phát triển nông thôn"]
    assert {f.code for f in reading.directives[0].flags} == {"unknown_agency"}
    assert _leads(reading.directives[2]) == ["Sở Y tế", "Sở Tài chính"]


def test_number_cited_in_a_sentence_does_not_hide_the_body(province):
    text = (
        "UBND tỉnh có ý kiến như sau:\n"
        "Giao Sở Tài chính chủ trì, phối hợp các đơn vị liên quan đề xuất; hoàn thành trước ngày"
        " 10/12/2023./.\n(Theo Công văn số 6202/UBND-KT, ngày 23/11/2023)"
    )
    reading = read_notice(text, province)
    assert [_leads(d) for d in reading.directives] == [["Sở Tài chính"]]
    assert reading.number == "6202/UBND-KT"


def test_decision_articles_laid_out_by_a_legal_database(province):
    text = (
        "QUYẾT ĐỊNH:\nĐiều 1.\nBan hành kèm theo Quyết định này Kế hoạch thực hiện\n"
        "Chương trình phát triển công tác xã hội giai đoạn 2021 - 2025.\nĐiều 2.\n"
        "Giao Sở Tài chính chủ trì, phối hợp với Sở Y tế tổ chức triển khai thực hiện\n"
        "Kế hoạch này trên địa bàn tỉnh.\nĐiều 3.\nChánh Văn phòng UBND tỉnh; Giám đốc các Sở:"
        " Lao động\n- Thương binh và Xã hội, Tài chính, Y tế; Chủ tịch UBND các huyện chịu trách"
        " nhiệm thi hành Quyết định này./."
    )
    reading = read_notice(text, province)
    assert [d.text for d in reading.directives] == [
        "Giao Sở Tài chính chủ trì, phối hợp với Sở Y tế tổ chức triển khai thực hiện"
        " Kế hoạch này trên địa bàn tỉnh."
    ]


def test_speaker_other_than_the_chairman(province):
    text = (
        "Lãnh đạo tỉnh yêu cầu Sở Tài chính có trách nhiệm khẩn trương hoàn thiện thủ tục."
        " Theo phân cấp, ủy quyền, Sở Y tế chủ trì, phối hợp với Sở Tài chính kiểm tra."
    )
    reading = read_notice(text, province)
    assert [_leads(d) for d in reading.directives] == [["Sở Tài chính"], ["Sở Y tế"]]


def test_qualified_collective_is_a_question_not_an_expansion(province, notice):
    body = (
        "Ý kiến kết luận:\n1. Giao Sở Tài chính chủ trì, phối hợp với UBND các huyện"
        " (có đất rừng trên địa bàn) rà soát diện tích rừng.\n"
        "2. Giao Sở Y tế chủ trì, phối hợp với UBND các huyện kiểm tra."
    )
    reading = read_notice(notice(body), province)
    qualified, plain = (d.support[0] for d in reading.directives)
    assert qualified.text == "UBND các huyện (có đất rừng trên địa bàn)"
    assert qualified.codes == ()
    flag = next(f for f in reading.directives[0].flags if f.code == "qualified_collective")
    assert set(flag.params["codes"]) == set(plain.codes) and plain.codes


def test_news_report_speakers_and_narration(province):
    text = (
        "Đồng chí Nguyễn Văn A, Giám đốc Sở Tài chính báo cáo tình hình thu ngân sách.\n"
        "Sau khi nghe báo cáo, Chủ tịch UBND tỉnh đã chỉ đạo Sở Y tế kiểm tra các cơ sở.\n"
        "(Baohoabinh.vn) - Sở Tài chính đề nghị Công an tỉnh phối hợp kiểm tra.\n"
        "Sở Y tế đề xuất UBND tỉnh giao Sở Tài chính bố trí kinh phí."
    )
    reading = read_notice(text, province)
    assert [_leads(d) for d in reading.directives] == [["Sở Y tế"], ["Công an tỉnh"]]


def test_support_list_separated_by_semicolons(province):
    text = (
        "Chủ tịch UBND tỉnh giao Sở Tài chính chủ trì thực hiện; phối hợp Sở Y tế; Tỉnh Đoàn;"
        " UBND các huyện và các đơn vị liên quan thực hiện theo lộ trình."
    )
    (directive,) = read_notice(text, province).directives
    assert _leads(directive) == ["Sở Tài chính"]
    assert [m.text for m in directive.support][:3] == ["Sở Y tế", "Tỉnh Đoàn", "UBND các huyện"]


def test_an_item_that_assigns_under_a_background_heading(province, notice):
    body = (
        "Chủ tịch UBND tỉnh yêu cầu các sở, ngành triển khai với các nội dung sau:\n"
        "I. ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN NĂM 2024\n"
        "Căn cứ kế hoạch của tỉnh và tình hình thực hiện năm 2024, yêu cầu Sở Tài chính khẩn"
        " trương đánh giá tình hình thực hiện.\n"
        "Năm 2024, thu ngân sách đạt 95% dự toán."
    )
    reading = read_notice(notice(body), province)
    assert [_leads(d) for d in reading.directives] == [["Sở Tài chính"]]


def test_standard_names_and_2025_mergers_come_from_the_national_list():
    from tracker.domain.notices import AgencyRef

    registry = [
        AgencyRef("ubnd", "UBND tỉnh Hòa Bình", "province", ("UBND tỉnh",), None),
        AgencyRef("stc", "Sở Tài chính", "department", (), "ubnd"),
        AgencyRef("snnmt", "Sở Nông nghiệp và Môi trường", "department", (), "ubnd"),
        AgencyRef("syt", "Sở Y tế", "department", (), "ubnd"),
    ]
    text = (
        "Ý kiến kết luận:\n1. Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở NN&MT rà soát"
        " các dự án.\n2. Giao Sở Ngoại vụ chủ trì đón đoàn."
    )
    first, second = read_notice(text, registry).directives
    assert [m.codes for m in first.lead] == [("stc",)]  # merged into Sở Tài chính in 2025
    assert [m.codes for m in first.support] == [("snnmt",)]  # an abbreviation of the list
    merged = [f for f in first.flags if f.code == "merged_agency"]
    assert [f.params["successor"] for f in merged] == ["Sở Tài chính"]
    assert [f.code for f in second.flags] == ["unknown_agency"]  # not in this registry
