"""Spreadsheet and document files: XLSX (openpyxl), DOCX (python-docx), CSV in UTF-8 with BOM.

User text never becomes a formula: a cell that starts with = + - @ (or a tab or carriage
return, which some programs strip first) is written as text, with a leading apostrophe in CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from docx import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from tracker.domain.text import without_control_characters

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV_TYPE = "text/csv; charset=utf-8"


def is_formula_like(value) -> bool:
    """Whether a spreadsheet program would take this text for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def plain_text(value) -> str:
    """A value as it is shown in CSV and DOCX: dates dd/mm/yyyy, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return without_control_characters(str(value))  # rows written before inputs were cleaned


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """CSV in UTF-8 with a BOM (spreadsheet programs then read Vietnamese right); text that
    looks like a formula is prefixed with an apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([str(h) for h in headers])
    for row in rows:
        cells = [plain_text(v) for v in row]
        writer.writerow(["'" + c if is_formula_like(c) else c for c in cells])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _set_cell(cell, value) -> None:
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None)  # openpyxl refuses aware datetimes
    if isinstance(value, str):
        cell.value = without_control_characters(value)
        cell.data_type = TYPE_STRING  # never "f", whatever the text starts with
    else:
        cell.value = value
    if isinstance(value, date):
        cell.number_format = "DD/MM/YYYY" if not isinstance(value, datetime) else "DD/MM/YYYY HH:MM"


def xlsx_bytes(
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    *,
    heading: Sequence[str] = (),
    widths: Sequence[int] = (),
    percent_columns: Sequence[int] = (),
) -> bytes:
    """One worksheet: optional heading lines, a bold header row, then the rows; filters on the
    header row; printed on A4 landscape, fitted to the page width, the header row repeated on
    every page. Columns in `percent_columns` (from 0) hold shares (0.5) shown as percents."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    line = 1
    for text in heading:
        _set_cell(sheet.cell(row=line, column=1), str(text))
        sheet.cell(row=line, column=1).font = Font(bold=True, size=13)
        line += 1
    line += 1 if heading else 0
    header_line = line
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=line, column=column)
        _set_cell(cell, str(header))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.freeze_panes = sheet.cell(row=line + 1, column=1)
    for row in rows:
        line += 1
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=line, column=column)
            _set_cell(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if column - 1 in percent_columns:
                cell.number_format = "0.0%"
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    _print_setup(sheet, header_line, line, len(headers))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _print_setup(sheet, header_line: int, last_line: int, columns: int) -> None:
    last = get_column_letter(max(columns, 1))
    sheet.auto_filter.ref = f"A{header_line}:{last}{max(last_line, header_line)}"
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_line}:{header_line}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4


def docx_bytes(
    heading: Sequence[str],
    headers: Sequence[str],
    rows: Iterable[Sequence],
    *,
    widths_cm: Sequence[float] = (),
) -> bytes:
    """A landscape A4 document: centred heading lines, then one table."""
    document = DocxDocument()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.5))
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(11)
    for index, text in enumerate(heading):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(plain_text(text))
        run.bold = index == 0
        run.font.size = Pt(14 if index == 0 else 12)
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(plain_text(header)).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = plain_text(value)
    for column, width in enumerate(widths_cm):
        for row in table.rows:
            row.cells[column].width = Cm(width)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
