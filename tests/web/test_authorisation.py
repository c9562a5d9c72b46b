"""Every route × every role: who gets the page, who is sent to log in, who gets 404.

An agency officer of another agency asking for this agency's task, assignment, attachment or
document gets 404, whatever the URL.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tracker.domain.states import Role
from tracker.extensions import db
from tracker.models import Attachment, Document

ROLES = ("anonymous", "admin", "office", "foreign_officer", "viewer")
LOGGED_IN = {"admin", "office", "foreign_officer", "viewer"}
READ_ALL = {"admin", "office", "viewer"}
OFFICE = {"admin", "office"}

API_READS = [
    f"api.{name}"
    for name in [
        "list_agencies",
        "get_agency",
        "list_documents",
        "get_document",
        "list_tasks",
        "get_task",
        "list_assignments",
        "get_assignment",
        "list_progress_updates",
        "list_extension_requests",
        "get_extension_request",
    ]
]
API_WRITES = [
    f"api.{name}"
    for name in [
        "create_task",
        "assign_task",
        "report_progress",
        "report_completion",
        "confirm",
        "return_for_rework",
        "request_extension",
        "decide_extension",
        "import_notice",
    ]
]

#: endpoint -> (who may use it, status they get when they may)
MY_GETS = {
    "ops.healthz": ("public", 200),
    "ops.readyz": ("public", 200),
    "ops.metrics": ("public", 404),  # off unless METRICS_ENABLED
    "auth.login": ("public", 200),
    "auth.forgot_password": ("public", 200),
    "auth.reset_password": ("public", 400),  # a made-up token
    "main.index": (LOGGED_IN, 302),
    "auth.change_password": (LOGGED_IN, 200),
    "tasks.index": (LOGGED_IN, 200),
    "documents.index": (LOGGED_IN, 200),
    # objects of another agency: only those who read everything
    "tasks.show": (READ_ALL, 200),
    "documents.show": (READ_ALL, 200),
    "documents.original": (READ_ALL, 200),
    "assignments.show": (READ_ALL, 200),
    "assignments.attachment": (READ_ALL, 200),
    "agencies.index": (READ_ALL, 200),
    "agencies.show": (READ_ALL, 200),
    "documents.create": (OFFICE, 200),
    "documents.edit": (OFFICE, 200),
    "tasks.create": (OFFICE, 200),
    "tasks.edit": (OFFICE, 200),
    "tasks.assign": (OFFICE, 200),
    "tasks.change_deadline": (OFFICE, 200),
    "review.index": (OFFICE, 200),
    "agencies.edit": (OFFICE, 200),
    "agencies.import_csv": (OFFICE, 200),
    "users.index": ({"admin"}, 200),
    "users.create": ({"admin"}, 200),
    "mytasks.index": ({"foreign_officer"}, 200),
    # the other areas (each also has its own tests of what they show to whom)
    "dashboard.index": (LOGGED_IN, 200),  # an officer sees its own agencies' figures
    "reports.index": (LOGGED_IN, 200),
    "reports.scoreboard": (LOGGED_IN, 200),
    "reports.scoreboard_csv": (LOGGED_IN, 200),
    "reports.scoreboard_xlsx": (LOGGED_IN, 200),
    "reports.notice": (READ_ALL, 200),  # the officer's agencies have no task in it
    "reports.notice_docx": (READ_ALL, 200),
    "reports.notice_xlsx": (READ_ALL, 200),
    "reports.notice_official": (READ_ALL, 200),
    "reports.period": (LOGGED_IN, 200),
    "reports.period_official": (LOGGED_IN, 200),
    "reports.calendars": (LOGGED_IN, 200),
    "reports.api_tokens": (LOGGED_IN, 200),
    "reports.calendar_feed": ("public", 404),  # a made-up secret
    "imports.new": (OFFICE, 200),
    "imports.review_draft": (OFFICE, 404),  # no such draft
    "outbox.index": (OFFICE, 200),
    "outbox.show": (OFFICE, 200),
    "outbox.preview": (OFFICE, 200),
    "outbox.preview_choice": (OFFICE, 404),  # no agency chosen
    "link.open_link": ("public", 404),  # a made-up token
    "link.agency_links": (OFFICE, 200),  # the officer's own agency: tests/security/test_links
    "api.openapi": ("public", 200),
    **dict.fromkeys(API_READS, ("public", 401)),  # a session cookie is no API token
}
#: endpoint -> (who may use it, statuses when they may; empty data fails validation: 422)
MY_POSTS = {
    "auth.logout": ("public", {302}),
    "auth.set_language": ("public", {302}),
    "auth.login": ("public", {200}),
    "auth.forgot_password": ("public", {200}),
    "auth.reset_password": ("public", {400}),
    "auth.change_password": (LOGGED_IN, {200}),
    "assignments.report_progress": (OFFICE, {422}),
    "assignments.report_completion": (OFFICE, {422}),
    "assignments.request_extension": (OFFICE, {422}),
    "assignments.delegate": (OFFICE, {422}),
    "assignments.confirm": (OFFICE, {422}),
    "assignments.return_for_rework": (OFFICE, {422}),
    "assignments.decide_extension": (OFFICE, {422}),
    "assignments.change_deadline": (OFFICE, {422}),
    "assignments.pause": (OFFICE, {422}),  # no reason given
    "assignments.resume": (OFFICE, {422}),  # it is not paused
    "assignments.cancel": (OFFICE, {422}),
    "assignments.reopen": (OFFICE, {422}),
    "documents.create": (OFFICE, {200}),
    "documents.edit": (OFFICE, {200, 302}),  # nothing posted: nothing changes
    "tasks.create": (OFFICE, {200}),
    "tasks.edit": (OFFICE, {200, 302}),
    "tasks.assign": (OFFICE, {200}),
    "tasks.change_deadline": (OFFICE, {200}),
    "agencies.edit": (OFFICE, {200, 302}),
    "agencies.import_csv": (OFFICE, {200}),
    "agencies.import_confirm": (OFFICE, {302}),
    "users.create": ({"admin"}, {200}),
    "users.toggle_active": ({"admin"}, {302}),
    "users.send_reset": ({"admin"}, {302}),
    "reports.calendars": (LOGGED_IN, {200}),
    "reports.api_tokens": (LOGGED_IN, {200}),  # no name given: the form again
    "reports.revoke_calendar": (OFFICE, {404}),  # no such feed
    "reports.revoke_api_token": (OFFICE, {404}),  # no such token
    "imports.new": (OFFICE, {200}),  # nothing pasted: the form again
    "imports.update": (OFFICE, {404}),
    "outbox.resend_one": (OFFICE, {302}),
    "outbox.requeue_all": (OFFICE, {400}),  # no status posted
    "link.report": ("public", {404}),
    "link.revoke_links": (OFFICE, {302, 404}),  # all: 302; link 1 is not this agency's: 404
    **dict.fromkeys(API_WRITES, ("public", {401})),
}


@pytest.fixture
def setting(world, agencies, make_user, app):
    """The URL values and a logged-in client per role."""
    foreign = make_user(Role.AGENCY, agencies["h-locbinh"])
    data = b"%PDF-1.4 test"
    attachment = Attachment(
        assignment_id=world.mine.id,
        filename="a.pdf",
        stored_name="a" * 40,
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        created_at=world.task.created_at,
    )
    db.session.add(attachment)
    db.session.commit()
    folder = Path(app.config["UPLOAD_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / attachment.stored_name).write_bytes(data)
    document = db.session.get(Document, world.document_id)
    document.original_filename, document.original_stored_name = "tb.txt", "b" * 40
    document.original_content_type = "text/plain; charset=utf-8"
    db.session.commit()
    (folder / document.original_stored_name).write_text("THÔNG BÁO", encoding="utf-8")
    values = {
        "assignment_id": world.mine.id,
        "task_id": world.task.id,
        "document_id": world.document_id,
        "attachment_id": attachment.id,
        "agency_id": agencies["h-trangdinh"].id,
        "user_id": world.officer.id,
        "token": "not-a-real-token",
        "kind": "docx",
    }
    users = {
        "admin": world.admin,
        "office": world.office,
        "viewer": world.viewer,
        "foreign_officer": foreign,
    }
    return values, users


def _url(app, rule, values):
    args = {name: values.get(name, 1) for name in rule.arguments}
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **args)


def _client(app, users, role):
    client = app.test_client()
    if role != "anonymous":
        response = client.post(
            "/login", data={"email": users[role].email, "password": "correct-horse-battery"}
        )
        assert response.status_code == 302
    return client


def _expect(table, endpoint, role):
    allowed, ok = table[endpoint]
    if allowed == "public" or role in allowed:
        return ok if isinstance(ok, set) else {ok}
    if role == "anonymous":
        return {302}
    if (
        endpoint.startswith("assignments.")
        and role == "viewer"
        and endpoint
        in (
            "assignments.report_progress",
            "assignments.report_completion",
            "assignments.request_extension",
            "assignments.delegate",
        )
    ):
        return {403}
    return {404}


@pytest.mark.parametrize("role", ROLES)
def test_every_route_for_every_role(app, setting, role):
    values, users = setting
    client = _client(app, users, role)
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        url = _url(app, rule, values)
        for method in sorted(rule.methods & {"GET", "POST"}):
            if rule.endpoint in ("auth.logout",):
                continue  # would end this client's session mid-walk; see test_sessions
            response = client.open(url, method=method)
            table = MY_GETS if method == "GET" else MY_POSTS
            if rule.endpoint in table:
                expected = _expect(table, rule.endpoint, role)
                assert response.status_code in expected, (method, url, role)
                if role == "anonymous" and table[rule.endpoint][0] != "public":
                    assert "/login" in response.headers["Location"], (method, url)
                checked += 1
            else:
                raise AssertionError(f"{rule.endpoint} ({method}) is not in the tables")
    assert checked >= len(MY_GETS)


def test_every_area_route_is_in_the_tables(app):
    """A new route in the web application must say who may use it."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        if "GET" in rule.methods:
            assert rule.endpoint in MY_GETS, rule.endpoint
        if "POST" in rule.methods:
            assert rule.endpoint in MY_POSTS, rule.endpoint


def test_no_state_change_over_get(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] in ("assignments", "users", "auth"):
            name = rule.endpoint.split(".")[1]
            if name in (
                "confirm",
                "logout",
                "toggle_active",
                "send_reset",
                "report_progress",
                "pause",
                "resume",
                "cancel",
                "reopen",
            ):
                assert "GET" not in rule.methods, rule.endpoint
