"""Issuer, number, date, title and kind from the different header layouts."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.notices import read_notice


def header(text, agencies=()):
    reading = read_notice(text, list(agencies))
    return reading.issuer, reading.number, reading.issued_on, reading.year, reading.kind


def test_formal_two_column_header(notice):
    assert header(notice("Giao Sở Y tế kiểm tra.")) == (
        "UBND tỉnh Hòa Bình",
        "12/TB-UBND",
        date(2024, 3, 10),
        2024,
        "thong_bao_ket_luan",
    )


def test_title_joins_kind_and_subject(notice):
    reading = read_notice(notice("Giao Sở Y tế kiểm tra."), [])
    assert reading.title == "Thông báo kết luận của Chủ tịch UBND tỉnh tại cuộc họp"


@pytest.mark.parametrize(
    ("kind_line", "number", "kind"),
    [
        ("CHỈ THỊ", "05/CT-UBND", "chi_thi"),
        ("KẾ HOẠCH", "88/KH-UBND", "ke_hoach"),
        ("QUYẾT ĐỊNH", "1234/QĐ-UBND", "quyet_dinh"),
        ("THÔNG BÁO", "77/TB-VP", "thong_bao"),
    ],
)
def test_kind_from_the_kind_line(notice, kind_line, number, kind):
    text = notice(
        "Giao Sở Y tế kiểm tra.",
        kind=kind_line,
        number=number,
        subject="Về việc tăng cường phòng chống dịch",
    )
    assert read_notice(text, []).kind == kind


def test_party_number_and_issuer():
    text = (
        "TỈNH ỦY BÌNH ĐỊNH          ĐẢNG CỘNG SẢN VIỆT NAM\n*\n"
        "Số 1250-TB/TU          Quy Nhơn, ngày 25 tháng 4 năm 2024\n\nTHÔNG BÁO\n"
        "KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY\nvề công tác cán bộ\n\nNội dung."
    )
    reading = read_notice(text, [])
    assert (reading.issuer, reading.number, reading.issued_on) == (
        "Tỉnh ủy Bình Định",
        "1250-TB/TU",
        date(2024, 4, 25),
    )
    assert reading.title == "Thông báo kết luận của Ban Thường vụ Tỉnh ủy về công tác cán bộ"


def test_official_letter_with_subject_line():
    text = (
        "UBND TỈNH BẮC GIANG\nSố: 3185/UBND-KTN\nV/v phòng, chống thiên tai\n"
        "Bắc Giang, ngày 22 tháng 7 năm 2024\n\nKính gửi:\n- Các sở, ban, ngành;\n\n"
        "Giao Sở Công Thương kiểm tra."
    )
    reading = read_notice(text, [])
    assert reading.kind == "cong_van"
    assert reading.title == "Công văn về việc phòng, chống thiên tai"
    assert reading.issuer == "UBND tỉnh Bắc Giang"


def test_web_page_copy(sample_path, lang_son_agencies):
    reading = read_notice(sample_path.read_text(encoding="utf-8"), lang_son_agencies)
    assert (reading.issuer, reading.number, reading.issued_on, reading.year) == (
        "UBND tỉnh Lạng Sơn",
        "75/TB-UBND",
        None,
        2010,
    )


def test_issuing_office_of_a_province():
    text = (
        "UBND TỈNH CÀ MAU\nVĂN PHÒNG\nSố: 145/TB-VP    Cà Mau, ngày 14 tháng 11 năm 2022\n\n"
        "THÔNG BÁO\nÝ kiến của Phó Chủ tịch UBND tỉnh\n\nNội dung."
    )
    assert read_notice(text, []).issuer == "Văn phòng UBND tỉnh Cà Mau"


def test_text_without_header():
    reading = read_notice("Giao Sở Y tế kiểm tra an toàn thực phẩm.", [])
    assert (reading.issuer, reading.number, reading.issued_on, reading.year) == (
        None,
        None,
        None,
        None,
    )
    assert reading.kind == "other"


def test_newspaper_article_about_a_notice(corpus_dir, corpus_agencies):
    text = (corpus_dir / "13-binh-duong-web-article.txt").read_text(encoding="utf-8")
    reading = read_notice(text, corpus_agencies)
    assert (reading.number, reading.issued_on) == ("410/TB-UBND", date(2024, 11, 27))
    assert reading.title.startswith("Thông báo kết luận của Chủ tịch UBND tỉnh tại cuộc họp")
