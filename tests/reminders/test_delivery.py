"""What arrives at the SMTP server: recipients, Vietnamese UTF-8, both parts, working links."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import sqlalchemy as sa

from tracker.domain.states import Role, WorkState
from tracker.extensions import db
from tracker.models import Assignment, Notification, NotificationStatus, ProgressUpdate
from tracker.reminders.jobs import run_job

#: Monday 22/06/2026 08:00 in Hà Nội: digest day, and 3 days before a Thursday deadline
MONDAY_8AM = datetime(2026, 6, 22, 1, 0, tzinfo=UTC)
THURSDAY = date(2026, 6, 25)


def run_all(now):
    run_job("sweep", now)
    run_job("deliver", now)


def test_digest_and_reminder_arrive_in_vietnamese_with_both_parts(
    mail_app, smtp, agencies, give, make_user
):
    trangdinh = agencies["h-trangdinh"]
    officer = make_user(Role.AGENCY, trangdinh, email="canbo@trangdinh.example")
    give(trangdinh, THURSDAY, title="Rà soát đối tượng nghiện ma túy trên địa bàn")
    run_all(MONDAY_8AM)
    by_kind = {r.key.split(":")[0]: r for r in smtp.received}
    assert {"digest", "reminder", "summary", "created"} <= set(by_kind)
    digest = by_kind["digest"]
    assert digest.rcpt_tos == ["trangdinh@langson.example", officer.email]
    assert "Tràng Định" in digest.message["Subject"]
    plain = digest.message.get_body(("plain",)).get_content()
    html = digest.message.get_body(("html",)).get_content()
    assert "Rà soát đối tượng nghiện ma túy trên địa bàn" in plain
    assert "Rà soát đối tượng nghiện ma túy trên địa bàn" in html
    assert "25/06/2026" in plain
    reminder = by_kind["reminder"]
    assert reminder.key.endswith(":2026-06-25:d3")
    assert "Rà soát đối tượng" in reminder.message["Subject"]
    assert "3" in reminder.message["Subject"]


def test_link_in_a_mail_opens_the_assignment_and_takes_a_report(
    mail_app, smtp, agencies, give, client
):
    made = give(agencies["h-trangdinh"], THURSDAY)
    run_all(MONDAY_8AM)
    reminder = next(r for r in smtp.received if r.key.startswith("reminder:"))
    url = re.search(
        r"http://localhost(/link/[^\s#]+)", reminder.message.get_body(("plain",)).get_content()
    ).group(1)
    mail_app.config["FIXED_NOW"] = MONDAY_8AM
    page = client.get(url)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Tăng cường tuyên truyền" in text
    token = re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)
    response = client.post(
        f"{url}/{made.id}",
        data={
            "csrf_token": token,
            "kind": "progress",
            "percent": "40",
            "note": "Đã họp triển khai",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assignment = db.session.get(Assignment, made.id)
    assert assignment.state == WorkState.IN_PROGRESS and assignment.progress == 40
    update = db.session.scalar(sa.select(ProgressUpdate))
    assert update.via_link and update.author_id is None


def test_link_does_not_open_another_agencys_assignment(mail_app, smtp, agencies, give, client):
    give(agencies["h-trangdinh"], THURSDAY)
    other = give(
        agencies["h-vanlang"] if "h-vanlang" in agencies else agencies["ca-tinh"],
        THURSDAY,
        title="Việc của cơ quan khác",
    )
    run_all(MONDAY_8AM)
    reminder = next(
        r for r in smtp.received if r.key.startswith("reminder:") and "trangdinh" in r.rcpt_tos[0]
    )
    url = re.search(
        r"http://localhost(/link/[^\s#]+)", reminder.message.get_body(("plain",)).get_content()
    ).group(1)
    mail_app.config["FIXED_NOW"] = MONDAY_8AM
    page = client.get(url)
    assert "Việc của cơ quan khác" not in page.get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    response = client.post(
        f"{url}/{other.id}",
        data={"csrf_token": token, "kind": "progress", "percent": "10", "note": "x"},
    )
    assert response.status_code == 404
    assert client.get("/link/forged-token").status_code == 404


def test_without_a_mail_server_mails_are_held_with_the_reason(app, agencies, give):
    give(agencies["h-trangdinh"], THURSDAY)
    run_all(MONDAY_8AM)
    rows = db.session.scalars(sa.select(Notification)).all()
    assert rows and all(r.status == NotificationStatus.HELD for r in rows)
    assert all(r.last_error == "not sent: no mail server configured" for r in rows)


def test_agency_with_nothing_open_gets_no_digest(mail_app, smtp, agencies, give, office_actor):
    from tracker.domain import workflow

    done = give(agencies["h-trangdinh"], THURSDAY)
    workflow.cancel(done, office_actor, "Không còn phù hợp", MONDAY_8AM)
    db.session.commit()
    run_all(MONDAY_8AM)
    assert not [k for k in smtp.handler.delivered_keys() if k.startswith(("digest:", "reminder:"))]
