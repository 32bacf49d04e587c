"""Database connections kept open for the note batch: no session and no pool check-out per batch.

A participant's note is written in a batch of its own transaction (services/note_batch.py). Run
in the ORM session, beginning and committing that transaction cost several times what the
statements did (the session's state machine, a connection checked out of the pool and returned
at every commit: about three times a kept connection's begin and commit). The batch runs on a
connection of the app's engine kept open between batches instead, one per batch being written
at the same time (a few: each workshop writes one batch at a time). Its transactions begin as
every other does (on SQLite, the engine's BEGIN IMMEDIATE: database.configure_sqlite).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from workshop.extensions import db

KEPT = "workshop.kept_connections"
# Batches written at the same moment: one per workshop writing; more are opened and closed.
MOST_KEPT = 4


@contextmanager
def kept_connection() -> Iterator[Connection]:
    """A connection of the app's engine, outside any session; kept for the next batch after.

    The caller begins and ends its transaction. After a failure the connection is closed (its
    state is not trusted), and one that is still in a transaction is rolled back.
    """
    kept = kept_for(db.engine)
    try:
        connection = kept.pop()
    except IndexError:  # none free: another batch is using each one kept
        connection = db.engine.connect()
    try:
        yield connection
    except BaseException:
        connection.close()
        raise
    if connection.in_transaction():
        connection.rollback()
    if connection.invalidated or connection.closed or len(kept) >= MOST_KEPT:
        connection.close()
    else:
        kept.append(connection)


def kept_for(engine: Engine) -> list[Connection]:
    """The engine's kept connections, closed when the engine is disposed of."""
    kept = current_app.extensions.get(KEPT)
    if kept is None:
        kept = current_app.extensions.setdefault(KEPT, [])
        event.listen(engine, "engine_disposed", lambda _engine: close_all(kept))
    return kept


def close_all(kept: list[Connection]) -> None:
    while kept:
        kept.pop().close()
