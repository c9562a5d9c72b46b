"""The bytes the sender writes read back as the mail that was recorded."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default

import pytest

from tests.reminders.test_delivery import MONDAY_8AM
from tracker.reminders.mime import MailParts, mime_bytes

SUBJECT = ("Nhắc hạn: " + "Tăng cường công tác tuyên truyền phòng, chống ma túy " * 3).strip()


def parts(**changes) -> MailParts:
    fields = {
        "id": 7,
        "dedup_key": "reminder:7:2026-06-25:d3",
        "to": [f"canbo{i}@ubnd-xa-so-{i}.langson.gov.vn" for i in range(12)],
        "cc": ["thuongtruc@langson.gov.vn"],
        "subject": SUBJECT,
        "body_text": "Kính gửi: UBND xã\n\n- Nhiệm vụ số 1\n.\nHết.\n" * 40,
        "body_html": "<p>Kính gửi: <b>UBND xã</b></p>\n" * 40,
    }
    return MailParts(**(fields | changes))


def test_long_headers_fold_and_everything_reads_back():
    raw = mime_bytes(parts(), "tracker@langson.gov.vn", MONDAY_8AM)
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    assert b"\n" not in raw.replace(b"\r\n", b"")
    msg = message_from_bytes(raw, policy=default)
    assert msg["Subject"] == SUBJECT
    assert [a.addr_spec for a in msg["To"].addresses] == parts().to
    assert msg["Cc"] == "thuongtruc@langson.gov.vn"
    assert msg["X-Tracker-Key"] == "reminder:7:2026-06-25:d3"
    assert msg["Message-ID"].startswith("<tracker.7.") and msg["Date"]
    assert msg.get_body(("plain",)).get_content() == parts().body_text
    assert msg.get_body(("html",)).get_content() == parts().body_html


def test_a_line_break_in_a_header_is_refused():
    with pytest.raises(ValueError, match="line break"):
        mime_bytes(parts(subject="Nhắc hạn\r\nBcc: x@example.com"), "t@x.vn", MONDAY_8AM)
