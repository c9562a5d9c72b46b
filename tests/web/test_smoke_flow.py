"""The daily workflow through the web forms, in the order people do it."""

from __future__ import annotations

import io

from tracker.domain.states import WorkState
from tracker.extensions import db
from tracker.models import Attachment


def test_officer_reports_progress_with_evidence_and_office_confirms(world, login, client):
    login(world.officer)
    page = client.get(f"/assignments/{world.mine.id}")
    assert page.status_code == 200
    assert "tuyên truyền" in page.get_data(as_text=True)
    response = client.post(
        f"/assignments/{world.mine.id}/progress",
        data={
            "progress-percent": "50",
            "progress-note": "Đã tổ chức 3 hội nghị.",
            "progress-files": (io.BytesIO(b"%PDF-1.4 evidence"), "biên bản.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.refresh(world.mine)
    assert world.mine.progress == 50
    attachment = db.session.query(Attachment).one()
    assert attachment.filename == "biên bản.pdf"
    download = client.get(f"/attachments/{attachment.id}")
    assert download.status_code == 200 and download.data.startswith(b"%PDF")
    response = client.post(
        f"/assignments/{world.mine.id}/completion", data={"completion-note": "Xong."}
    )
    assert response.status_code == 302
    client.post("/logout")
    login(world.office)
    assert "Xong." in client.get("/review").get_data(as_text=True)
    assert client.post(f"/assignments/{world.mine.id}/confirm").status_code == 302
    db.session.refresh(world.mine)
    assert world.mine.state == WorkState.DONE
