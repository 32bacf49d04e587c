"""The one emitter: turns committed changes into Socket.IO events, each carrying its seq.

Call it only after the change is committed: nothing is broadcast that is not stored. Writers
that broadcast hold `in_order(workshop_id)` around commit and emit, so that a workshop's changes
go out in seq order (a client that saw seq N has seen every earlier change it may see): a lock in
the process, and with several processes (a message queue) a PostgreSQL advisory lock as well.
"""

import threading
from collections.abc import Callable
from contextlib import contextmanager

from flask import current_app
from sqlalchemy import text

from workshop.extensions import db, socketio
from workshop.models import Change, Workshop
from workshop.realtime import rooms
from workshop.realtime.audiences import audiences_of
from workshop.services.changes import shaped_change
from workshop.services.notes import NoteResult
from workshop.services.presence import online_counts

ORDER_LOCKS = "workshop.emit_order_locks"
# The first key of the advisory lock: "WS", so that it does not meet other users' locks.
ADVISORY_LOCK_CLASS = 0x5753


def change_message(change: Change, for_facilitators: bool) -> dict:
    """The payload clients receive for a change; author names only where they may be seen."""
    workshop = db.session.get_one(Workshop, change.workshop_id)
    return shaped_change(change, workshop, for_facilitators)


def emit_change(change: Change | None) -> None:
    """Broadcast one committed change to the rooms allowed to see it, each with its prev_seq."""
    if change is None:
        return
    messages: dict[bool, dict] = {}  # one shaped message per kind of audience
    for audience in audiences_of(change):
        if audience.for_facilitators not in messages:
            messages[audience.for_facilitators] = change_message(change, audience.for_facilitators)
        message = {**messages[audience.for_facilitators], "prev_seq": audience.prev_seq}
        socketio.emit(change.kind, message, to=audience.room)


def emit_presence(workshop_id: int, group_id: int | None) -> None:
    """Tell a group how many of it are online, and the facilitators every group's count."""
    counts = online_counts(workshop_id)  # one query serves both messages
    if group_id is not None:
        online = {str(group_id): counts["online"].get(str(group_id), 0)}
        socketio.emit("presence:changed", {"online": online}, to=rooms.group_room(group_id))
    socketio.emit("presence:changed", counts, to=rooms.facilitators_room(workshop_id))


def order_lock(workshop_id: int) -> threading.Lock:
    # Kept on the app (not in a module global); dict.setdefault is atomic, so no lock is lost.
    locks = current_app.extensions.setdefault(ORDER_LOCKS, {})
    return locks.setdefault(workshop_id, threading.Lock())


@contextmanager
def in_order(workshop_id: int):
    """Hold around "write, commit, emit_change" so a workshop's changes go out in seq order."""
    # Never wait for the lock inside a transaction: on SQLite every transaction holds the
    # database's write lock (BEGIN IMMEDIATE), and the lock's holder may be waiting for it.
    db.session.commit()
    with order_lock(workshop_id), across_processes(workshop_id):
        try:
            yield
        finally:
            db.session.rollback()


def write_note_in_order(workshop_id: int, write: Callable[[], NoteResult]) -> NoteResult:
    """Run a note write (add, edit, delete) in seq order and broadcast its change if it is new.

    A repeated write (same id) answers the first result and is not broadcast again.
    """
    with in_order(workshop_id):
        return write_and_emit(write)


def write_and_emit(write: Callable[[], NoteResult]) -> NoteResult:
    """Run a note write and broadcast its change if it is new; the caller holds in_order."""
    result = write()
    if result.created:
        emit_change(result.change)
    return result


@contextmanager
def across_processes(workshop_id: int):
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
