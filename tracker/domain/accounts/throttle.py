"""Counters that slow guessing down, taken atomically.

An attempt first *takes a slot* under a key ("account:a@b.vn", "address:10.0.0.7", ...): one
INSERT … ON CONFLICT DO UPDATE adds one to the count unless the key is in a cool-down, and the
statement that brings the count to the limit also starts the cool-down. Only an attempt that
took its slot goes on (checks the password, sends the mail), so 16 parallel guesses against a
limit of 5 check exactly 5 passwords: the database decides, not a count read earlier. Each
cool-down is longer than the one before (`Rule.cooldown`), up to a cap; a count left alone for
`forget_after` starts again from one; a success clears the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from tracker.domain.clock import require_aware
from tracker.extensions import db
from tracker.models import Throttle

#: cool-downs are listed up to this many steps past the limit; later ones take the cap
STEPS = 12


@dataclass(frozen=True)
class Rule:
    """How many attempts a key gets before a cool-down, and how long the cool-downs are."""

    limit: int
    first_cooldown: timedelta
    max_cooldown: timedelta
    forget_after: timedelta = timedelta(days=1)
    growing: bool = True

    def cooldown(self, count: int) -> timedelta:
        """The cool-down started by the `count`-th attempt (none before the limit)."""
        if count < self.limit:
            return timedelta(0)
        steps = count - self.limit if self.growing else 0
        return min(self.first_cooldown * (2 ** min(steps, STEPS)), self.max_cooldown)


def _insert():
    return (postgresql if db.engine.dialect.name == "postgresql" else sqlite).insert(Throttle)


def take_slot(key: str, rule: Rule, now: datetime) -> bool:
    """Count one attempt under `key`; False (nothing counted) while the key cools down."""
    require_aware(now)
    key = key[:400]
    table = Throttle.__table__
    stale = table.c.last_at < now - rule.forget_after
    count = sa.case((stale, 1), else_=table.c.count + 1)
    moment = table.c.locked_until.type

    def at(when: datetime):
        return sa.literal(when, moment)

    steps = range(rule.limit, rule.limit + STEPS + 1)
    locked_until = sa.case(
        (count < rule.limit, sa.null()),
        *((count == n, at(now + rule.cooldown(n))) for n in steps),
        else_=at(now + rule.max_cooldown),
    )
    statement = (
        _insert()
        .values(key=key, count=1, last_at=now, locked_until=_first_lock(rule, now))
        .on_conflict_do_update(
            index_elements=[table.c.key],
            set_={"count": count, "last_at": now, "locked_until": locked_until},
            where=sa.or_(table.c.locked_until.is_(None), table.c.locked_until <= now),
        )
        .returning(table.c.count)
    )
    return db.session.execute(statement).first() is not None


def _first_lock(rule: Rule, now: datetime) -> datetime | None:
    return now + rule.cooldown(1) if rule.limit <= 1 else None


def locked(key: str, now: datetime) -> bool:
    """Whether `key` is in a cool-down now (reads only)."""
    until = db.session.scalar(sa.select(Throttle.locked_until).where(Throttle.key == key[:400]))
    return until is not None and until > now


def clear(*keys: str) -> None:
    """Forget the counts under `keys` (after a success)."""
    db.session.execute(sa.delete(Throttle).where(Throttle.key.in_([k[:400] for k in keys])))
