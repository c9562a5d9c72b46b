"""A scanned PDF end to end (issue 16): upload, OCR, review, confirm."""

from __future__ import annotations

import io
import re

import sqlalchemy as sa

from tests.imports.conftest import post_review
from tests.notices.test_ocr import BODY, needs_tesseract, scanned_pdf
from tracker.extensions import db
from tracker.models import Document


@needs_tesseract
def test_upload_a_scan_review_and_confirm(officer):
    response = officer.post(
        "/imports/",
        data={"file": (io.BytesIO(scanned_pdf(BODY)), "scan.pdf"), "text": ""},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    url = response.headers["Location"]
    page = officer.get(url).get_data(as_text=True)
    assert page.count('class="directive"') == 2
    assert "Giao Sở Tài chính chủ trì" in page
    # The scan has no header, and this registry has no Sở Tài chính: the officer fills them in.
    changes = {
        "number": "12/TB-UBND",
        "issued_on": "10/03/2024",
        "title": "Kết luận của Chủ tịch UBND tỉnh",
        "directives-0-lead": "stttt",
    }
    confirmed = post_review(officer, url, "confirm", **changes)
    body = confirmed.get_data(as_text=True)
    errors = re.findall(r"(?:error|invalid)[^>]*>([^<]{3,200})<", body)
    assert confirmed.status_code == 302, errors
    document = db.session.scalars(sa.select(Document)).one()
    assert [t.text.split(",")[0] for t in document.tasks] == [
        "Giao Sở Tài chính chủ trì",
        "Giao Công an tỉnh tăng cường kiểm tra",
    ]
