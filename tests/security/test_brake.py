"""Item 8: the brake on guessing. A guesser elsewhere slows down (cool-downs that double) but
never locks the person out of a device or an address they used before; one address guessing
unknown accounts does not lock out everyone else; counting is atomic under parallel attempts
(both databases); reset mails are limited per account and per address."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import sqlalchemy as sa

from tests.conftest import NOW, PASSWORD
from tracker.extensions import db
from tracker.models import Notification

HOME, ELSEWHERE, OTHER = "10.0.0.5", "203.0.113.7", "10.0.0.6"


def _attempt(client, user, password, ip):
    return client.post(
        "/login",
        data={"email": user.email, "password": password},
        environ_base={"REMOTE_ADDR": ip},
    ).status_code


def _guess(app, user, times, ip=ELSEWHERE):
    guesser = app.test_client()
    return [_attempt(guesser, user, f"wrong-guess-{n}", ip) for n in range(times)]


def test_the_right_password_passes_from_a_known_device_or_address(app, office):
    app.config["FIXED_NOW"] = NOW
    laptop = app.test_client()
    assert _attempt(laptop, office, PASSWORD, HOME) == 302  # the browser is now known
    assert laptop.get_cookie("device") is not None
    laptop.post("/logout")
    assert _guess(app, office, 5) == [200] * 5
    assert _guess(app, office, 1) == [429]  # the guesser waits, even with the right password
    assert _attempt(app.test_client(), office, PASSWORD, ELSEWHERE) == 429
    assert _attempt(laptop, office, PASSWORD, OTHER) == 302  # known browser, new address
    assert _attempt(app.test_client(), office, PASSWORD, HOME) == 302  # known address


def test_cool_downs_double(app, office):
    app.config["FIXED_NOW"] = NOW
    assert _guess(app, office, 6) == [200] * 5 + [429]
    app.config["FIXED_NOW"] = NOW + timedelta(minutes=1, seconds=1)
    assert _guess(app, office, 2) == [200, 429]  # one more try, then two minutes
    app.config["FIXED_NOW"] = NOW + timedelta(minutes=2, seconds=2)
    assert _guess(app, office, 1) == [429]
    app.config["FIXED_NOW"] = NOW + timedelta(minutes=3, seconds=2)
    assert _guess(app, office, 1) == [200]
    app.config["FIXED_NOW"] = NOW + timedelta(minutes=3, seconds=3)
    assert _attempt(app.test_client(), office, PASSWORD, ELSEWHERE) == 429


def test_one_address_guessing_unknown_accounts_does_not_lock_out_others(app, office, make_user):
    app.config["FIXED_NOW"] = NOW
    guesser = app.test_client()
    for n in range(8):
        data = {"email": f"nobody{n}@tinh.gov.vn", "password": "wrong-guess"}
        guesser.post("/login", data=data, environ_base={"REMOTE_ADDR": ELSEWHERE})
    assert _attempt(app.test_client(), office, PASSWORD, OTHER) == 302


def test_parallel_wrong_passwords_are_checked_exactly_the_limit(app, office):
    app.config["FIXED_NOW"] = NOW
    limit = app.config["LOGIN_FAILURES_BEFORE_DELAY"]
    email = office.email

    def attempt(n):
        with app.app_context():
            response = app.test_client().post(
                "/login",
                data={"email": email, "password": f"wrong-guess-{n}"},
                environ_base={"REMOTE_ADDR": ELSEWHERE},
            )
            db.session.remove()
            return response.status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(attempt, range(16)))
    assert statuses.count(200) == limit  # each of these checked a password, and no more
    assert statuses.count(429) == 16 - limit


def test_reset_mails_are_limited_per_account_and_per_address(app, client, office, make_user):
    app.config["FIXED_NOW"] = NOW
    for second in range(5):
        app.config["FIXED_NOW"] = NOW + timedelta(seconds=second)
        response = client.post("/password/forgot", data={"email": office.email})
        assert response.status_code == 302  # the same answer either way
    resets = sa.select(sa.func.count(Notification.id)).where(Notification.kind == "password_reset")
    assert db.session.scalar(resets) == 1
    app.config["FIXED_NOW"] = NOW + timedelta(minutes=11)
    time.sleep(1.1)  # the reset token is signed with the wall clock's second: a new one
    client.post("/password/forgot", data={"email": office.email})
    assert db.session.scalar(resets) == 2
    for n in range(12):  # one address asking for many accounts
        client.post("/password/forgot", data={"email": f"someone{n}@tinh.gov.vn"})
    other = make_user(email="other.person@tinh.gov.vn")
    client.post("/password/forgot", data={"email": other.email})
    assert db.session.scalar(resets) == 2  # this address has asked too often
    elsewhere = {"REMOTE_ADDR": OTHER}
    client.post("/password/forgot", data={"email": other.email}, environ_base=elsewhere)
    assert db.session.scalar(resets) == 3
