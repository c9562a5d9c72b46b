"""Task tables (STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian) as directives."""

from __future__ import annotations

import re

from .layout import Paragraph, Unit
from .patterns import vre
from .text import fold

TABLE_COLUMNS = {
    "lead": vre(r"chủ trì|thực hiện|cơ quan|đơn vị"),
    "support": vre(r"phối hợp"),
    "time": vre(r"thời gian|thời hạn|tiến độ|hoàn thành"),
    "task": vre(r"nội dung|nhiệm vụ|công việc"),
}


def table_columns(p: Paragraph) -> dict[str, int]:
    """Read a header row: which column holds the task, the lead, the support and the time."""
    found: dict[str, int] = {}
    for i, cell in enumerate(p.cells):
        folded = fold(cell)
        for role in ("support", "time", "task", "lead"):
            if role not in found and TABLE_COLUMNS[role].search(folded):
                found[role] = i
                break
    return found if "lead" in found and ("task" in found or "time" in found) else {}


def row_unit(p: Paragraph, columns: dict[str, int], context: str | None) -> Unit:
    """Turn a table row into a directive candidate whose columns keep their roles."""
    first = 1 if p.cells and re.fullmatch(r"[\dIVXa-z.]{1,5}", p.cells[0]) else 0
    text, spans, pos = "", [], 0
    for i, cell in enumerate(p.cells[first:], start=first):
        if text:
            text += " | "
            pos = len(text)
        text += cell
        role = next((r for r, c in columns.items() if c == i), None)
        if role:
            spans.append((role, pos, pos + len(cell)))
    return Unit(text, context, tuple(spans))
