"""The sender's claims: never more rows than asked for, and never a row another sender holds."""

from __future__ import annotations

from datetime import timedelta

from tests.reminders.test_delivery import MONDAY_8AM
from tracker.extensions import db
from tracker.reminders.outbox import record_mail
from tracker.reminders.sender import claim


def test_a_claim_takes_at_most_its_limit_and_claimed_rows_are_left_alone(app):
    for n in range(60):
        record_mail(
            kind="test",
            dedup_key=f"test:{n}",
            to=[f"x{n}@example.vn"],
            subject=f"Thư số {n}",
            body_text="Nội dung",
            body_html="<p>Nội dung</p>",
            now=MONDAY_8AM,
        )
    db.session.commit()
    lease = timedelta(minutes=10)
    first = claim(MONDAY_8AM, 25, lease)
    second = claim(MONDAY_8AM, 25, lease)
    third = claim(MONDAY_8AM, 25, lease)
    assert [len(first), len(second), len(third)] == [25, 25, 10]
    ids = [p.id for p in first + second + third]
    assert len(set(ids)) == 60
    assert claim(MONDAY_8AM + timedelta(minutes=5), 25, lease) == []  # still held
    assert len(claim(MONDAY_8AM + lease + timedelta(seconds=1), 100, lease)) == 60  # lapsed
