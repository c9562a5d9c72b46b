"""The draft's edits keep the deadline's phrase where it is; the page escapes the text."""

from __future__ import annotations

from datetime import date

from tracker.domain.notices.draft import (
    DraftDirective,
    DraftHeader,
    NoticeDraft,
    merge_with_next,
    split_at,
)
from tracker.web.imports.review import highlighted

TEXT = "Giao <b>Sở Y tế</b> chủ trì. Báo cáo trước ngày 30/6/2024 & đúng hạn."


def directive(text: str = TEXT) -> DraftDirective:
    start = text.index("trước ngày 30/6/2024")
    return DraftDirective(
        text=text,
        deadline=date(2024, 6, 30),
        deadline_text="trước ngày 30/6/2024",
        deadline_span=(start, start + len("trước ngày 30/6/2024")),
    )


def test_the_phrase_is_marked_and_the_rest_escaped():
    html = str(highlighted(directive()))
    assert "<b>" not in html and "&lt;b&gt;Sở Y tế&lt;/b&gt;" in html
    assert "<mark>trước ngày 30/6/2024</mark> &amp; đúng hạn." in html


def test_a_split_moves_the_phrase_with_its_sentence():
    draft = NoticeDraft(DraftHeader(), [directive()])
    split_at(draft, 0, TEXT.index("Báo cáo"))
    first, second = draft.directives
    assert first.text == "Giao <b>Sở Y tế</b> chủ trì." and first.deadline_span is None
    assert "<mark>trước ngày 30/6/2024</mark>" in str(highlighted(second))


def test_a_merge_keeps_the_second_phrase_in_place():
    draft = NoticeDraft(DraftHeader(), [DraftDirective(text="Việc một."), directive()])
    merge_with_next(draft, 0)
    (merged,) = draft.directives
    assert merged.deadline == date(2024, 6, 30)
    assert "<mark>trước ngày 30/6/2024</mark>" in str(highlighted(merged))


def test_an_edited_text_loses_the_mark_only_when_the_phrase_is_gone():
    moved = directive()
    moved.text = "Trước hết: " + moved.text
    assert "<mark>trước ngày 30/6/2024</mark>" in str(highlighted(moved))
    moved.text = "Báo cáo sớm."
    assert "<mark>" not in str(highlighted(moved))
