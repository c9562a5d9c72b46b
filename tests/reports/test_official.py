"""The official reports (NĐ 30/2020): the national header, every directive's full text, the
agencies' latest reports, the summary by status and the signature block, in DOCX and PDF;
the PDF looked at as page images."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from docx import Document as DocxDocument
from pypdf import PdfReader

from tracker.domain.reports.periods import parse_period

FULL_TEXT = (
    "Chỉ đạo kiện toàn Ban Chỉ đạo cấp xã, rà soát quy chế phối hợp giữa lực lượng công an, "
    "quân sự và các đoàn thể ở thôn, bản; báo cáo kết quả về Thường trực trước ngày 10/6/2026 "
    "để tổng hợp, trình Chủ tịch UBND tỉnh."
)


@pytest.fixture
def report_app(app, now, notice):
    app.config.update(
        FIXED_NOW=now,
        REPORT_PARENT_BODY="UBND tỉnh Lạng Sơn",
        REPORT_ISSUING_BODY="Văn phòng UBND tỉnh",
        REPORT_SYMBOL="BC-VP",
        REPORT_PLACE="Lạng Sơn",
        REPORT_SIGNER_TITLE="Chánh Văn phòng",
        REPORT_SIGNER_NAME="Nguyễn Văn An",
    )
    task = notice.by_name["T1/A"].task
    task.text = FULL_TEXT
    from tracker.extensions import db

    db.session.commit()
    return app


def docx_text(data: bytes) -> str:
    document = DocxDocument(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]

    def cells(tables):
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from (p.text for p in cell.paragraphs)
                    yield from cells(cell.tables)

    return "\n".join(lines + list(cells(document.tables)))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_notice_docx_is_an_official_report(report_app, notice, office, login):
    response = login(office).get(f"/reports/notices/{notice.document.id}/official.docx")
    assert response.status_code == 200
    document = DocxDocument(io.BytesIO(response.data))
    section = document.sections[0]
    sizes = [section.page_width, section.page_height, section.left_margin, section.right_margin]
    assert [round(size.mm) for size in sizes] == [210, 297, 30, 15]
    assert [round(s.mm) for s in (section.top_margin, section.bottom_margin)] == [20, 20]
    assert document.styles["Normal"].font.name == "Times New Roman"
    text = docx_text(response.data)
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND TỈNH LẠNG SƠN",
        "VĂN PHÒNG UBND TỈNH",
        "/BC-VP",
        "Lạng Sơn, ngày",
        "BÁO CÁO",
        "Tình hình thực hiện Thông báo số 75/TB-UBND ngày 30/03/2026 của UBND tỉnh Lạng Sơn",
        FULL_TEXT,
        "Xong 23/23 xã.",
        "Nơi nhận:",
        "CHÁNH VĂN PHÒNG",
        "Nguyễn Văn An",
        "Tỷ lệ hoàn thành đúng hạn: 20,0%",
    ):
        assert line in text, line
    # every directive's table repeats its header row on each page
    grids = [t for t in document.tables if t.style.name == "Table Grid"]
    assert len(grids) == 1 + 6
    assert all(t.rows[0]._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
    ) is not None for t in grids)  # fmt: skip


def test_notice_pdf_text_and_pages(report_app, notice, office, login):
    response = login(office).get(f"/reports/notices/{notice.document.id}/official.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    text = flat(pdf_text(response.data))
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "Nơi nhận:",
        "CHÁNH VĂN PHÒNG",
        "Nguyễn Văn An",
        "Xong 23/23 xã.",
        "Hoàn thành đúng hạn",
        "20,0%",
    ):
        assert line in text, line
    assert flat(FULL_TEXT) in text
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
        for font in [font.get_object()]
    }
    assert fonts and all("Liberation-Serif" in name or "Times" in name for name in fonts), fonts


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_pdf_pages_look_like_a_document(report_app, notice, office, login, tmp_path):
    """The first page as an image: ink in the letterhead, the body and the left margin of
    30 mm left white."""
    from PIL import Image

    data = login(office).get(f"/reports/notices/{notice.document.id}/official.pdf").data
    (tmp_path / "report.pdf").write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", "report.pdf", "page"],
        cwd=tmp_path,
        check=True,
    )
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    width, height = image.size
    assert abs(width / height - 210 / 297) < 0.01

    def ink(box):
        return sum(image.crop(box).histogram()[:128])  # pixels darker than mid-grey

    margin = int(width * 28 / 210)
    assert ink((0, 0, margin, height)) == 0  # the left margin is empty
    assert ink((margin, 0, width, height // 8)) > 50  # the letterhead
    assert ink((margin, height // 4, width, height)) > 500  # the body


def test_officer_sees_only_their_agency(report_app, notice, make_user, agencies, login):
    officer = make_user("agency", agency=agencies[notice.codes["D"]])
    client = login(officer)
    assert client.get(f"/reports/notices/{notice.document.id}/official.pdf").status_code == 200
    text = docx_text(client.get(f"/reports/notices/{notice.document.id}/official.docx").data)
    assert agencies[notice.codes["D"]].name in text
    assert agencies[notice.codes["A"]].name not in text


def test_period_report(report_app, notice, office, login, agencies):
    client = login(office)
    page = client.get("/reports/period?period=2026-06")
    assert page.status_code == 200
    assert "2026-Q2" in page.text and "2026-W24" in page.text
    data = client.get("/reports/period.docx?period=2026-06").data
    text = docx_text(data)
    assert "Sơ kết tình hình thực hiện nhiệm vụ tháng 6 năm 2026" in text
    assert "KẾT QUẢ THEO CƠ QUAN, ĐƠN VỊ" in text
    assert FULL_TEXT in text
    assert "T5:" not in text  # due 01/05: outside June
    pdf = flat(pdf_text(client.get("/reports/period.pdf?period=2026-Q2").data))
    assert "quý II năm 2026" in pdf and "T5: Chỉ đạo" in pdf


def test_bad_period_says_so(report_app, office, login):
    response = login(office).get("/reports/period.pdf?period=2026-13")
    assert response.status_code == 400
    assert "Chọn" in response.text or "Choose" in response.text


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2026-02", "2026-02-01", "2026-02-28"),
        ("2026-12", "2026-12-01", "2026-12-31"),
        ("2026-Q4", "2026-10-01", "2026-12-31"),
        ("2026-W01", "2025-12-29", "2026-01-04"),
    ],
)
def test_periods(value, start, end):
    period = parse_period(value)
    assert (str(period.start), str(period.end)) == (start, end)


def test_rates_on_pages_are_written_the_vietnamese_way(report_app, notice, office, login):
    client = login(office)
    page = client.get("/reports/scoreboard?period=quarter&year=2026&number=2").get_data(
        as_text=True
    )
    assert "100,0%" in page and "100.0" not in page
    client.post("/language", data={"lang": "en"})
    page = client.get("/reports/scoreboard?period=quarter&year=2026&number=2").get_data(
        as_text=True
    )
    assert "100.0%" in page
