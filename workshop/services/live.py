"""The one entry point for a live change: write and commit it, then publish it, in seq order.

Every caller of every live change (notes, status, steps, timers, locks, broadcasts, …) runs its
service through `write_live`. Services stay free of sockets: the realtime layer installs the
publisher (the function that broadcasts one committed Change) on the app at creation, and this
module hands each new change to it after the commit. Holding `in_order` around write, commit and
publish makes a workshop's changes go out in seq order: a lock in the process, and with several
processes (a message queue) a PostgreSQL advisory lock as well.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Protocol, TypeVar

from flask import current_app, g
from sqlalchemy import text

from workshop.extensions import db
from workshop.models import Change

PUBLISHER = "workshop.live_publisher"
ORDER_LOCKS = "workshop.emit_order_locks"
# The first key of the advisory lock: "WS", so that it does not meet other users' locks.
ADVISORY_LOCK_CLASS = 0x5753

Result = TypeVar("Result")


class HasNewChanges(Protocol):
    """A service's result that knows which of its changes are new (and so to be published)."""

    @property
    def new_changes(self) -> tuple[Change, ...]: ...


def rolls_back(service: Callable[..., Result]) -> Callable[..., Result]:
    """A refused write leaves nothing behind: no half-written row, no seq, no lock held."""

    @wraps(service)
    def wrapper(*args, **kwargs):
        try:
            return service(*args, **kwargs)
        except Exception:
            db.session.rollback()
            raise

    return wrapper


def install_publisher(app, publish: Callable[[Change], None]) -> None:
    """Called once by the realtime layer in create_app: how a committed change is broadcast."""
    app.extensions[PUBLISHER] = publish


def publish(change: Change) -> None:
    publisher = current_app.extensions.get(PUBLISHER)
    if publisher is not None:
        publisher(change)


def new_changes_of(result) -> tuple[Change, ...]:
    """The changes a service's result asks to publish: a Change, None, or a HasNewChanges."""
    if result is None:
        return ()
    if isinstance(result, Change):
        return (result,)
    return tuple(result.new_changes)


def write_live(workshop_id: int, write: Callable[[], Result]) -> Result:
    """Run `write` (a service that commits), then publish its new changes, in seq order.

    A repeated write (same client id) publishes nothing: its result has no new changes.
    """
    with in_order(workshop_id):
        result = write()
        for change in new_changes_of(result):
            publish(change)
        return result


def order_lock(workshop_id: int) -> threading.Lock:
    # Kept on the app (not in a module global); dict.setdefault is atomic, so no lock is lost.
    locks = current_app.extensions.setdefault(ORDER_LOCKS, {})
    return locks.setdefault(workshop_id, threading.Lock())


@contextmanager
def in_order(workshop_id: int) -> Iterator[None]:
    """Hold around "write, commit, publish" so a workshop's changes go out in seq order.

    Re-entrant within one request or socket event: a socket write takes it early (to re-read
    the person in the write's transaction) and its write_live then runs inside it.
    """
    held: set[int] = g.setdefault("live_order_held", set())
    if workshop_id in held:
        yield
        return
    # Never wait for the lock inside a transaction: on SQLite every transaction holds the
    # database's write lock (BEGIN IMMEDIATE), and the lock's holder may be waiting for it.
    db.session.commit()
    with order_lock(workshop_id), across_processes(workshop_id):
        held.add(workshop_id)
        try:
            yield
        finally:
            held.discard(workshop_id)
            db.session.rollback()


@contextmanager
def across_processes(workshop_id: int) -> Iterator[None]:
    """With several server processes, hold a PostgreSQL advisory lock for the workshop.

    It is a session-level lock on a connection of its own, so it outlives the commit and is
    released only once the change has been handed to the message queue.
    """
    several = current_app.config.get("SOCKETIO_MESSAGE_QUEUE")
    if not several or db.engine.dialect.name != "postgresql":
        yield
        return
    key = {"kind": ADVISORY_LOCK_CLASS, "id": workshop_id}
    with db.engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:kind, :id)"), key)
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:kind, :id)"), key)
            connection.commit()
