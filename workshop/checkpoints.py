"""Writing SQLite's log into the database file off a serving process's hot path (WAL checkpoints).

In WAL mode every commit appends to the log; SQLite copies the log into the database file (a
checkpoint, with the file's fsync) from inside whichever commit crosses its size limit. That
commit, and under gevent every connection of the process, waited for it: the one note in a
hundred that met a checkpoint took 10-15 ms instead of 3. Here a task of its own checkpoints
every SQLITE_CHECKPOINT_SECONDS, in an OS thread (the sqlite3 driver lets go of the GIL while
SQLite works), and from then on the app's connections checkpoint themselves only if the log
grows far past that (workshop/database.py); a process without the task keeps SQLite's own.
A PASSIVE checkpoint never waits for a writer nor holds one up.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from flask import Flask

from workshop.database import leave_checkpoints_to_a_task
from workshop.event_loop import on_event_loop
from workshop.extensions import db

CHECKPOINTER = "workshop.checkpointer"
Result = TypeVar("Result")


@dataclass
class Checkpointer:
    """One app's checkpoint task: its database file and how often it checkpoints it."""

    path: str
    interval: float
    failing: bool = False  # the last checkpoint failed: logged once, not at every one


def start_checkpoints(app: Flask) -> str:
    """Start the app's checkpoint task if its database is a SQLite file; a line for the log."""
    interval = app.config["SQLITE_CHECKPOINT_SECONDS"]
    path = sqlite_file(app)
    if path is None:
        return "Checkpoints: not needed (the database is not a SQLite file)"
    if not interval > 0:  # 0 (or not a number): off
        setting = f"SQLITE_CHECKPOINT_SECONDS is {interval:g}"
        return f"Checkpoints: SQLite's own, inside commits ({setting})"
    if CHECKPOINTER not in app.extensions:
        hand_checkpoints_to(app, Checkpointer(path, interval))
    return f"Checkpoints: the SQLite log is written into the database file every {interval:g} s"


def sqlite_file(app: Flask) -> str | None:
    with app.app_context():
        url = db.engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return url.database


def hand_checkpoints_to(app: Flask, checkpointer: Checkpointer) -> None:
    app.extensions[CHECKPOINTER] = checkpointer
    with app.app_context():
        leave_checkpoints_to_a_task(db.engine)
    # Under gevent's monkey-patching this is a greenlet; the checkpoint itself is not.
    task = threading.Thread(target=checkpoint_forever, args=(app, checkpointer), daemon=True)
    task.start()


def checkpoint_forever(app: Flask, checkpointer: Checkpointer) -> None:
    """For the life of the process, as the server it serves (a daemon task)."""
    # Its own connection: the pool's belong to the app's requests and sockets.
    connection = sqlite3.connect(checkpointer.path, isolation_level=None, check_same_thread=False)
    while True:
        time.sleep(checkpointer.interval)  # under gevent's monkey-patching, a greenlet's sleep
        checkpoint_once(app, checkpointer, connection)


def checkpoint_once(app: Flask, checkpointer: Checkpointer, connection: sqlite3.Connection) -> None:
    try:
        off_the_loop(lambda: connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall())
        checkpointer.failing = False
    except sqlite3.Error:
        # Another process checkpointing, a file being replaced: the next one tries again.
        if not checkpointer.failing:
            app.logger.warning("The SQLite checkpoint failed; trying again", exc_info=True)
        checkpointer.failing = True


def off_the_loop(work: Callable[[], Result]) -> Result:
    """Run blocking work where it stops nobody else: under gevent, in the hub's pool of OS
    threads (a greenlet would hold the whole process); under threads, in this thread."""
    if on_event_loop():
        import gevent

        return gevent.get_hub().threadpool.apply(work)
    return work()
