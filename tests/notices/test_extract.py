"""Getting text out of uploads, and the clear errors for files that have none."""

from __future__ import annotations

import io
import unicodedata
import zipfile

import pytest

from tracker.domain.notices import NoticeFileError, extract_text, read_notice

TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters precomposed, tone marks combining."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


NOTICE = "Giao Sở Tài chính chủ trì, hoàn thành trước ngày 30/6/2024."


def error_code(filename, data, **kwargs):
    with pytest.raises(NoticeFileError) as caught:
        extract_text(filename, data, **kwargs)
    assert caught.value.message
    return caught.value.code


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (NOTICE.encode("utf-8"), NOTICE),
        (NOTICE.encode("utf-8-sig"), NOTICE),
        (NOTICE.encode("utf-16"), NOTICE),
        (_cp1258("Sở Tài chính"), "Sở Tài chính"),
    ],
)
def test_plain_text_encodings(data, expected):
    assert unicodedata.normalize("NFC", extract_text("notice.txt", data)) == expected


def test_empty_file():
    assert error_code("notice.txt", b"") == "empty_file"


def test_whitespace_only_file():
    assert error_code("notice.txt", b"  \n\n ") == "no_text"


def test_binary_bytes():
    assert error_code("notice.txt", bytes(range(256)) * 8) == "binary_file"


def test_file_too_large():
    assert error_code("notice.txt", b"a" * 101, max_bytes=100) == "file_too_large"


def test_unsupported_type():
    assert error_code("notice.doc", b"\xd0\xcf\x11\xe0 old word") == "unsupported_type"
    assert error_code("notice.xyz", b"hello") == "unsupported_type"


def test_real_docx_paragraphs_and_table(make_docx):
    data = make_docx(
        ["ỦY BAN NHÂN DÂN", "Ý kiến kết luận:", "1. Sở Y tế kiểm tra an toàn thực phẩm."],
        table=[
            ["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian hoàn thành"],
            ["1", "Rà soát thủ tục", "Sở Tài chính", "Quý II năm 2024"],
        ],
    )
    text = extract_text("notice.docx", data)
    assert "1. Sở Y tế kiểm tra an toàn thực phẩm." in text
    assert "1 | Rà soát thủ tục | Sở Tài chính | Quý II năm 2024" in text


def test_docx_reads_through_to_directives(make_docx, province):
    data = make_docx(
        ["Ý kiến kết luận:", "1. Giao Sở Y tế kiểm tra, hoàn thành trước ngày 30/6/2024."]
    )
    reading = read_notice(extract_text("notice.docx", data), province)
    assert reading.directives[0].lead_codes == ["syt"]


def test_corrupt_docx():
    assert error_code("notice.docx", b"PK\x03\x04 this is not really a zip") == "corrupt_file"


def test_zip_that_is_not_a_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert error_code("notice.docx", buffer.getvalue()) == "corrupt_file"


def test_pdf_with_text_layer(make_pdf):
    data = make_pdf(["Giao So Tai chinh chu tri,", "hoan thanh truoc ngay 30/6/2024."])
    text = extract_text("notice.pdf", data)
    assert "Giao So Tai chinh chu tri" in text
    assert "30/6/2024" in text


def test_scanned_pdf_without_text(make_pdf):
    assert error_code("scan.pdf", make_pdf(None)) == "scanned_pdf"


def test_corrupt_pdf():
    assert error_code("notice.pdf", b"%PDF-1.4\n garbage that is not a pdf") == "corrupt_file"


def test_pdf_recognised_by_content_whatever_its_name(make_pdf):
    assert "Giao So" in extract_text("upload", make_pdf(["Giao So Y te kiem tra."]))
