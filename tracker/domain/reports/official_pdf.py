"""An official report as a PDF: the same layout as the DOCX, rendered by WeasyPrint (Pango).

Times New Roman is asked for first; where it is not installed (Debian has no package of it)
fontconfig gives Liberation Serif, which has the same metrics, and which the setup scripts
install (fonts-liberation2, whose Vietnamese glyphs are complete).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from tracker.domain.reports.official import MOTTO, NATION, OfficialReport, date_vi
from tracker.domain.reports.official_text import (
    AGENCY_HEADERS,
    RESULT_HEADERS,
    SUMMARY_HEADERS,
    number_line,
    place_date_line,
    result_text,
)

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def report_html(report: OfficialReport) -> str:
    """The report as a printable HTML page (what the PDF is made from)."""
    return _TEMPLATES.get_template("official.html").render(
        report=report,
        head=report.letterhead,
        nation=NATION,
        motto=MOTTO,
        number_line=number_line(report.letterhead),
        place_date_line=place_date_line(report.letterhead, report.year),
        summary_headers=SUMMARY_HEADERS,
        result_headers=RESULT_HEADERS,
        agency_headers=AGENCY_HEADERS,
        result_text=result_text,
        date_vi=date_vi,
    )


def pdf_bytes(report: OfficialReport) -> bytes:
    """The report as a PDF file."""
    from weasyprint import HTML  # imported here: loading Pango costs a moment at start-up

    return HTML(string=report_html(report)).write_pdf()
