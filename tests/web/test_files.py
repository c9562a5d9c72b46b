"""Files on disk: a notice's original is served only to those who may see the notice, and
evidence written for a transaction that fails is removed again."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from flask import current_app

from tracker.domain.errors import InvalidInput
from tracker.domain.states import Role
from tracker.extensions import db
from tracker.models import Attachment, Document

ORIGINAL = "THÔNG BÁO Kết luận của Chủ tịch UBND tỉnh".encode()


@pytest.fixture
def original(app, world):
    """The world's notice, as if imported from a file with an awkward name."""
    document = db.session.get(Document, world.document_id)
    document.original_filename = "../Thông báo 12\r\n.docx"
    document.original_stored_name = "c" * 40
    document.original_content_type = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    db.session.commit()
    folder = Path(app.config["UPLOAD_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / document.original_stored_name).write_bytes(ORIGINAL)
    return document


@pytest.mark.parametrize("user", ["office", "viewer", "admin", "officer"])
def test_the_original_file_is_downloaded_by_those_who_see_the_notice(
    client, login, world, original, user
):
    login(getattr(world, user))
    page = client.get(f"/documents/{original.id}").get_data(as_text=True)
    assert f'href="/documents/{original.id}/original"' in page
    response = client.get(f"/documents/{original.id}/original")
    assert response.status_code == 200 and response.data == ORIGINAL
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "Th%C3%B4ng%20b%C3%A1o%2012.docx" in disposition  # the sanitised original name
    assert ".." not in disposition and "\r" not in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_another_agencys_officer_gets_404(client, login, world, original, agencies, make_user):
    stranger = make_user(Role.AGENCY, agencies["h-locbinh"])
    login(stranger)
    assert client.get(f"/documents/{original.id}/original").status_code == 404
    assert client.get(f"/documents/{original.id}").status_code == 404


def test_a_notice_without_a_file_has_no_download(client, login, world):
    login(world.office)
    page = client.get(f"/documents/{world.document_id}").get_data(as_text=True)
    assert "/original" not in page
    assert client.get(f"/documents/{world.document_id}/original").status_code == 404


def _report_with_evidence(client, world):
    return client.post(
        f"/assignments/{world.mine.id}/progress",
        data={
            "progress-percent": "30",
            "progress-note": "Kèm biên bản",
            "progress-files": (io.BytesIO(b"%PDF-1.4 minh chung"), "bien-ban.pdf"),
        },
        content_type="multipart/form-data",
    )


def _stored_files(app) -> list[Path]:
    folder = Path(app.config["UPLOAD_DIR"])
    return sorted(folder.iterdir()) if folder.exists() else []


def _fail_after_writing(monkeypatch, error: Exception) -> list[Path]:
    """Make recording the evidence fail once its files are on disk; returns what was seen."""
    seen: list[Path] = []

    def record(*_args, **_kwargs):
        seen.extend(_stored_files(current_app))
        raise error

    monkeypatch.setattr("tracker.domain.work.evidence.audit", SimpleNamespace(record=record))
    return seen


def test_evidence_of_a_refused_report_leaves_no_file(app, client, login, world, monkeypatch):
    # the files are written, then the same transaction fails: the view rolls back
    seen = _fail_after_writing(monkeypatch, InvalidInput("Sổ sách đang khóa."))
    login(world.officer)
    response = _report_with_evidence(client, world)
    assert response.status_code == 422
    assert "Sổ sách đang khóa." in response.get_data(as_text=True)
    assert len(seen) == 1  # it was written...
    assert _stored_files(app) == []  # ...and removed with the rollback
    assert db.session.scalar(sa.select(sa.func.count(Attachment.id))) == 0


def test_evidence_of_a_crashed_request_leaves_no_file(app, client, login, world, monkeypatch):
    seen = _fail_after_writing(monkeypatch, RuntimeError("the database went away"))
    login(world.officer)
    with pytest.raises(RuntimeError):
        _report_with_evidence(client, world)
    assert len(seen) == 1 and _stored_files(app) == seen  # written, the transaction open...
    db.session.remove()  # ...until the request's teardown closes the session uncommitted
    assert _stored_files(app) == []


def test_evidence_of_a_committed_report_stays(app, client, login, world):
    login(world.officer)
    assert _report_with_evidence(client, world).status_code == 302
    stored = db.session.scalar(sa.select(Attachment))
    assert [p.name for p in _stored_files(app)] == [stored.stored_name]
    db.session.remove()
    assert [p.name for p in _stored_files(app)] == [stored.stored_name]
