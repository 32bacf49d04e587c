"""Counting failed attempts per key within a sliding window, for rate limits on guessing."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import bindparam, delete, func, select

from workshop.extensions import db
from workshop.models.attempt import FailedAttempt, hash_attempt_key
from workshop.models.base import utcnow
from workshop.services.prepared import Prepared

ATTEMPT_WINDOW = timedelta(minutes=1)
# How long failures are kept: the longest window a limit may look back over (see logins).
ATTEMPT_HISTORY = timedelta(hours=1)


# Built once and run on the driver's cursor: a join burst asks it at every join.
RECENT_FAILURES = Prepared(
    select(func.count())
    .select_from(FailedAttempt)
    .where(
        FailedAttempt.kind == bindparam("kind"),
        FailedAttempt.key_hash == bindparam("key_hash"),
        FailedAttempt.attempted_at > bindparam("since"),
    )
)


def recent_failures(kind: str, key: str, window: timedelta = ATTEMPT_WINDOW) -> int:
    """How many failed attempts of this kind this key made within the window."""
    parameters = {"kind": kind, "key_hash": hash_attempt_key(key), "since": utcnow() - window}
    return RECENT_FAILURES.first(db.session.connection(), parameters)[0]


def is_limited(kind: str, key: str, limit: int, window: timedelta = ATTEMPT_WINDOW) -> bool:
    return recent_failures(kind, key, window) >= limit


def record_failures(keys: Iterable[tuple[str, str]]) -> None:
    """Count one failed attempt for each (kind, key); forget attempts too old to matter."""
    now = utcnow()
    db.session.execute(
        delete(FailedAttempt).where(FailedAttempt.attempted_at <= now - ATTEMPT_HISTORY)
    )
    for kind, key in keys:
        db.session.add(FailedAttempt(kind=kind, key_hash=hash_attempt_key(key), attempted_at=now))
    db.session.commit()


@dataclass(frozen=True)
class Limit:
    """At most `per_minute` failed attempts of this kind for this key."""

    kind: str
    key: str
    per_minute: int


def guess_limits(
    kinds: tuple[str, str], address: str, browser: str | None, per_browser: int, per_address: int
) -> list[Limit]:
    """A code's limits: per browser where the client has one, and a ceiling per address.

    kinds: the (per browser, per address) kinds the failures are counted under.
    """
    by_browser, by_address = kinds
    limits = [Limit(by_browser, browser, per_browser)] if browser else []
    return [*limits, Limit(by_address, address, per_address)]


def exceeded_limit(limits: Iterable[Limit]) -> Limit | None:
    """The first limit whose key has used up its failed attempts for the last minute, or None."""
    return next(
        (limit for limit in limits if is_limited(limit.kind, limit.key, limit.per_minute)), None
    )


def record_failed_guess(limits: Iterable[Limit]) -> None:
    record_failures((limit.kind, limit.key) for limit in limits)


def forget_failures(kind: str, key: str) -> None:
    db.session.execute(
        delete(FailedAttempt).where(
            FailedAttempt.kind == kind, FailedAttempt.key_hash == hash_attempt_key(key)
        )
    )
    db.session.commit()
