"""The brake on password guessing, and on reset-mail flooding.

Who guesses is told apart from who forgot by where the attempt comes from:
- from a *known device* (a browser whose device cookie once logged in to this account), the
  account's own cool-down does not apply: only `trusted` counts, per account and device;
- from a *known address* (one this account once logged in from), the account's cool-down does
  not apply either, but the address's and `trusted` (per account and address) do;
- from anywhere else, the account's cool-down and the address's both apply.
So a guesser elsewhere cannot lock the real person out of their own browser or office, and the
guesser's attempts grow ever slower (each cool-down twice the last, up to a cap). The address
is request.remote_addr, which ProxyFix corrects behind TRUSTED_PROXIES.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from tracker.domain.accounts import throttle
from tracker.domain.accounts.throttle import Rule
from tracker.domain.accounts.tokens import hash_secret
from tracker.extensions import db
from tracker.models import User, UserSession

DEVICE, ADDRESS = "device", "address"


@dataclass(frozen=True)
class LoginBrake:
    account: Rule
    address: Rule
    trusted: Rule
    reset_account: Rule
    reset_address: Rule

    @classmethod
    def from_config(cls, config) -> LoginBrake:
        """Build from a Flask config mapping (the limits are in the README)."""
        failures = int(config.get("LOGIN_FAILURES_BEFORE_DELAY", 5))
        first = timedelta(minutes=int(config.get("LOGIN_FIRST_DELAY_MINUTES", 1)))
        cap = timedelta(minutes=int(config.get("LOGIN_MAX_DELAY_MINUTES", 60)))
        reset_every = timedelta(minutes=int(config.get("PASSWORD_RESET_INTERVAL_MINUTES", 10)))
        hour = timedelta(hours=1)
        return cls(
            account=Rule(failures, first, cap),
            address=Rule(int(config.get("LOGIN_FAILURES_PER_ADDRESS", 20)), first, cap),
            trusted=Rule(2 * failures, first, cap),
            reset_account=Rule(1, reset_every, reset_every, growing=False),
            reset_address=Rule(int(config.get("PASSWORD_RESETS_PER_ADDRESS", 10)), hour, hour),
        )


def _email(email: str) -> str:
    return (email or "").strip().lower()


def trust_for(user: User | None, ip: str, device: str | None) -> str | None:
    """DEVICE or ADDRESS when this account once logged in from here; None otherwise."""
    if user is None:
        return None
    earlier = sa.select(UserSession.id).where(UserSession.user_id == user.id).limit(1)
    if device and db.session.scalar(earlier.where(UserSession.device_hash == hash_secret(device))):
        return DEVICE
    if ip and db.session.scalar(earlier.where(UserSession.ip_address == ip[:64])):
        return ADDRESS
    return None


def _keys(brake: LoginBrake, email: str, ip: str, trust: str | None, device: str | None):
    email = _email(email)
    if trust == DEVICE:
        return [(f"login:device:{email}|{hash_secret(device or '')}", brake.trusted)]
    if trust == ADDRESS:
        return [(f"login:pair:{email}|{ip}", brake.trusted), (f"login:ip:{ip}", brake.address)]
    return [(f"login:account:{email}", brake.account), (f"login:ip:{ip}", brake.address)]


def admit_login(
    brake: LoginBrake, email: str, ip: str, trust: str | None, device: str | None, now: datetime
) -> bool:
    """Count this attempt; False when a cool-down applies (then no password may be checked).
    The caller commits at once, before checking the password, so parallel attempts see it."""
    return all(
        [throttle.take_slot(key, rule, now) for key, rule in _keys(brake, email, ip, trust, device)]
    )


def login_succeeded(email: str, ip: str, device: str | None) -> None:
    """The right password: this account's counts start again (the address's do not)."""
    email = _email(email)
    throttle.clear(
        f"login:account:{email}",
        f"login:pair:{email}|{ip}",
        f"login:device:{email}|{hash_secret(device or '')}",
    )


def admit_reset_mail(brake: LoginBrake, email: str, ip: str, now: datetime) -> bool:
    """Whether a reset mail may go to this account from this address now (one per interval
    per account, a few per hour per address)."""
    by_address = throttle.take_slot(f"reset:ip:{ip}", brake.reset_address, now)
    return by_address and throttle.take_slot(
        f"reset:account:{_email(email)}", brake.reset_account, now
    )
