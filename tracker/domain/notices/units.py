"""The directive candidates of a body: list items, paragraphs, run-on clauses, table rows."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .layout import Paragraph, Unit
from .patterns import vre
from .sections import BACKGROUND, TERMINAL, is_closing, is_heading_like, split_clauses
from .tables import attribute_columns, is_attribute_line, row_unit, table_columns
from .text import fold_aligned

#: Tells whether a clause starts a new assignment ("giao Sở X ...", "Sở X chủ trì ...").
Opens = Callable[[str], bool]
#: Tells whether a phrase is only agency names ("Phòng Kinh tế", "UBND các xã, thị trấn").
NamesOnly = Callable[[str], bool]
_LABEL = re.compile(r"^(?P<label>[^:.]{3,150}?)\s*:\s+(?P<rest>\S.*)$")
#: Approvals and praise ("Chủ tịch UBND tỉnh đồng ý ...", "Ghi nhận ...") are not tasks.
_OPINION = vre(
    r"^(?:(?:chủ tịch|phó chủ tịch|thường trực|ban thường vụ|ubnd|ủy ban nhân dân|tỉnh ủy"
    r"|hội nghị)[^,;.:]{0,30}?\s)?(?:đồng ý|thống nhất|ghi nhận|biểu dương|đánh giá cao|chấp thuận"
    r"|hoan nghênh|cơ bản thống nhất)\b"
)
#: Articles of a Quyết định that enact rather than assign ("Điều 1. Ban hành kèm theo ...").
#: Web copies run words together ("Banhành"), hence the optional space.
_ENACTS = vre(
    r"^(?:ban\s*hành kèm theo|phê duyệt|thành lập|bãi bỏ|sửa đổi, bổ sung|công bố kèm theo"
    r"|(?:quyết định|chỉ thị|quy định|kế hoạch) này có hiệu lực)"
)
#: An assessment under the lead-in ("Đến ngày 30/9, vốn giải ngân đạt 52%"), not a task.
_STATUS_OPENER = vre(
    r"^(?:đến (?:nay|ngày|hết)|tính đến|từ đầu năm|(?:trong )?thời gian qua|nhìn chung"
    r"|qua (?:\d|một|hai|ba)|năm \d{4}\s*,|(?:trong )?(?:năm|quý|tháng|6 tháng) (?:qua|vừa qua))"
)
_STATUS_VERB = vre(r"\b(?:đạt|đã|xảy ra|bằng \d|tăng|giảm|còn (?:chậm|thấp|hạn chế))\b")
_COMMANDS = vre(r"\b(?:giao|đề nghị|yêu cầu|chủ trì|phải|cần|khẩn trương|tập trung)\b")
#: A paragraph after the items that only says where and by when to send the reports.
_SUBMISSION = vre(
    r"^(?:báo cáo|văn bản|hồ sơ|kết quả|danh mục|đề xuất|ý kiến)[^.;]{0,40}?\bgửi\b"
    r"|^(?:thời gian|thời hạn) gửi"
)
_CHAIRS = vre(r"\bchủ trì\b")
#: Under a background heading ("I. ĐÁNH GIÁ ..."), an item that still assigns work is a task.
_ASSIGNS = vre(r"\b(?:yêu cầu|giao|đề nghị)\s+(?:cho\s+)?(?:các\s|ubnd\s|sở\s|ban\s|thủ trưởng\s)")
_BARE_COOP = vre(
    r"^[^,;.]*(?:,[^,;.]*){0,4}\s(?:cùng\s+)?phối hợp\b(?!\s+(?:chặt chẽ\s+)?(?:với|cùng))"
)
_DATE_LIKE = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}|(?i:tháng\s+\d|quý\s+[IV\d])")


def section_units(
    paragraphs: list[Paragraph], start: int, opens: Opens, names_only: NamesOnly
) -> list[Unit]:
    """Directive candidates after a section heading: items, paragraphs and table rows."""
    reader = _SectionReader(opens, names_only)
    for i in range(start + 1, len(paragraphs)):
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        reader.read(paragraphs[i], nxt)
    return reader.finish()


class _SectionReader:
    """Walks the paragraphs under the directive heading, keeping group headings as context."""

    def __init__(self, opens: Opens, names_only: NamesOnly) -> None:
        self.opens, self.names_only = opens, names_only
        self.units: list[Unit] = []
        self.headers: dict[int, str] = {}
        self.label: str | None = None
        self.columns: dict[str, int] = {}
        self.block: tuple[int, list[str], str | None] | None = None
        self.from_items = 0

    def read(self, p: Paragraph, nxt: Paragraph | None) -> None:
        """Take one paragraph."""
        if self.block and p.depth > self.block[0] and is_attribute_line(p.text):
            self.block[1].append(p.text)
            return
        self._close_block()
        for depth in [d for d in self.headers if d >= p.depth and p.kind is not None]:
            del self.headers[depth]
        if p.kind == "table":
            self._table_row(p)
        elif _opens_block(p, nxt):
            self.block = (p.depth, [p.text], self._context())
        elif _is_group_header(p, nxt) or (p.kind is None and is_heading_like(p)):
            self._heading(p, nxt)
        else:
            self._paragraph(p)

    def _table_row(self, p: Paragraph) -> None:
        self.columns = table_columns(p) or self.columns
        if self.columns and not table_columns(p):
            self.units.append(row_unit(p, self.columns, self._context()))

    def _heading(self, p: Paragraph, nxt: Paragraph | None) -> None:
        if p.kind is None:
            self.label = p.text
        else:
            self.headers[p.depth] = p.text

    def _paragraph(self, p: Paragraph) -> None:
        context = self._context()
        background = context and BACKGROUND.search(fold_aligned(context)[:60])
        if is_closing(p) or (background and not _ASSIGNS.search(fold_aligned(p.text))):
            return
        if _is_assessment(p.text) and not (context and self.names_only(context)):
            return
        if p.kind is None and self.from_items and _is_submission(p.text, self.opens):
            self._apply_fallback(p.text)
            return
        text, context = _labelled(p.text, self.names_only) or (p.text, context)
        parts = _split_runons(text, self.opens)
        found = [
            Unit(t, context)
            for t in parts
            if not _OPINION.match(fold_aligned(t)) and not _ENACTS.match(fold_aligned(t))
        ]
        self.units += found
        self.from_items = self.from_items + len(found) if p.kind is not None else 0

    def _apply_fallback(self, text: str) -> None:
        """A trailing "send the reports by ..." paragraph dates the items above it."""
        first = len(self.units) - self.from_items
        for i in range(first, len(self.units)):
            self.units[i] = replace(self.units[i], fallback_time=text)

    def _close_block(self) -> None:
        if self.block is None:
            return
        _, pieces, context = self.block
        text = " ".join(p if TERMINAL.search(p) else p + ";" for p in pieces).rstrip(";")
        self.units.append(Unit(text, context, attribute_columns(text)))
        self.from_items += 1
        self.block = None

    def _context(self) -> str | None:
        return self.headers[max(self.headers)] if self.headers else self.label

    def finish(self) -> list[Unit]:
        """Return the units read."""
        self._close_block()
        return [_with_attributes(u) for u in self.units]


def _opens_block(p: Paragraph, nxt: Paragraph | None) -> bool:
    """A task item whose sub-items are its attributes ("- Cơ quan chủ trì: Sở X")."""
    return (
        p.kind not in (None, "table")
        and nxt is not None
        and nxt.depth > p.depth
        and is_attribute_line(nxt.text)
    )


def _with_attributes(unit: Unit) -> Unit:
    """ "Rà soát ...; cơ quan chủ trì: Sở X; thời gian: quý II" in one paragraph."""
    if unit.columns:
        return unit
    columns = attribute_columns(unit.text)
    return replace(unit, columns=columns) if columns else unit


def _is_assessment(text: str) -> bool:
    folded = fold_aligned(text)
    first = re.split(r"[.;]\s", folded, maxsplit=1)[0]
    return bool(
        _STATUS_OPENER.match(folded) and _STATUS_VERB.search(first) and not _COMMANDS.search(first)
    )


def _is_submission(text: str, opens: Opens) -> bool:
    return bool(
        _SUBMISSION.match(fold_aligned(text)) and _DATE_LIKE.search(text) and not opens(text)
    )


def _labelled(text: str, names_only: NamesOnly) -> tuple[str, str] | None:
    """Split "Phòng Kinh tế: tổng hợp ..." into the task and its agency label."""
    match = _LABEL.match(text)
    if match and names_only(match.group("label")):
        return match.group("rest"), match.group("label")
    return None


def _is_group_header(p: Paragraph, nxt: Paragraph | None) -> bool:
    if p.text.endswith(":"):
        return True
    deeper = nxt is not None and nxt.depth > p.depth
    return deeper and not TERMINAL.search(p.text) and len(p.text.split()) <= 15


#: "phối hợp Sở A; Viễn thông B;" : a support list whose items are separated by ";".
_SUPPORT_LIST_OPEN = vre(r"phối hợp(?:\s+(?:với|cùng))?\s+(?:[^;.]{1,80};\s*){1,6}$")


def _continues_list(previous: str) -> bool:
    """The clause before ends inside a list of supports: the next clause is its next item."""
    return bool(_SUPPORT_LIST_OPEN.search(fold_aligned(previous[-400:])))


def _opening_phrase(previous: str, opens: Opens) -> bool:
    """ "Căn cứ ..., yêu cầu X ...": what comes before the comma only opens the sentence."""
    return previous.rstrip().endswith(",") and not opens(previous)


def _split_runons(text: str, opens: Opens) -> list[str]:
    parts: list[str] = []
    for clause in split_clauses(text):
        if (
            parts
            and opens(clause)
            and not _cooperates_with(parts[-1], clause)
            and not _continues_list(parts[-1])
            and not _opening_phrase(parts[-1], opens)
        ):
            parts.append(clause)
        elif parts:
            parts[-1] = f"{parts[-1]} {clause}"
        else:
            parts.append(clause)
    return parts


def _cooperates_with(previous: str, clause: str) -> bool:
    """ "Sở A chủ trì; Sở B, Sở C phối hợp ...": the second clause belongs to the first."""
    return (
        previous.rstrip().endswith(";")
        and bool(_CHAIRS.search(fold_aligned(previous)))
        and bool(_BARE_COOP.search(fold_aligned(clause)[:160]))
    )


def assignment_units(
    paragraphs: list[Paragraph], opens: Opens, names_only: NamesOnly
) -> list[Unit]:
    """Directive candidates when no heading introduces them: the sentences that assign."""
    units: list[Unit] = []
    columns: dict[str, int] = {}
    for p in paragraphs:
        if p.kind == "table":
            columns = table_columns(p) or columns
            if columns and not table_columns(p):
                units.append(row_unit(p, columns, None))
            continue
        if is_closing(p) or is_heading_like(p):
            continue
        labelled = _labelled(p.text, names_only)
        if labelled:
            units.append(Unit(labelled[0], labelled[1]))
            continue
        parts: list[str] = []
        for clause in split_clauses(p.text):
            if opens(clause) and not (parts and _continues_list(parts[-1])):
                parts.append(clause)
            elif parts:
                parts[-1] = f"{parts[-1]} {clause}"
        units += [Unit(t) for t in parts]
    return units
