"""A hand-built notice whose official figures are known, made through the domain functions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from tracker.domain import workflow
from tracker.domain.states import AssignmentRole, DocumentKind
from tracker.domain.work import assignment as assigning
from tracker.domain.work import tasks
from tracker.extensions import db
from tracker.models import Assignment, Document


def at(day: str, hour: int = 3) -> datetime:
    """10:00 in Hà Nội on `day` (yyyy-mm-dd)."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


@dataclass
class Notice:
    document: Document
    by_name: dict[str, Assignment]  #: "T1/A" → the assignment
    codes: dict[str, str]  #: "A" → agency code


@pytest.fixture
def notice(agencies, office_actor, policy) -> Notice:
    """Notice 75/TB-UBND on 15/06/2026 (today):

    T1 (deadline 10/06) → A done on time, B done late, C overdue 5 days
    T2 (20/06) → A due soon (in progress), B paused
    T3 (01/08) → A within deadline; T4 (no deadline) → C
    T5 (01/05) → D overdue 45 days; T6 (01/06) → D overdue 14 days
    """
    codes = {"A": "h-trangdinh", "B": "h-vanlang", "C": "h-caoloc", "D": "h-locbinh"}
    office, created = office_actor, at("2026-04-01")
    document = tasks.create_document(
        office,
        created,
        number="75/TB-UBND",
        kind=DocumentKind.CONCLUSION_NOTICE,
        issuer="UBND tỉnh Lạng Sơn",
        issued_on=date(2026, 3, 30),
        title="Kết luận của Chủ tịch UBND tỉnh về phong trào toàn dân bảo vệ ANTQ",
    )
    plan = [
        ("T1", "2026-06-10", "ABC"),
        ("T2", "2026-06-20", "AB"),
        ("T3", "2026-08-01", "A"),
        ("T4", None, "C"),
        ("T5", "2026-05-01", "D"),
        ("T6", "2026-06-01", "D"),
    ]
    by_name = {}
    for title, deadline, letters in plan:
        task = tasks.create_task(
            office,
            created,
            text=f"{title}: Chỉ đạo kiện toàn Ban Chỉ đạo cấp xã.",
            title=title,
            document=document,
            deadline=date.fromisoformat(deadline) if deadline else None,
        )
        chosen = [agencies[codes[letter]] for letter in letters]
        made = assigning.assign(task, chosen, AssignmentRole.LEAD, office, created)
        by_name.update({f"{title}/{letter}": a for letter, a in zip(letters, made, strict=True)})
    db.session.flush()
    a = by_name
    workflow.report_completion(a["T1/A"], office, "Xong 23/23 xã.", at("2026-06-08"), policy)
    workflow.confirm_completion(a["T1/A"], office, at("2026-06-09"))
    workflow.report_completion(a["T1/B"], office, "=Xong muộn", at("2026-06-12"), policy)
    workflow.confirm_completion(a["T1/B"], office, at("2026-06-13"))
    workflow.report_progress(a["T2/A"], office, 40, "Đang triển khai ở 10 xã.", at("2026-06-01"))
    workflow.pause(a["T2/B"], office, "Chờ hướng dẫn.", at("2026-06-02"))
    db.session.commit()
    return Notice(document, by_name, codes)
