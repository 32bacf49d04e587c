"""The one emitter: turns committed changes into Socket.IO events, each carrying its seq.

Call it only after the change is committed: nothing is broadcast that is not stored. Writers
that broadcast hold `in_order(workshop_id)` around commit and emit, so that one process sends a
workshop's changes in seq order (a client that saw seq N has seen every earlier change it may see).
"""

import threading
from contextlib import contextmanager

from flask import current_app

from workshop.extensions import db, socketio
from workshop.models import Change, Workshop
from workshop.realtime import rooms
from workshop.services.changes import shaped_change
from workshop.services.presence import online_counts

ORDER_LOCKS = "workshop.emit_order_locks"


def change_message(change: Change, for_facilitators: bool) -> dict:
    """The payload clients receive for a change; author names only where they may be seen."""
    workshop = db.session.get(Workshop, change.workshop_id)
    return shaped_change(change, workshop, for_facilitators)


def emit_change(change: Change | None) -> None:
    """Broadcast one committed change to the rooms allowed to see it."""
    if change is None:
        return
    if change.group_id is not None:
        socketio.emit(
            change.kind, change_message(change, False), to=rooms.group_room(change.group_id)
        )
        socketio.emit(
            change.kind,
            change_message(change, True),
            to=rooms.facilitators_room(change.workshop_id),
        )
    else:
        socketio.emit(
            change.kind, change_message(change, False), to=rooms.workshop_room(change.workshop_id)
        )


def emit_presence(workshop_id: int, group_id: int | None) -> None:
    """Tell a group how many of it are online, and the facilitators every group's count."""
    if group_id is not None:
        socketio.emit(
            "presence:changed", online_counts(workshop_id, group_id), to=rooms.group_room(group_id)
        )
    socketio.emit(
        "presence:changed", online_counts(workshop_id), to=rooms.facilitators_room(workshop_id)
    )


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
    with order_lock(workshop_id):
        try:
            yield
        finally:
            db.session.rollback()
