"""Downloads read back: XLSX, DOCX and CSV keep Vietnamese text and never carry formulas."""

from __future__ import annotations

import csv
import io

import pytest
from docx import Document as DocxDocument
from openpyxl import load_workbook

from tracker.domain.reports import exports

NASTY = ["=1+2", "+SUM(A1)", "-3+4", "@cmd", "\t=1", "\r=2", "Hoàn thành đúng hạn"]


@pytest.fixture
def fixed_now(app, now):
    app.config["FIXED_NOW"] = now
    return now


def test_xlsx_cells_stay_text():
    data = exports.xlsx_bytes("Tờ 1", ["Nội dung"], [[text] for text in NASTY], heading=["=X"])
    sheet = load_workbook(io.BytesIO(data)).active
    values = [cell.value for cell in sheet["A"] if cell.value is not None]
    assert values == ["=X", "Nội dung", *NASTY]
    assert all(cell.data_type == "s" for cell in sheet["A"] if cell.value is not None)


def test_csv_has_a_bom_and_defuses_formulas():
    data = exports.csv_bytes(["Cơ quan", "Ghi chú"], [["Sở TT&TT", text] for text in NASTY])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Cơ quan", "Ghi chú"]
    notes = [row[1] for row in rows[1:]]
    assert notes[:6] == ["'" + text for text in NASTY[:6]]
    assert notes[6] == "Hoàn thành đúng hạn"


def test_notice_xlsx_download(notice, office, login, fixed_now):
    response = login(office).get(f"/reports/notices/{notice.document.id}.xlsx")
    assert response.status_code == 200
    assert response.mimetype == exports.XLSX_TYPE
    sheet = load_workbook(io.BytesIO(response.data)).active
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value}
    assert any("75/TB-UBND" in str(value) for value in cells)
    assert "=Xong muộn" in cells and cells["=Xong muộn"].data_type == "s"
    assert "Xong 23/23 xã." in cells


def test_notice_docx_download(notice, office, login, fixed_now):
    response = login(office).get(f"/reports/notices/{notice.document.id}.docx")
    assert response.status_code == 200
    document = DocxDocument(io.BytesIO(response.data))
    assert "75/TB-UBND" in document.paragraphs[0].text
    table = document.tables[0]
    texts = [cell.text for row in table.rows for cell in row.cells]
    assert "Xong 23/23 xã." in texts and "=Xong muộn" in texts
    assert len(table.rows) == 1 + 9


def test_scoreboard_csv_and_xlsx(notice, office, login, fixed_now, agencies):
    client = login(office)
    query = "?period=quarter&year=2026&number=2"
    data = client.get("/reports/scoreboard.csv" + query).data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1][:4] == ["1", agencies[notice.codes["A"]].name, "2", "1"]
    assert rows[1][-1] == "100.0"
    book = load_workbook(io.BytesIO(client.get("/reports/scoreboard.xlsx" + query).data))
    names = [row[1] for row in book.active.iter_rows(values_only=True) if row[0] == 1]
    assert names == [agencies[notice.codes["A"]].name]


def test_xlsx_filters_prints_and_percents(notice, office, login, fixed_now, agencies):
    client = login(office)
    data = client.get("/reports/scoreboard.xlsx?period=quarter&year=2026&number=2").data
    sheet = load_workbook(io.BytesIO(data)).active
    header = next(row for row in sheet.iter_rows() if row[0].value == "Xếp hạng")
    line = header[0].row
    assert sheet.auto_filter.ref == f"A{line}:H{sheet.max_row}"
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4 == "9"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${line}:${line}"
    first = sheet.cell(row=line + 1, column=8)
    assert first.value == 1.0 and first.number_format == "0.0%"
    notice_sheet = load_workbook(
        io.BytesIO(client.get(f"/reports/notices/{notice.document.id}.xlsx").data)
    ).active
    shares = [row[7] for row in notice_sheet.iter_rows() if row[2].value and row[7].value == 0.4]
    assert len(shares) == 1 and shares[0].number_format == "0.0%"
