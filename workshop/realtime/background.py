"""What a background task of an app shares with its callers: its lock, and a way to stop it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask

from workshop.extensions import socketio


@dataclass
class BackgroundWork:
    """`lock` guards the task's state; `busy` is held while the task reads the database."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    busy: threading.Lock = field(default_factory=threading.Lock)
    stopped: bool = False  # the app is shutting down: no more work, and no restart

    def stop(self) -> None:
        """Stop for good, waiting for work under way to finish (at shutdown, so that nothing
        reads a database that is being closed or dropped)."""
        with self.lock:
            self.stopped = True
        with self.busy:
            pass


def start_task(app: Flask, task: Callable[..., None], work: BackgroundWork, *args) -> None:
    """Run `task(app, server, work, *args)` in the background on this app's Socket.IO server.

    The server is passed, not looked up later: the SocketIO object is shared by every app a test
    run creates, and its `server` is always the latest one's.
    """
    server = socketio.server
    server.start_background_task(task, app, server, work, *args)
