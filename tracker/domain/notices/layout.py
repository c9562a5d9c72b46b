"""The pieces the body is cut into: paragraphs, and the units proposed as directives."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    """One paragraph of the body, its list marker if any, or the cells of a table row."""

    text: str
    kind: str | None = None
    cells: list[str] = field(default_factory=list)
    depth: int = 0


@dataclass(frozen=True)
class Unit:
    """A stretch of text proposed as one directive."""

    text: str
    context: str | None = None
    columns: tuple[tuple[str, int, int], ...] = ()
    #: Text whose date applies when the unit names none ("Báo cáo gửi về ... trước ngày ...").
    fallback_time: str | None = None
