"""What a background task of an app shares with its callers: its lock, and a way to stop it."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


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
