"""Hostile uploads (issue 11, items 2 and 3): refused before they cost memory or time."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.notices.conftest import hand_made_pdf
from tracker.domain.notices import NoticeFileError, extract_text
from tracker.domain.notices.extract import ExtractLimits

MB = 1024 * 1024


def _refusal(filename: str, data: bytes, **limits) -> str:
    with pytest.raises(NoticeFileError) as caught:
        extract_text(filename, data, limits=ExtractLimits(**limits))
    assert caught.value.message
    return caught.value.code


def _with_member(docx: bytes, name: str, size: int) -> bytes:
    """A real .docx with one more part of `size` zero bytes (deflates about 1000:1)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with target.open(info, "w", force_zip64=True) as part:
            for _ in range(size // MB):
                part.write(bytes(MB))
    return out.getvalue()


def test_docx_bomb_refused_by_its_inflation_ratio(make_docx):
    bomb = _with_member(make_docx(["Giao Sở Y tế kiểm tra."]), "word/media/pad.bin", 20 * MB)
    assert len(bomb) < MB
    assert _refusal("bomb.docx", bomb) == "archive_bomb"


def test_docx_bomb_refused_by_member_and_total_size(make_docx):
    bomb = _with_member(make_docx(["Giao Sở Y tế kiểm tra."]), "word/media/pad.bin", 3 * MB)
    assert _refusal("bomb.docx", bomb, member_bytes=2 * MB, ratio=10_000) == "archive_bomb"
    assert _refusal("bomb.docx", bomb, total_bytes=2 * MB, ratio=10_000) == "archive_bomb"
    assert _refusal("bomb.docx", bomb, members=3) == "archive_bomb"


def test_docx_within_the_limits_is_read(make_docx):
    data = _with_member(make_docx(["Giao Sở Y tế kiểm tra."]), "word/media/pad.bin", 1 * MB)
    assert "Giao Sở Y tế" in extract_text("notice.docx", data)


def test_pdf_listing_one_page_thousands_of_times_is_refused():
    bomb = hand_made_pdf(["3 0 R"] * 2000, {})
    assert len(bomb) < 20_000
    assert _refusal("bomb.pdf", bomb) == "too_many_pages"


def test_pdf_nested_page_tree_bomb_is_refused():
    # 24 levels of nodes that list the next level twice: 2**24 pages once flattened.
    levels = {
        n: f"<< /Type /Pages /Kids [{n + 1} 0 R {n + 1} 0 R] /Count 2 >>" for n in range(6, 30)
    }
    levels[30] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    assert _refusal("bomb.pdf", hand_made_pdf(["6 0 R"], levels)) == "too_many_pages"


def test_pdf_with_too_much_text_is_refused():
    assert _refusal("long.pdf", hand_made_pdf(["3 0 R"] * 20, {}), chars=500) == "too_much_text"


def test_pdf_within_the_limits_is_read():
    assert "Giao So Y te" in extract_text("notice.pdf", hand_made_pdf(["3 0 R"] * 3, {}))


def test_text_file_with_too_much_text_is_refused():
    assert _refusal("long.txt", "Giao Sở Y tế. ".encode() * 100, chars=1000) == "too_much_text"
