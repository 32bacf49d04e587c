"""Work coalesced per key: the first call starts a timer, and one run when it fires serves every
call made meanwhile (presence counts, a vote's running totals).

A burst of a thousand calls for one workshop thus costs one run a period, with the state of the
moment it runs, not a thousand. Each kind of work keeps its state on the app, not in a global.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from flask import Flask

from workshop.realtime.background import BackgroundWork, start_task

# What the run gets: the Socket.IO server, the key, and what every call since the last run named.
Run = Callable[..., None]


@dataclass
class Coalesced(BackgroundWork):
    """The keys whose run is due, each with what the calls since the last run named."""

    pending: dict[Hashable, set] = field(default_factory=dict)


def coalesced(app: Flask, name: str) -> Coalesced:
    return app.extensions.setdefault(name, Coalesced())


def run_soon(app: Flask, name: str, seconds: float, key: Hashable, detail, run: Run) -> None:
    """Have `run` called within `seconds` for `key`, once for this call and any that follow."""
    work = coalesced(app, name)
    with work.lock:
        if work.stopped:
            return
        waiting = work.pending.get(key)
        work.pending.setdefault(key, set()).add(detail)
        if waiting is not None:
            return  # a run is already due: it will serve this call too
    start_task(app, run_when_due, work, name, seconds, key, run)


def run_when_due(
    app: Flask, server, work: Coalesced, name: str, seconds: float, key: Hashable, run: Run
) -> None:
    server.sleep(seconds)
    with work.busy:
        with work.lock:
            # Taken before running: whoever calls later starts the next run, so none is lost.
            details = work.pending.pop(key, set())
            if work.stopped:
                return
        try:
            with app.app_context():
                run(server, key, details)
        except Exception:
            # The database may be away for a moment; the next call runs it again.
            app.logger.exception("%s for %s failed", name, key)


def stop(app: Flask, name: str) -> None:
    """No more runs, waiting for one under way (at shutdown, before the tables go)."""
    coalesced(app, name).stop()
