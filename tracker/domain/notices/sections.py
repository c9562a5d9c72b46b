"""The body's layout: paragraphs, list items, tables, and where the directives are."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import Paragraph
from .patterns import vre
from .text import collapse, fold_aligned

_MARKERS = (
    ("article", re.compile(r"^(?P<m>Điều\s+\d{1,3}[.:])\s+")),
    ("roman", re.compile(r"^(?P<m>[IVX]{1,5}[.)])\s+")),
    ("decimal", re.compile(r"^(?P<m>\d{1,2}(?:\.\d{1,2})+\.?)\s+")),
    ("arabic", re.compile(r"^(?P<m>\d{1,2}[.)])\s+")),
    ("letter", re.compile(r"^(?P<m>[a-zđ][.)])\s+")),
    (
        "ordinal",
        re.compile(
            r"^(?P<m>(?:Thứ nhất|Thứ hai|Thứ ba|Thứ tư|Thứ năm|Thứ sáu|Một là|Hai là"
            r"|Ba là|Bốn là|Năm là|Sáu là|Bảy là),)\s*"
        ),
    ),
    ("dash", re.compile(r"^(?P<m>[-–—])\s*")),
    ("plus", re.compile(r"^(?P<m>\+)\s*")),
    ("bullet", re.compile(r"^(?P<m>[•●▪◦*])\s*")),
)
_FOOTER = re.compile(
    r"^\s*(?:Nơi nhận|NƠI NHẬN|TM\.|T/M|T\.M\.|KT\.|TL\.|TUQ\.|Nguồn\s*:|Chia sẻ|Tin liên quan"
    r"|Tin khác|Các tin khác|Bản quyền|Bài viết liên quan)"
)
_FURNITURE = vre(
    r"^\s*(?:skip to|trang chủ\s*>|đăng nhập|ngày đăng|lượt xem|in trang|chia sẻ"
    r"|print|share)\b"
)
#: A list marker alone on its line, as legal databases and PDFs lay articles out.
_BARE_MARKER = re.compile(
    r"^(?:Điều\s+\d{1,3}[.:]?|[IVX]{1,5}[.)]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\))$"
)
#: Lines that are only table rules or cell separators left by a web copy ("|", "-------").
_RULE = re.compile(r"^\s*[-_=|*]+\s*$")
#: A sentence's end: a paragraph that ends so is not a heading.
TERMINAL = re.compile(r"[.;!?…]\s*[\"”’)]*$")
_STRONG = vre(
    r"nhiệm vụ|giải pháp|ý kiến kết luận|kết luận và chỉ đạo|tổ chức thực hiện|phân công"
    r"|chỉ đạo như sau|ý kiến chỉ đạo|kết luận chỉ đạo|nội dung chỉ đạo|chỉ đạo thời gian tới"
)
_CONCLUSION = vre(r"^kết luận\b")
#: Headings of what was done, not of what is to be done ("Kết quả thực hiện nhiệm vụ ...").
BACKGROUND = vre(r"kết quả|tình hình|đánh giá|hạn chế|tồn tại|nguyên nhân|bối cảnh")
_WEAK = vre(
    r"(?:sau|yêu cầu|chỉ đạo|chỉ thị|đề nghị|giao|kết luận|ý kiến|cụ thể)\s*:\s*$"
    r"|^quyết định\s*:\s*$"
)
_CLOSING = vre(
    r"thông báo\s+(?:để|cho)\s.{0,100}\bbiết|^yêu cầu\s.{0,160}nghiêm túc\s+(?:triển khai\s+)?thực"
    r" hiện(?:\s+(?:chỉ thị|thông báo|công văn|kế hoạch|quyết định) này)?\s*[./]*\s*$"
    r"|^trong quá trình (?:tổ chức )?thực hiện, nếu có|chịu trách nhiệm (?:thi )?hành|^trên đây là"
    r"|có hiệu lực (?:thi hành )?(?:kể )?từ ngày|^(?:quyết định|chỉ thị|văn bản) này có hiệu lực"
    r"|căn cứ (?:quyết định|chỉ thị)(?: này)? (?:để )?thi hành|\bthi hành quyết định này"
    r"|\bquan tâm(?: phối hợp)?(?:,)? (?:triển khai )?thực hiện\s*[./]*\s*$"
    r"|(?:chịu|có) trách nhiệm (?:tổ chức )?(?:triển khai )?(?:thực hiện|thi hành)(?: nghiêm túc)?"
    r" (?:chỉ thị|quyết định|kế hoạch|thông báo|công văn|văn bản) này\s*[./]*\s*$"
)
#: Clauses end at ";", at a sentence end, and before ", giao X" / ", đồng thời đề nghị X" (a
#: new assigning verb); a piece that does not open an assignment is joined back.
_CLAUSE_SPLIT = re.compile(
    r"(?<=;)\s+|(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])"
    r"|(?<=,)\s+(?=(?:đồng thời\s+)?(?:giao|đề nghị|yêu cầu)\s)"
)


def body_paragraphs(lines: list[str]) -> list[Paragraph]:
    """Cut the footer and page furniture, join wrapped lines, and read list markers."""
    kept: list[str] = []
    marker = ""
    for line in lines:
        if _FOOTER.match(line):
            break
        line = "" if _FURNITURE.match(fold_aligned(line)) or _RULE.match(line) else line.strip()
        if _BARE_MARKER.match(line):  # "Điều 2." alone on its line, its text on the next
            marker = line
            continue
        if marker and line:
            line, marker = f"{marker} {line}", ""
        kept.append(line)
    paragraphs: list[Paragraph] = []
    #: Wrapped lines, joined once at the end: joining line by line is quadratic.
    wrapped: dict[int, list[str]] = {}
    previous = ""
    for line in kept:
        if not line:
            previous = ""
            continue
        cells = _cells(line)
        paragraph = _paragraph(line)
        if cells:
            paragraphs.append(Paragraph(collapse(line), "table", cells))
        elif (
            previous
            and _continues(previous, line)
            and (paragraph.kind is None or _hyphen(line, previous))
        ):
            wrapped.setdefault(len(paragraphs) - 1, []).append(line)
        else:
            paragraphs.append(paragraph)
        previous = "" if cells else line
    for i, lines_after in wrapped.items():
        paragraphs[i].text = collapse(" ".join([paragraphs[i].text, *lines_after]))
    _set_depths(paragraphs)
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    """Tell a line wrapped mid-sentence (as in PDFs) from a new paragraph."""
    return (
        not TERMINAL.search(previous)
        and not previous.endswith(":")
        and (line[:1].islower() or line[:1].isdigit() or _cut_mid_sentence(previous))
    )


#: Hard-wrapped lines (PDFs, legal databases) are at most this long; a longer line without a
#: full stop is a paragraph that lacks one.
_WRAP_WIDTH = 110


def _hyphen(line: str, previous: str) -> bool:
    """ "Giám đốc các Sở: Lao động" + "- Thương binh và Xã hội, ...": a name cut at its hyphen."""
    return line.startswith("- ") and line[2:3].isalnum() and _cut_mid_sentence(previous)


def _cut_mid_sentence(previous: str) -> bool:
    """A long line that stops on a lower-case word was cut mid-sentence, whatever comes next."""
    words = previous.split()
    last = words[-1] if words else ""
    return (
        len(words) >= 8
        and len(previous) <= _WRAP_WIDTH
        and (last[:1].islower() or last.isdigit())
        and (last[-1:].isalnum() or last.endswith(","))
    )


def _cells(line: str) -> list[str]:
    for sep in ("|", "\t"):
        parts = [collapse(p) for p in line.split(sep)]
        if len(parts) >= 3:
            return parts
    return []


def _paragraph(line: str) -> Paragraph:
    for kind, pattern in _MARKERS:
        match = pattern.match(line)
        if match and len(line) > match.end():
            return Paragraph(collapse(line[match.end() :]), kind)
    return Paragraph(collapse(line))


def _set_depths(paragraphs: list[Paragraph]) -> None:
    stack: list[str] = []
    for p in paragraphs:
        if p.kind in (None, "table"):
            p.depth = len(stack)
            continue
        if p.kind in stack:
            del stack[stack.index(p.kind) :]
        p.depth = len(stack)
        stack.append(p.kind)


def is_heading_like(p: Paragraph) -> bool:
    """Tell whether a paragraph reads as a heading rather than as a sentence."""
    if p.kind == "table":
        return False
    if p.text.endswith(":"):
        return True
    return not TERMINAL.search(p.text) and len(p.text.split()) <= 20


@dataclass(frozen=True)
class Section:
    """Where the directives start: the heading's index and its text."""

    index: int
    heading: str
    strong: bool


def find_section(paragraphs: list[Paragraph]) -> Section | None:
    """Find the heading that introduces the directives, preferring named sections."""
    weak: Section | None = None
    for i, p in enumerate(paragraphs):
        if not is_heading_like(p) or (len(p.text.split()) > 45 and not p.text.endswith(":")):
            continue
        folded = fold_aligned(p.text)
        heading = p.text.rstrip(" :")
        if _is_strong(p, folded) or _is_conclusion_heading(p, folded):
            return Section(i, heading, True)
        if weak is None and _WEAK.search(folded):
            weak = Section(i, heading, False)
    return weak


def _is_strong(p: Paragraph, folded: str) -> bool:
    """A named directive heading; in a long lead-in sentence only its last words count."""
    size = len(p.text.split())
    if size > 25 and not p.text.endswith(":"):
        return False
    core = folded if size <= 15 else folded[-60:]
    return bool(_STRONG.search(core)) and not BACKGROUND.search(core)


def _is_conclusion_heading(p: Paragraph, folded: str) -> bool:
    """ "II. KẾT LUẬN", "Kết luận của Chủ tịch UBND tỉnh:" """
    return bool(_CONCLUSION.search(folded)) and (p.text.endswith(":") or len(p.text.split()) <= 8)


def is_closing(p: Paragraph) -> bool:
    """Tell whether a paragraph is the notice's closing formula, not a task."""
    return p.kind != "table" and bool(_CLOSING.search(fold_aligned(p.text)))


def split_clauses(text: str) -> list[str]:
    """Split text at semicolons and sentence ends."""
    return [c for c in _CLAUSE_SPLIT.split(text) if c.strip()]
