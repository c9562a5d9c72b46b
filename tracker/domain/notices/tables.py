"""Task tables (STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian) as directives."""

from __future__ import annotations

import re

from .layout import Paragraph, Unit
from .patterns import vre
from .text import fold_aligned

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
        folded = fold_aligned(cell)
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


_ATTRIBUTE = vre(
    r"(?:^|(?<=[.;])\s+|\s[-–+]\s+)(?P<label>(?:(?:các\s+)?(?:cơ quan|đơn vị)\s+)?"
    r"(?P<lead>chủ trì|thực hiện|chịu trách nhiệm|thường trực)(?:\s+thực hiện)?"
    r"|(?:(?:các\s+)?(?:cơ quan|đơn vị)\s+)?(?P<support>phối hợp)(?:\s+thực hiện)?"
    r"|(?P<time>thời gian|thời hạn|tiến độ)(?:\s+(?:hoàn thành|thực hiện|triển khai))?"
    r"|(?P<product>sản phẩm|kết quả)(?:\s+(?:đầu ra|cần đạt))?)\s*:\s*"
)


def attribute_columns(text: str) -> tuple[tuple[str, int, int], ...]:
    """The labelled parts of a task ("Cơ quan chủ trì: Sở X; Thời gian: Quý II") as columns."""
    labels = list(_ATTRIBUTE.finditer(fold_aligned(text)))
    if not any(m.group("lead") or m.group("support") or m.group("time") for m in labels):
        return ()
    spans = []
    for i, match in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        while end > match.end() and text[end - 1] in " .;":
            end -= 1
        role = next(r for r in ("lead", "support", "time", "product") if match.group(r))
        spans.append((role, match.end(), end))
    return tuple(spans)


def is_attribute_line(text: str) -> bool:
    """Whether a line only gives an attribute of the task above it."""
    match = _ATTRIBUTE.match(fold_aligned(text))
    return bool(match and match.start("label") == 0)
