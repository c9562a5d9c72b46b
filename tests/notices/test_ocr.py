"""Scanned PDFs (issue 16): a notice rendered to a noisy, skewed image in a PDF, read by OCR."""

from __future__ import annotations

import difflib
import io
import random
import shutil

import pytest

from tracker.domain.notices import NoticeFileError, extract_text, read_notice

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BODY = [
    "Ý kiến kết luận của Chủ tịch UBND tỉnh như sau:",
    "1. Giao Sở Tài chính chủ trì, phối hợp với Sở Y tế rà soát kinh phí",
    "mua sắm thiết bị y tế, báo cáo UBND tỉnh trước ngày 30/6/2024.",
    "2. Giao Công an tỉnh tăng cường kiểm tra, xử lý vi phạm trật tự",
    "an toàn giao thông; báo cáo kết quả hằng tháng.",
]

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="needs Debian's tesseract-ocr and tesseract-ocr-vie (scripts/test installs them)",
)


def scanned_pdf(lines: list[str], skew: float = 1.5, noise: float = 0.02) -> bytes:
    """Render lines as a 200 dpi page, add speckles, turn it a little, and wrap it in a PDF."""
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("L", (1654, 1000), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 30)
    for i, line in enumerate(lines):
        draw.text((100, 100 + i * 60), line, font=font, fill=0)
    rng = random.Random(16)
    pixels = page.load()
    for _ in range(int(page.width * page.height * noise)):
        pixels[rng.randrange(page.width), rng.randrange(page.height)] = rng.choice((0, 90, 255))
    page = page.rotate(skew, expand=True, fillcolor=255)
    out = io.BytesIO()
    page.convert("RGB").save(out, "PDF", resolution=200)
    return out.getvalue()


def accuracy(read: str, truth: str) -> float:
    """Share of characters right (1 - a character error rate), spacing ignored."""
    a, b = " ".join(read.split()), " ".join(truth.split())
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@needs_tesseract
def test_a_scanned_notice_is_read_by_ocr(province, make_pdf):
    data = scanned_pdf(BODY)
    assert "Giao" not in extract_text("text-layer.pdf", make_pdf(["x"]))  # a real text layer
    text = extract_text("scan.pdf", data)
    score = accuracy(text, "\n".join(BODY))
    print(f"OCR character accuracy on the noisy, skewed scan: {score:.3f}")
    assert score >= 0.9
    reading = read_notice(text, province)
    assert [[m.text for m in d.lead] for d in reading.directives] == [
        ["Sở Tài chính"],
        ["Công an tỉnh"],
    ]


def test_a_scan_without_ocr_installed_gets_a_clear_refusal():
    with pytest.raises(NoticeFileError) as caught:
        extract_text("scan.pdf", scanned_pdf(BODY[:1]), ocr_command="/nonexistent/tesseract")
    assert caught.value.code == "ocr_unavailable"
    assert "OCR" in caught.value.message
