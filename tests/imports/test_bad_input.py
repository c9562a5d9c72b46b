"""Files the reader cannot use: a clear message beside the field, nothing created, the text
typed so far kept."""

from __future__ import annotations

import html
import io

import pytest

from tests.imports.conftest import nothing_created
from tests.notices.conftest import hand_made_pdf


def blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def upload(client, name: str, data: bytes, text: str = ""):
    return client.post(
        "/imports/",
        data={"file": (io.BytesIO(data), name), "text": text},
        content_type="multipart/form-data",
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "The file is empty."),
        ("binary.txt", b"\x00\x01\x02\x03" * 100, "The file is not readable text."),
        ("scan.pdf", None, "The PDF has no text layer"),
        ("broken.pdf", b"%PDF-1.4 this is not really a PDF", "could not be read"),
        ("bomb.pdf", hand_made_pdf(["3 0 R"] * 2000), "The PDF has too many pages"),
        ("broken.docx", b"PK\x03\x04 not a zip at all", "could not be read"),
        ("old.doc", b"\xd0\xcf\x11\xe0 Word 97", "Upload a .txt, .docx or .pdf file."),
        ("picture.png", b"\x89PNG\r\n", "Upload a .txt, .docx or .pdf file."),
    ],
)
def test_a_bad_file_is_refused_with_a_message(officer, name, data, message):
    data = blank_pdf() if data is None else data
    response = upload(officer, name, data, text="Dòng tôi đã gõ")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="file-error"' in page and message in page
    assert "Dòng tôi đã gõ" in page  # what was typed is still there
    assert nothing_created()


def test_a_file_over_the_size_limit_is_refused(app, officer):
    app.config["NOTICE_MAX_BYTES"] = 1024
    response = upload(officer, "big.txt", "Giao Sở Y tế chủ trì.\n".encode() * 200)
    page = response.get_data(as_text=True)
    assert "The file is larger than 0.000977 MB." in page
    assert nothing_created()


def test_a_request_over_the_server_limit_gets_a_friendly_page(app, officer):
    app.config["MAX_CONTENT_LENGTH"] = 2048
    response = upload(officer, "huge.txt", b"a" * 10_000)
    assert response.status_code == 413
    assert nothing_created()


def test_nothing_pasted_and_no_file(officer):
    response = officer.post("/imports/", data={"text": "   "})
    page = html.unescape(response.get_data(as_text=True))  # the apostrophe arrives escaped
    assert "Paste the notice's text or choose a file." in page
    assert nothing_created()


def test_a_notice_without_directives_still_opens_for_review(officer):
    response = officer.post("/imports/", data={"text": "Trời hôm nay đẹp.\nKhông có gì."})
    assert response.status_code == 302
    page = officer.get(response.headers["Location"]).get_data(as_text=True)
    assert "add them below" in page
    assert 'class="directive"' not in page
