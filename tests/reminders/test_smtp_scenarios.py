"""Delivery against scripted mail servers: temporary errors retried, permanent ones failed at
once with a readable reason, per-recipient delivery, nothing lost, duplicates only where SMTP
cannot avoid them (the server took the mail but we never heard its 250)."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.reminders.test_delivery import MONDAY_8AM
from tracker.extensions import db
from tracker.models import Notification, NotificationStatus
from tracker.reminders.outbox import record_mail
from tracker.reminders.sender import claim, deliver_pending

S = NotificationStatus
TWO = ["a@so-noivu.example", "b@so-noivu.example"]


def record(n: int, to=TWO) -> None:
    for i in range(n):
        record_mail(
            kind="test",
            dedup_key=f"test:{i}",
            to=to,
            subject=f"Thư số {i}",
            body_text="Nội dung thư",
            body_html="<p>Nội dung thư</p>",
            now=MONDAY_8AM,
        )
    db.session.commit()


def rows() -> list[Notification]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Notification).order_by(Notification.id)))


def counts(smtp) -> dict:
    """recorded / delivered / duplicated, as the server saw them (per mail and recipient)."""
    arrived = Counter((r.key, to) for r in smtp.received for to in r.rcpt_tos)
    return {
        "recorded": len(rows()),
        "delivered": len({key for key, _to in arrived}),
        "duplicated": sum(n - 1 for n in arrived.values()),
    }


def deliver(app, at):
    return deliver_pending(at, app.config)


@pytest.mark.parametrize("step", ["MAIL", "RCPT", "DATA"])
@pytest.mark.parametrize("code", ["421 4.3.2 Service not available", "451 4.3.0 Try again later"])
def test_temporary_errors_are_retried_without_charging_untried_mails(mail_app, smtp, step, code):
    record(5)
    smtp.handler.refuse[step] = code
    deliver(mail_app, MONDAY_8AM)
    first = rows()
    assert {r.status for r in first} == {S.PENDING}
    charged = [r for r in first if r.attempts]
    # after a 421 the server hangs up: only the mail that met it is charged
    assert len(charged) == (1 if code.startswith("421") else 5)
    assert all(code in r.last_error and "b'" not in r.last_error for r in charged)
    # an hour of refusals: retried with growing back-off, never given up
    at = MONDAY_8AM
    for minutes in range(1, 61, 7):
        at = MONDAY_8AM + timedelta(minutes=minutes)
        deliver(mail_app, at)
    assert {r.status for r in rows()} == {S.PENDING}
    smtp.handler.refuse.clear()
    deliver(mail_app, at + timedelta(hours=2))
    assert {r.status for r in rows()} == {S.SENT}
    assert counts(smtp) == {"recorded": 5, "delivered": 5, "duplicated": 0}


@pytest.mark.parametrize("step", ["MAIL", "RCPT", "DATA"])
def test_permanent_errors_fail_at_once_with_the_servers_reply(mail_app, smtp, step):
    record(3)
    smtp.handler.refuse[step] = "550 5.7.1 Delivery not authorized"
    deliver(mail_app, MONDAY_8AM)
    for row in rows():
        assert row.status == S.FAILED and row.attempts == 1
        assert "550 5.7.1 Delivery not authorized" in row.last_error and "b'" not in row.last_error
    assert counts(smtp)["delivered"] == 0


def test_temporary_errors_give_up_after_the_retry_window(mail_app, smtp):
    mail_app.config["MAIL_RETRY_HOURS"] = 24
    record(1)
    smtp.handler.refuse["MAIL"] = "451 4.3.0 Try again later"
    deliver(mail_app, MONDAY_8AM)
    deliver(mail_app, MONDAY_8AM + timedelta(hours=23))
    assert rows()[0].status == S.PENDING
    deliver(mail_app, MONDAY_8AM + timedelta(hours=25))
    [row] = rows()
    assert row.status == S.FAILED and "gave up after 3 attempts" in row.last_error


def test_a_greylisted_recipient_gets_the_mail_on_the_retry_and_the_other_only_once(mail_app, smtp):
    record(2)
    smtp.handler.greylist.add(TWO[1])
    deliver(mail_app, MONDAY_8AM)
    first, second = rows()  # greylisting refuses the first try of a pair, not the next mail
    assert first.status == S.PENDING and first.delivered_to == [TWO[0]]
    assert "451 4.7.1 Greylisted" in first.last_error
    assert second.status == S.SENT
    deliver(mail_app, MONDAY_8AM + timedelta(minutes=2))
    assert {r.status for r in rows()} == {S.SENT}
    # each recipient got each mail once, with one Message-ID per mail across both attempts
    assert counts(smtp) == {"recorded": 2, "delivered": 2, "duplicated": 0}
    ids = {}
    for received in smtp.received:
        ids.setdefault(received.key, set()).add(received.message["Message-ID"])
    assert all(len(found) == 1 for found in ids.values())


def test_one_recipient_refused_for_good_leaves_the_other_delivered(mail_app, smtp):
    record(1)
    smtp.handler.reject.add(TWO[1])
    deliver(mail_app, MONDAY_8AM)
    [row] = rows()
    assert row.status == S.SENT and row.delivered_to == [TWO[0]]
    assert row.refused_to == {TWO[1]: "550 5.1.1 No such mailbox here"}


def test_a_drop_after_data_before_the_reply_repeats_only_that_mail_with_its_message_id(
    mail_app, smtp
):
    record(3)
    smtp.handler.drop_after_data = True
    deliver(mail_app, MONDAY_8AM)
    smtp.handler.drop_after_data = False
    deliver(mail_app, MONDAY_8AM + timedelta(minutes=5))
    assert {r.status for r in rows()} == {S.SENT}
    # the one window SMTP cannot close: the first mail arrived twice, same Message-ID
    assert counts(smtp) == {"recorded": 3, "delivered": 3, "duplicated": 2}
    first = [r for r in smtp.received if r.key == "test:0"]
    assert len(first) == 2 and len({r.message["Message-ID"] for r in first}) == 1


class RawServer:
    """A bare TCP server for what aiosmtpd cannot do: stay silent, or hang up mid-DATA."""

    def __init__(self, mode: str):
        self.mode, self.sock = mode, socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._talk, args=(conn,), daemon=True).start()

    def _talk(self, conn):
        with conn:
            if self.mode == "silent":
                conn.recv(1)  # never a greeting; wait until the client gives up
                return
            conn.sendall(b"220 raw ESMTP\r\n")
            reader = conn.makefile("rb")
            while line := reader.readline():
                if line.upper().startswith(b"DATA"):
                    conn.sendall(b"354 go on\r\n")
                    reader.readline()  # one line of the message, then hang up
                    return
                conn.sendall(b"250 ok\r\n")

    def close(self):
        self.sock.close()


@pytest.mark.parametrize("mode", ["silent", "drop mid-DATA"])
def test_a_silent_server_or_a_drop_mid_data_keeps_every_mail_pending(app, mode):
    record(3)
    server = RawServer(mode)
    try:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_TIMEOUT_SECONDS=1)
        report = deliver(app, MONDAY_8AM)
    finally:
        server.close()
    assert report.sent == 0 and report.errors
    found = rows()
    assert {r.status for r in found} == {S.PENDING}
    # a silent server is never reached: nobody charged; a drop charges only the mail in flight
    assert [r.attempts for r in found] == ([0, 0, 0] if mode == "silent" else [1, 0, 0])


def test_mail_held_without_a_server_goes_out_once_one_is_configured(app, smtp):
    record(4)
    assert deliver(app, MONDAY_8AM).held == 4
    assert {r.status for r in rows()} == {S.HELD}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port)
    deliver(app, MONDAY_8AM + timedelta(days=1))
    assert {r.status for r in rows()} == {S.SENT}
    assert counts(smtp) == {"recorded": 4, "delivered": 4, "duplicated": 0}


def test_a_long_run_renews_its_claim_so_a_second_sender_takes_nothing(mail_app, smtp):
    """A batch that takes longer than the claim keeps it alive: a sender starting while the
    first is still sending finds nothing to take (the 10-minute claim shortened to 1 s)."""
    record(6)
    smtp.handler.delay = 0.4  # the whole batch takes ~2.4 s, the claim lasts 1 s
    found = []

    def second_sender():
        with mail_app.app_context():
            time.sleep(1.5)  # the first sender is past its first claim's end
            found.extend(claim(MONDAY_8AM + timedelta(seconds=1.5), 10, timedelta(seconds=1)))
            db.session.remove()

    if db.engine.dialect.name == "sqlite":
        pytest.skip("needs PostgreSQL (a second writer while the first sends)")
    thread = threading.Thread(target=second_sender)
    thread.start()
    deliver_pending(MONDAY_8AM, mail_app.config, lease=timedelta(seconds=1))
    thread.join()
    assert found == []
    assert counts(smtp) == {"recorded": 6, "delivered": 6, "duplicated": 0}


def test_a_non_ascii_address_goes_as_smtputf8(app):
    from aiosmtpd.controller import Controller

    from tests.reminders.conftest import Recorder, free_port

    record(1, to=["cán.bộ@sở-nội-vụ.example"])
    handler, port = Recorder(), free_port()
    server = Controller(handler, hostname="127.0.0.1", port=port, enable_SMTPUTF8=True)
    server.start()
    try:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
        deliver(app, MONDAY_8AM)
    finally:
        server.stop()
    [row] = rows()
    assert row.status == S.SENT
    [received] = handler.received
    assert received.rcpt_tos == ["cán.bộ@sở-nội-vụ.example"]
    assert received.message.get_body(("plain",)).get_content().strip() == "Nội dung thư"
