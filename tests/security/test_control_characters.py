"""Item 5: control characters are taken out at every input (web form, e-mail link page, API),
and the exports stay whole even for rows written before."""

from __future__ import annotations

import sqlalchemy as sa

from tests.conftest import NOW, PASSWORD
from tracker.domain.accounts.links import issue_link
from tracker.domain.accounts.tokens import create_token
from tracker.extensions import db
from tracker.models import ProgressUpdate

DIRTY = "Đã\x01 họp\x0b triển khai\x00 xong\tvà\nbáo cáo\x7f"
CLEAN = "Đã họp triển khai xong\tvà\nbáo cáo"


def _exports_work(app, world):
    office = app.test_client()
    office.post("/login", data={"email": world.office.email, "password": PASSWORD})
    for suffix in (".xlsx", ".docx", ""):
        response = office.get(f"/reports/notices/{world.document_id}{suffix}")
        assert response.status_code == 200, suffix


def _notes():
    return list(db.session.scalars(sa.select(ProgressUpdate.note).order_by(ProgressUpdate.id)))


def test_the_web_form_stores_the_note_without_controls(app, world, login):
    app.config["FIXED_NOW"] = NOW
    client = login(world.officer)
    response = client.post(
        f"/assignments/{world.mine.id}/progress",
        data={"progress-percent": "40", "progress-note": DIRTY},
    )
    assert response.status_code == 302
    assert _notes() == [CLEAN]
    _exports_work(app, world)


def test_the_email_link_page_stores_the_note_without_controls(app, world):
    app.config["FIXED_NOW"] = NOW
    token = issue_link(app.config["SECRET_KEY"], world.mine.agency_id, NOW, 14)
    db.session.commit()
    response = app.test_client().post(
        f"/link/{token}/{world.mine.id}", data={"kind": "progress", "percent": "10", "note": DIRTY}
    )
    assert response.status_code == 302
    assert _notes() == [CLEAN]
    _exports_work(app, world)


def test_the_api_refuses_control_characters_and_says_where(app, client, world):
    app.config["FIXED_NOW"] = NOW
    _row, secret = create_token(world.officer, "script", NOW)
    db.session.commit()
    response = client.post(
        f"/api/v1/assignments/{world.mine.id}/progress-updates",
        json={"percent": 20, "note": DIRTY},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 422  # a program is told, rather than its text changed
    assert "note" in str(response.get_json())
    assert _notes() == []
    fine = client.post(
        f"/api/v1/assignments/{world.mine.id}/progress-updates",
        json={"percent": 20, "note": CLEAN},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert fine.status_code == 201
    _exports_work(app, world)


def test_exports_survive_rows_written_before_the_cleaning(app, client, world, login):
    app.config["FIXED_NOW"] = NOW
    login(world.officer).post(
        f"/assignments/{world.mine.id}/progress",
        data={"progress-percent": "40", "progress-note": "sạch"},
    )
    old = DIRTY.replace("\x00", "")  # PostgreSQL never stored NUL; the others it did
    db.session.execute(sa.update(ProgressUpdate).values(note=old))  # an old, dirty row
    db.session.commit()
    _exports_work(app, world)
