"""The demo: Lạng Sơn's agencies and notice 75/TB-UBND (2010), moved to the present.

The 2010 dates are shifted so that "today" stands where 20/12/2010 stood: the notice's
directives then show every official status (done on time, done late, within deadline,
due soon, overdue, no deadline) with a believable history behind each.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from pathlib import Path

import sqlalchemy as sa

from tracker.domain import agencies as agency_registry
from tracker.domain import workflow
from tracker.domain.accounts.users import create_user, find_user
from tracker.domain.clock import Policy, zone
from tracker.domain.permissions import actor_for_user, system_actor
from tracker.domain.states import AgencyLevel, AssignmentRole, DocumentKind, Role
from tracker.domain.work import assignment as assigning
from tracker.domain.work import tasks
from tracker.extensions import db
from tracker.models import Agency, Assignment, Document

SAMPLE_DIR = Path(__file__).resolve().parent / "sample"
NOTICE_TXT = SAMPLE_DIR / "75-TB-UBND-2010-lang-son.txt"
NOTICE_JSON = SAMPLE_DIR / "75-TB-UBND-2010-lang-son.expected.json"
AGENCIES_CSV = SAMPLE_DIR / "lang-son-agencies.csv"
VIRTUAL_TODAY = date(2010, 12, 20)
DEMO_PASSWORD = "demo-tracker-2010"  # noqa: S105 - published demo password, demo data only

#: (e-mail, role, agency code, name)
DEMO_USERS = [
    ("admin@demo.example", Role.ADMIN, None, "Quản trị hệ thống"),
    ("thuongtruc@demo.example", Role.OFFICE, None, "Cơ quan Thường trực (Công an tỉnh)"),
    ("lanhdao@demo.example", Role.VIEWER, None, "Lãnh đạo UBND tỉnh"),
    ("congan@demo.example", Role.AGENCY, "ca-tinh", "Cán bộ Công an tỉnh"),
    ("mttq@demo.example", Role.AGENCY, "mttq-tinh", "Cán bộ Ủy ban MTTQ tỉnh"),
    ("trangdinh@demo.example", Role.AGENCY, "h-trangdinh", "Cán bộ UBND huyện Tràng Định"),
    ("caoloc@demo.example", Role.AGENCY, "h-caoloc", "Cán bộ UBND huyện Cao Lộc"),
    ("locbinh@demo.example", Role.AGENCY, "h-locbinh", "Cán bộ UBND huyện Lộc Bình"),
]


class DemoClock:
    """Maps the notice's 2010 calendar onto the present."""

    def __init__(self, today: date, tz: str):
        self.offset = today - VIRTUAL_TODAY
        self.tz = tz

    def day(self, value: date | str) -> date:
        value = date.fromisoformat(value) if isinstance(value, str) else value
        return value + self.offset

    def at(self, value: str, hour: int = 9) -> datetime:
        local = datetime.combine(self.day(value), time(hour), tzinfo=zone(self.tz))
        return local.astimezone(UTC)


def directive_paragraphs(text: str, starts: list[str]) -> list[str]:
    """The full paragraph of the notice that begins with each `text_start`."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [next(line for line in lines if line.startswith(start)) for start in starts]


def load_demo(
    now: datetime,
    today: date | None = None,
    tz: str = "Asia/Ho_Chi_Minh",
    password: str = DEMO_PASSWORD,
) -> str:
    """Load (or top up) the demo; returns a summary with how to log in (new accounts get
    `password`; production passes a random one, never the published one)."""
    today = today or Policy(timezone=tz).today(now)
    system = system_actor("demo")
    rows = agency_registry.parse_agency_csv(AGENCIES_CSV.read_bytes())
    agency_registry.import_agencies(rows, system, now)
    _demo_users(now, password)
    exists = db.session.scalar(sa.select(Document.id).where(Document.number == "75/TB-UBND"))
    if exists is None:
        _demo_notice(DemoClock(today, tz), Policy(timezone=tz))
    lines = ["Demo loaded. Log in at http://127.0.0.1:5000 with any of:"]
    lines += [f"  {email:28} ({role.value})" for email, role, _code, _name in DEMO_USERS]
    lines.append(f"  password: {password}")
    return "\n".join(lines)


def _demo_users(now: datetime, password: str) -> None:
    codes = {a.code: a for a in db.session.scalars(sa.select(Agency))}
    for email, role, code, name in DEMO_USERS:
        if find_user(email) is None:
            create_user(
                system_actor("demo"),
                now,
                email=email,
                role=role,
                password=password,
                name=name,
                agency=codes.get(code),
            )
    db.session.flush()


def _demo_notice(clock: DemoClock, policy: Policy) -> None:
    expected = json.loads(NOTICE_JSON.read_text(encoding="utf-8"))
    office = actor_for_user(find_user("thuongtruc@demo.example"))
    created = clock.at("2010-07-20")
    document = tasks.create_document(
        office,
        created,
        number=expected["number"],
        kind=DocumentKind.CONCLUSION_NOTICE,
        issuer=expected["issuer"],
        issued_on=None,
        title=expected["title"],
        full_text=NOTICE_TXT.read_text(encoding="utf-8"),
    )
    paragraphs = directive_paragraphs(
        document.full_text, [d["text_start"] for d in expected["directives"]]
    )
    made = [
        tasks.create_task(
            office,
            created,
            text=text,
            document=document,
            deadline=clock.day(d["deadline"]) if d["deadline"] else None,
        )
        for text, d in zip(paragraphs, expected["directives"], strict=True)
    ]
    codes = {a.code: a for a in db.session.scalars(sa.select(Agency))}
    districts = [a for a in codes.values() if a.level == AgencyLevel.DISTRICT]
    members = [codes[c] for c in ("hccb-tinh", "hnct-tinh", "hnd-tinh", "hpn-tinh", "tinh-doan")]
    assigned = clock.at("2010-07-25")
    lead = AssignmentRole.LEAD
    assigning.assign(made[0], districts, lead, office, assigned)
    assigning.assign(made[2], [codes["ca-tinh"]], lead, office, assigned)
    assigning.assign(
        made[2], [codes["mttq-tinh"], *members], AssignmentRole.SUPPORT, office, assigned
    )
    assigning.assign(made[3], [codes["bcd-tinh"]], lead, office, assigned)
    assigning.assign(made[5], [codes["ca-tinh"]], lead, office, assigned)
    ongoing = tasks.create_task(
        office,
        assigned,
        title="Thường xuyên nắm tình hình ANTT ở cơ sở",
        text="Thường xuyên nắm tình hình an ninh trật tự ở cơ sở, kịp thời báo cáo Ban Chỉ đạo "
        "những vụ việc phức tạp phát sinh.",
    )  # an ongoing duty (thường xuyên): no deadline
    assigning.assign(ongoing, [codes["ca-tinh"]], lead, office, assigned)
    db.session.flush()
    _demo_history(clock, policy, office, made)


def _demo_history(clock: DemoClock, policy: Policy, office, made) -> None:
    def a(task_index: int, code: str) -> Assignment:
        return next(x for x in made[task_index].assignments if x.agency.code == code)

    def agent(assignment: Assignment):
        return system_actor(f"demo: {assignment.agency.name}")

    def progress(x, day, percent, note):
        workflow.report_progress(x, agent(x), percent, note, clock.at(day))

    def complete(x, day, note, confirm_day=None):
        workflow.report_completion(x, agent(x), note, clock.at(day), policy)
        if confirm_day:
            workflow.confirm_completion(x, office, clock.at(confirm_day, 15))

    def move_deadline(x, day, new, reason):
        assigning.change_deadline(x, office, clock.day(new), reason, clock.at(day))

    for code, new in (
        ("h-bacson", "2010-12-24"),
        ("h-binhgia", "2010-12-24"),
        ("h-locbinh", "2010-12-10"),
    ):
        move_deadline(a(0, code), "2010-11-01", new, "Báo cáo sớm để phục vụ sơ kết năm.")
    move_deadline(a(2, "hpn-tinh"), "2010-08-01", "2010-11-15", "Phục vụ Hội nghị phụ nữ.")
    move_deadline(a(2, "hnd-tinh"), "2010-08-01", "2010-12-01", "Phục vụ tổng kết năm.")

    progress(a(0, "h-trangdinh"), "2010-09-10", 50, "Đã kiện toàn Ban Chỉ đạo 10/23 xã.")
    complete(a(0, "h-trangdinh"), "2010-11-25", "Kiện toàn xong 23/23 xã, thị trấn.", "2010-11-28")
    complete(a(0, "h-vanlang"), "2010-11-30", "Đã kiện toàn Ban Chỉ đạo các xã.", "2010-12-02")
    progress(a(0, "tp-langson"), "2010-10-15", 70, "Đã kiện toàn 6/8 phường, xã.")
    complete(a(0, "tp-langson"), "2010-12-18", "Hoàn thành kiện toàn 8/8 phường, xã.")
    progress(a(0, "h-caoloc"), "2010-11-20", 60, "Đang kiện toàn Ban Chỉ đạo các xã.")
    assigning.request_extension(
        a(0, "h-caoloc"),
        agent(a(0, "h-caoloc")),
        clock.day("2011-01-15"),
        "Ba xã biên giới chưa bầu xong trưởng thôn.",
        clock.at("2010-12-15"),
        policy,
    )
    for code in ("h-bacson", "h-binhgia"):
        progress(a(0, code), "2010-11-15", 40, "Đang triển khai tại các xã.")
    progress(a(0, "h-locbinh"), "2010-11-05", 20, "Mới triển khai ở thị trấn.")
    progress(a(0, "h-huulung"), "2010-10-01", 30, "Đã kiện toàn 8 xã.")
    complete(a(0, "h-huulung"), "2010-12-01", "Đã hoàn thành.")
    workflow.return_for_rework(
        a(0, "h-huulung"),
        office,
        "Báo cáo chưa nêu danh sách thành viên từng xã.",
        clock.at("2010-12-03"),
    )

    progress(a(2, "ca-tinh"), "2010-10-01", 50, "Đã xác định 12 địa bàn trọng điểm.")
    complete(a(2, "mttq-tinh"), "2010-11-10", "Đã phối hợp mở 5 cuộc vận động.", "2010-11-12")
    complete(a(2, "hpn-tinh"), "2010-11-20", "Đã tổ chức hòa giải ở 40 khu dân cư.", "2010-11-22")
    complete(
        a(3, "bcd-tinh"), "2010-08-25", "Đã tổ chức lễ kỷ niệm ở tỉnh và 11 huyện.", "2010-08-27"
    )
    progress(a(5, "ca-tinh"), "2010-09-15", 30, "Đã kiểm tra 3/11 huyện, thành phố.")
