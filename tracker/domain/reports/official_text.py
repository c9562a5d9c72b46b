"""The fixed lines of an official report that both layouts (DOCX and PDF) print alike."""

from __future__ import annotations

from tracker.domain.reports.official import AgencyResult, Letterhead, date_vi

SUMMARY_HEADERS = ("STT", "Tình trạng thực hiện", "Số lượt giao", "Tỷ lệ")
RESULT_HEADERS = ("STT", "Cơ quan, đơn vị", "Vai trò", "Thời hạn", "Tình trạng", "Kết quả")
AGENCY_HEADERS = (
    "STT", "Cơ quan, đơn vị", "Số lượt giao", "Hoàn thành đúng hạn", "Hoàn thành quá hạn",
    "Đang thực hiện", "Quá hạn", "Tỷ lệ đúng hạn",
)  # fmt: skip
BLANK = "………"


def number_line(head: Letterhead) -> str:
    """ "Số:      /BC-VP": the number is left for the clerk (văn thư) to fill."""
    symbol = head.symbol or "BC"
    return f"Số:        /{symbol}"


def place_date_line(head: Letterhead, year: int) -> str:
    """ "Lạng Sơn, ngày      tháng      năm 2026": the day is filled when it is signed."""
    place = head.place or BLANK
    return f"{place}, ngày      tháng      năm {year}"


def result_text(result: AgencyResult) -> str:
    """What an agency last reported: its words, the day, the progress or completion."""
    parts = []
    if result.latest_note:
        note = result.latest_note
        parts.append(note if note.endswith((".", "!", "?", ";", ":")) else note + ".")
    if result.completed_on:
        parts.append(f"Hoàn thành ngày {date_vi(result.completed_on)}.")
    elif result.latest_on:
        parts.append(f"Báo cáo ngày {date_vi(result.latest_on)}, tiến độ {result.progress}%.")
    else:
        parts.append("Chưa báo cáo.")
    return " ".join(parts)
