"""An official report as an editable DOCX, laid out as Nghị định 30/2020/NĐ-CP (Phụ lục I) asks.

A4 portrait; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman (on a
machine without it, Word and LibreOffice use a metric-compatible face such as Liberation
Serif, so lines break in the same places); body 14 pt, justified, first line indented 1 cm;
page numbers centred in the header from page 2; table headers repeat on every page.
"""

from __future__ import annotations

import io

from docx import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from tracker.domain.reports.official import (
    MOTTO,
    NATION,
    OfficialReport,
    date_vi,
)
from tracker.domain.reports.official_text import (
    AGENCY_HEADERS,
    RESULT_HEADERS,
    SUMMARY_HEADERS,
    number_line,
    place_date_line,
    result_text,
)

FONT = "Times New Roman"
CENTRE, JUSTIFY, LEFT = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
    WD_ALIGN_PARAGRAPH.LEFT,
)


def docx_bytes(report: OfficialReport) -> bytes:
    """The report as a DOCX file."""
    document = DocxDocument()
    _page(document)
    _letterhead(document, report)
    _title(document, report)
    _body(document, report)
    _signature(document, report)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _page(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.element.rPr.rFonts.set(qn("w:cs"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = CENTRE
    _field(number.add_run(), "PAGE")


def _field(run, instruction: str) -> None:
    begin, text, end = (
        OxmlElement("w:fldChar"),
        OxmlElement("w:instrText"),
        OxmlElement("w:fldChar"),
    )
    begin.set(qn("w:fldCharType"), "begin")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    end.set(qn("w:fldCharType"), "end")
    run._r.extend([begin, text, end])


def _para(container, text="", *, size=14, bold=False, italic=False, align=CENTRE, upper=False):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    if text:
        run = paragraph.add_run(text.upper() if upper else text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return paragraph


def _rule(paragraph, indent_cm: float) -> None:
    """A short line under the text above: a bottom border on an empty, indented paragraph."""
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Cm(indent_cm)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    paragraph.paragraph_format.space_after = Pt(6)
    for run in paragraph.runs:
        run.font.size = Pt(2)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _letterhead(document, report: OfficialReport) -> None:
    head = report.letterhead
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(10.0)
    left.paragraphs[0].alignment = CENTRE
    run = left.paragraphs[0].add_run((head.parent_body or "").upper())
    run.font.size = Pt(13)
    _para(left, head.issuing_body or "………………", size=13, bold=True, upper=True)
    _rule(_para(left, size=2), 1.6)
    _para(left, number_line(head), size=13)
    right.paragraphs[0].alignment = CENTRE
    run = right.paragraphs[0].add_run(NATION)
    run.bold, run.font.size = True, Pt(12)
    _para(right, MOTTO, size=13, bold=True)
    _rule(_para(right, size=2), 2.0)
    _para(right, place_date_line(head, report.year), size=14, italic=True)


def _title(document, report: OfficialReport) -> None:
    _para(document, "")
    _para(document, report.title, bold=True)
    _para(document, report.subject, bold=True)
    _rule(_para(document, size=2), 6.0)


def _text(document, text: str, *, bold=False, indent=True):
    paragraph = _para(document, text, bold=bold, align=JUSTIFY)
    form = paragraph.paragraph_format
    form.first_line_indent = Cm(1.0) if indent else None
    form.space_before, form.space_after, form.line_spacing = Pt(6), Pt(0), 1.1
    return paragraph


def _grid(document, headers, rows, widths_cm, left=(1,)) -> None:
    """A bordered table in 12 pt whose header row repeats on every page."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for cell, text in zip(header.cells, headers, strict=True):
        cell.paragraphs[0].alignment = CENTRE
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(12)
    for values in rows:
        cells = table.add_row().cells
        for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = LEFT if column in left else CENTRE
            paragraph.add_run(str(value)).font.size = Pt(12)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _body(document, report: OfficialReport) -> None:
    _text(document, report.opening)
    _text(document, "I. KẾT QUẢ CHUNG", bold=True)
    _text(document, report.summary_intro)
    rows = [[r.number, r.label, str(r.count), r.share] for r in report.summary]
    _grid(document, SUMMARY_HEADERS, rows, (1.2, 9.0, 3.0, 3.3))
    _text(document, "II. KẾT QUẢ THỰC HIỆN TỪNG NHIỆM VỤ", bold=True)
    for chapter in report.chapters:
        if chapter.heading:
            _text(document, chapter.heading, bold=True)
        for directive in chapter.directives:
            deadline = f" (thời hạn: {date_vi(directive.deadline)})" if directive.deadline else ""
            _text(document, f"{directive.number}. {directive.text}{deadline}")
            rows = [
                [str(i), r.agency, r.role, date_vi(r.deadline), r.status, result_text(r)]
                for i, r in enumerate(directive.results, 1)
            ]
            _grid(document, RESULT_HEADERS, rows, (1.0, 3.6, 1.9, 2.4, 2.8, 4.8), left=(1, 5))
    if report.agency_table:
        _text(document, "III. KẾT QUẢ THEO CƠ QUAN, ĐƠN VỊ", bold=True)
        _grid(
            document, AGENCY_HEADERS, report.agency_table, (1.0, 4.5, 1.8, 1.8, 1.8, 1.8, 1.8, 2.0)
        )
    _text(document, report.closing)


def _signature(document, report: OfficialReport) -> None:
    head = report.letterhead
    _para(document, "")
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(8.0), Cm(8.5)
    paragraph = left.paragraphs[0]
    paragraph.alignment = LEFT
    run = paragraph.add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for line in report.recipients:
        _para(left, f"- {line}", size=11, align=LEFT)
    right.paragraphs[0].alignment = CENTRE
    run = right.paragraphs[0].add_run((head.signer_title or "THỦ TRƯỞNG CƠ QUAN").upper())
    run.bold, run.font.size = True, Pt(14)
    _para(right, "(Ký, ghi rõ họ tên và đóng dấu)", size=12, italic=True)
    for _ in range(4):
        _para(right, "")
    _para(right, head.signer_name or "", bold=True)
