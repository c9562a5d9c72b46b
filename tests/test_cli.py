"""The flask commands: users, agencies import, demo."""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa

from tests.conftest import SAMPLE_DIR
from tracker.domain.clock import Policy
from tracker.domain.states import TimeStatus
from tracker.domain.status import classify
from tracker.extensions import db
from tracker.models import Agency, Assignment, Document, Task, User
from tracker.models.agency import AgencyContact


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_agencies_import_creates_the_registry(runner):
    result = runner.invoke(args=["agencies", "import", str(SAMPLE_DIR / "lang-son-agencies.csv")])
    assert result.exit_code == 0, result.output
    assert "21 created" in result.output
    ca = db.session.scalar(sa.select(Agency).filter_by(code="ca-tinh"))
    assert ca.parent.code == "ubnd-tinh"
    assert "cơ quan Thường trực" in [a.alias for a in ca.aliases]
    assert ca.head_contact.email == "thuongtruc@congan.langson.example"
    again = runner.invoke(args=["agencies", "import", str(SAMPLE_DIR / "lang-son-agencies.csv")])
    assert "0 created, 21 updated" in again.output
    assert count(Agency) == 21 and count(AgencyContact) == 21


def test_a_failed_import_creates_nothing_and_names_each_bad_row(runner, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "code,name,level,parent_code,aliases,email\n"
        "ok-one,Sở Nội vụ,department,,,noivu@x.example\n"
        "bad one,Sở Y tế,department,,,yte@x.example\n"
        "so-gd,Sở Giáo dục,ministry,,,gd@x.example\n"
        "so-tc,Sở Tài chính,department,nowhere,,not-an-email\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["agencies", "import", str(bad)])
    assert result.exit_code != 0
    assert "line 3" in result.output and "line 4" in result.output and "line 5" in result.output
    assert "ministry" in result.output and "nowhere" in result.output
    assert count(Agency) == 0


def test_import_refuses_a_file_without_the_columns(runner, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("ma,ten\nx,y\n", encoding="utf-8")
    result = runner.invoke(args=["agencies", "import", str(bad)])
    assert result.exit_code != 0 and "code" in result.output


def test_users_create(runner, agencies):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "Can.Bo@TrangDinh.example",
            "--role",
            "agency",
            "--agency",
            "h-trangdinh",
            "--password",
            "mat-khau-dai-du",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User))
    assert user.email == "can.bo@trangdinh.example" and user.agency.code == "h-trangdinh"
    assert user.password_hash.startswith("$argon2id$")


def test_users_create_refuses_bad_input(runner, agencies):
    cases = [
        (["--email", "x@y.example", "--role", "agency", "--password", "mat-khau-dai-du"], "đơn vị"),
        (["--email", "x@y.example", "--role", "office", "--password", "short"], "10"),
        (
            ["--email", "not-an-email", "--role", "office", "--password", "mat-khau-dai-du"],
            "e-mail",
        ),
        (
            [
                "--email",
                "x@y.example",
                "--role",
                "agency",
                "--agency",
                "nope",
                "--password",
                "mat-khau-dai-du",
            ],
            "nope",
        ),
    ]
    for args, message in cases:
        result = runner.invoke(args=["users", "create", *args])
        assert result.exit_code != 0 and message in result.output, (args, result.output)
    assert count(User) == 0


def test_demo_is_idempotent_and_shows_every_status(runner, app):
    first = runner.invoke(args=["demo", "--today", "2026-06-15"])
    assert first.exit_code == 0, first.output
    assert "demo-tracker-2010" in first.output
    counts = (count(Document), count(Task), count(Assignment), count(User))
    second = runner.invoke(args=["demo", "--today", "2026-06-15"])
    assert second.exit_code == 0
    assert (count(Document), count(Task), count(Assignment), count(User)) == counts
    assert counts[:2] == (1, 7)  # six directives and one ongoing duty
    now = datetime(2026, 6, 15, 3, 0, tzinfo=UTC)
    policy = Policy.from_config(app.config)
    statuses = {classify(a, now, policy) for a in db.session.scalars(sa.select(Assignment))}
    assert set(TimeStatus) <= statuses
    tasks = db.session.scalars(
        sa.select(Task).where(Task.document_id.is_not(None)).order_by(Task.ordinal)
    ).all()
    assert [t.deadline for t in tasks][:4] == [
        date(2026, 6, 26),
        date(2026, 6, 26),
        date(2026, 6, 26),
        date(2026, 2, 12),
    ]
    assert tasks[1].assignments == [] and tasks[4].assignments == []  # no agency named
