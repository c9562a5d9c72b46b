"""A real SMTP server on loopback (aiosmtpd), and helpers to make work that is due."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass, field
from datetime import date
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

import pytest
from aiosmtpd.controller import Controller

from tracker.domain.states import AssignmentRole
from tracker.domain.work.assignment import assign
from tracker.domain.work.tasks import create_task
from tracker.extensions import db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def key(self) -> str:
        return self.message["X-Tracker-Key"]


@dataclass
class Recorder:
    """The aiosmtpd handler, scripted: keeps what arrived; rejects chosen addresses with 550;
    `refuse` answers a step ("MAIL", "RCPT", "DATA") with a reply; `greylist` addresses get
    451 the first time; `drop_after_data` takes the mail and hangs up before replying."""

    received: list[Received] = field(default_factory=list)
    reject: set[str] = field(default_factory=set)
    delay: float = 0.0
    refuse: dict[str, str] = field(default_factory=dict)
    greylist: set[str] = field(default_factory=set)
    drop_after_data: bool = False
    _seen: set[str] = field(default_factory=set)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if "MAIL" in self.refuse:
            return self._close_if_421(server, self.refuse["MAIL"])
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "RCPT" in self.refuse:
            return self._close_if_421(server, self.refuse["RCPT"])
        if address in self.reject:
            return "550 5.1.1 No such mailbox here"
        if address in self.greylist and address not in self._seen:
            self._seen.add(address)
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        if "DATA" in self.refuse:
            return self._close_if_421(server, self.refuse["DATA"])
        message = message_from_bytes(envelope.original_content, policy=default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        if self.drop_after_data:  # the mail is here, but the sender never hears so
            server.transport.abort()
        return "250 Message accepted"

    @staticmethod
    def _close_if_421(server, answer: str) -> str:
        if answer.startswith("421"):  # the server hangs up after saying so
            asyncio.get_running_loop().call_soon(server.transport.close)
        return answer

    def delivered_keys(self) -> list[str]:
        return [r.key for r in self.received]


class SmtpServer:
    def __init__(self):
        self.port = free_port()
        self.handler = Recorder()
        self.controller = None

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def start(self):
        """Listen (again: a restarted server keeps its port and what it received)."""
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp():
    """An SMTP server on 127.0.0.1 and a free port; `.received` lists what arrived."""
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail_app(app, smtp):
    """The app, sending to the loopback server."""
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, MAIL_TIMEOUT_SECONDS=5)
    return app


@pytest.fixture
def give(office_actor, now):
    """give(agency, deadline, title=…): a new task assigned to `agency`, committed."""

    def make(
        agency, deadline: date | None, title="Tăng cường tuyên truyền phòng chống ma túy", at=None
    ):
        task = create_task(
            office_actor, at or now, text=title + ".", title=title, deadline=deadline
        )
        [assignment] = assign(task, [agency], AssignmentRole.LEAD, office_actor, at or now)
        db.session.commit()
        return assignment

    return make


def deliver_to_loopback(app, now) -> list[Received]:
    """Deliver every pending mail to a loopback server started for the purpose; what arrived."""
    from tracker.reminders.sender import deliver_pending

    server = SmtpServer()
    server.start()
    try:
        config = {**app.config, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": server.port}
        deliver_pending(now, config)
    finally:
        server.stop()
    return server.received
