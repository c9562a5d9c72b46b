"""What the officer changes on the review page is what gets created."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from tests.imports.conftest import count, nothing_created, post_review, start
from tracker.domain.states import AgencyLevel, AssignmentRole, Recurrence
from tracker.extensions import db
from tracker.models import Agency, Document, Task
from tracker.models.import_draft import ImportDraft

NOTICE = """ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN
Số: 12/TB-UBND          Lạng Sơn, ngày 10 tháng 3 năm 2024

THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về an ninh trật tự

KẾT LUẬN CỦA CHỦ TỊCH UBND TỈNH
1. Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với Công an tỉnh xây dựng kế hoạch ứng \
dụng công nghệ trong phòng chống tội phạm, báo cáo UBND tỉnh trước ngày 30/9/2024.
2. Giao Công an tỉnh chủ trì tổ chức tuyên truyền pháp luật. Định kỳ hằng quý báo cáo kết quả.
"""


def tasks() -> list[Task]:
    return list(db.session.scalars(sa.select(Task).order_by(Task.ordinal)))


def texts(page: str) -> int:
    return page.count('class="directive"')


def test_merge_split_drop_and_add(officer, sample_text):
    url = start(officer, sample_text)
    post_review(officer, url, "merge:0")
    assert texts(officer.get(url).get_data(as_text=True)) == 5
    post_review(officer, url, "split:0")  # before the first sentence that follows another
    post_review(officer, url, "drop:2")  # "Đẩy mạnh công tác tuyên truyền"
    post_review(officer, url, "add:0")
    post_review(officer, url, "save", **{"directives-1-text": "Việc thêm vào tay."})
    post_review(officer, url, "confirm")
    created = [t.text for t in tasks()]
    assert len(created) == 6
    assert created[0].startswith("Tiếp tục chỉ đạo củng cố") and created[0].endswith("ANTQ.")
    assert created[1] == "Việc thêm vào tay."
    assert created[2].startswith("Phát huy tốt vai trò")
    assert created[2].endswith(
        "tuyên truyền vận động cần phải chú trọng đổi mới cả nội dung và biện pháp cho phù hợp."
    )
    assert not any(t.startswith("Tăng cường công tác phối hợp") for t in created)


def test_agencies_deadline_and_recurrence_changed_by_the_officer(officer, sample_text):
    url = start(officer, sample_text)
    response = post_review(
        officer,
        url,
        "confirm",
        **{
            "directives-1-lead": ["h-caoloc", "h-locbinh"],
            "directives-1-support": ["stttt", "h-caoloc"],  # a lead is not also support
            "directives-1-deadline": "30/09/2010",
            "directives-1-recurrence": "monthly",
            "directives-2-lead": None,
            "directives-2-support": None,
            "directives-4-ongoing": "y",
        },
    )
    assert response.status_code == 302
    second, third, fifth = tasks()[1], tasks()[2], tasks()[4]
    leads = {a.agency.code for a in second.assignments if a.role == AssignmentRole.LEAD}
    supports = {a.agency.code for a in second.assignments if a.role == AssignmentRole.SUPPORT}
    assert (leads, supports) == ({"h-caoloc", "h-locbinh"}, {"stttt"})
    assert second.deadline == date(2010, 9, 30) and second.recurrence == Recurrence.MONTHLY
    assert third.assignments == []
    assert fifth.deadline is None  # an ongoing duty


def test_an_unknown_agency_can_be_added_to_the_registry(officer):
    url = start(officer, NOTICE)
    page = officer.get(url).get_data(as_text=True)
    assert "directives-0-new_agencies-0-add" in page
    post_review(
        officer,
        url,
        "confirm",
        **{
            "directives-0-new_agencies-0-add": "y",
            "directives-0-new_agencies-0-name": "Sở Khoa học và Công nghệ",
            "directives-0-new_agencies-0-level": "department",
        },
    )
    added = db.session.scalars(sa.select(Agency).where(Agency.code == "so-khoa-hoc-va-cong-nghe"))
    agency = added.one()
    assert agency.name == "Sở Khoa học và Công nghệ" and agency.level == AgencyLevel.DEPARTMENT
    first = tasks()[0]
    assert {a.agency.code: a.role for a in first.assignments} == {
        "so-khoa-hoc-va-cong-nghe": AssignmentRole.LEAD,
        "ca-tinh": AssignmentRole.SUPPORT,
    }
    assert tasks()[1].recurrence == Recurrence.QUARTERLY


def test_an_unknown_agency_not_accepted_is_not_created(officer):
    url = start(officer, NOTICE)
    before = count(Agency)
    post_review(officer, url, "confirm")
    assert count(Agency) == before
    assert [a.agency.code for a in tasks()[0].assignments] == ["ca-tinh"]


def test_a_deadline_before_the_notice_must_be_accepted(officer, sample_text):
    url = start(officer, sample_text)
    refused = post_review(officer, url, "confirm", issued_on="01/09/2010")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "date: correct it or accept it." in page
    assert count(Document) == 0
    accepted = post_review(officer, url, "confirm", **{"directives-3-accept_early": "y"})
    assert accepted.status_code == 302
    assert tasks()[3].deadline == date(2010, 8, 19)
    assert db.session.scalars(sa.select(Document)).one().issued_on == date(2010, 9, 1)


def test_a_mistake_keeps_what_was_typed_and_saves_the_rest(officer, sample_text):
    url = start(officer, sample_text)
    response = post_review(
        officer, url, "drop:0", number="75/TB-UBND-X", **{"directives-0-deadline": "31/13/2010"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'value="31/13/2010"' in page
    assert "31/13/2010 does not exist: a year has 12 months." in page
    assert texts(page) == 6  # the drop waits until the form is right
    again = officer.get(url).get_data(as_text=True)
    assert 'value="75/TB-UBND-X"' in again and 'value="31/12/2010"' in again


def test_a_form_from_an_older_page_is_not_applied(officer, sample_text):
    url = start(officer, sample_text)
    post_review(officer, url, "drop:0")
    stale = officer.post(url, data={"version": "1", "action": "drop:0", "number": "X"})
    assert stale.status_code == 302
    assert texts(officer.get(url).get_data(as_text=True)) == 5
    assert db.session.scalars(sa.select(ImportDraft)).one().data["header"]["number"] != "X"


def test_confirm_needs_a_number_and_text(officer, sample_text):
    url = start(officer, sample_text)
    post_review(officer, url, "add:5")
    response = post_review(officer, url, "confirm", number="")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="number-error"' in page and 'id="directives-6-text-error"' in page
    assert count(Document) == 0 and not nothing_created()


def test_a_new_agency_asks_for_its_address_and_parent_and_warns_without_one(officer):
    url = start(officer, NOTICE)
    page = officer.get(url).get_data(as_text=True)
    assert 'name="directives-0-new_agencies-0-email"' in page
    assert 'name="directives-0-new_agencies-0-parent"' in page
    accepted = {
        "directives-0-new_agencies-0-add": "y",
        "directives-0-new_agencies-0-name": "Sở Khoa học và Công nghệ",
    }
    post_review(officer, url, "save", **accepted)
    page = officer.get(url).get_data(as_text=True)
    assert "Sở Khoa học và Công nghệ has no e-mail address: it will not be notified." in page
    bad = post_review(
        officer, url, "confirm", **accepted, **{"directives-0-new_agencies-0-email": "khcn@"}
    )
    assert bad.status_code == 422 and count(Document) == 0
    assert "Not a valid e-mail address: khcn@" in bad.get_data(as_text=True)
    post_review(
        officer,
        url,
        "confirm",
        **accepted,
        **{
            "directives-0-new_agencies-0-email": "khcn@langson.example",
            "directives-0-new_agencies-0-parent": "ubnd-tinh",
        },
    )
    agency = db.session.scalars(
        sa.select(Agency).where(Agency.code == "so-khoa-hoc-va-cong-nghe")
    ).one()
    assert [c.email for c in agency.contacts] == ["khcn@langson.example"]
    assert agency.parent.code == "ubnd-tinh"


def test_the_review_names_chosen_agencies_mail_cannot_reach(officer, system, now):
    from tracker.domain.agencies import create_agency

    create_agency(system, now, code="bqlda", name="Ban Quản lý dự án tỉnh", level="department")
    db.session.commit()
    url = start(officer, NOTICE)
    post_review(officer, url, "save", **{"directives-0-lead": ["ca-tinh", "bqlda"]})
    page = officer.get(url).get_data(as_text=True)
    box = page.split("Mail cannot reach these chosen agencies; they will not be notified:")[1]
    assert "<li>Ban Quản lý dự án tỉnh: no e-mail address</li>" in box.split("</ul>")[0]
    done = post_review(officer, url, "confirm")
    shown = officer.get(done.headers["Location"]).get_data(as_text=True)
    assert "These agencies were not notified, mail cannot reach them: Ban Quản lý dự án" in shown
