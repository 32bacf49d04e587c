"""Freezing the connections' objects once a wave of connects is over (GC_SETTLE_SECONDS).

A thousand connected sockets hold some hundred thousand objects that live as long as their
connection; left in the collector's oldest generation, every full pass walks them all and every
message sent meanwhile waits (a tenth of a second and more). When nobody has connected or left
for GC_SETTLE_SECONDS, the process collects once and freezes what survived
(collector.refreeze): later passes walk only what is newer. After many disconnects the next
freeze starts from an unfrozen heap, so garbage cycles of sockets gone are freed, not kept.
Only in a process that froze its start-up heap (collector.settle_collector); state on the app.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from flask import Flask

from workshop.collector import COLLECTOR_SETTLED, refreeze
from workshop.realtime.background import BackgroundWork, start_task

HEAP_SETTLING = "workshop.heap_settling"
# After this many disconnects the next freeze walks the whole heap (see the module's docstring).
DISCONNECTS_BEFORE_FULL_FREEZE = 1000


@dataclass
class HeapSettling(BackgroundWork):
    """When sockets last came or went, whether a freeze is due, and the disconnects since the
    last full one."""

    last_change: float = 0.0
    due: bool = False
    disconnects: int = 0


def connections_changed(app: Flask, disconnected: bool = False) -> None:
    """A socket came or went: freeze the heap once GC_SETTLE_SECONDS pass without another."""
    if not app.extensions.get(COLLECTOR_SETTLED):
        return
    settling = app.extensions.setdefault(HEAP_SETTLING, HeapSettling())
    with settling.lock:
        settling.last_change = time.monotonic()
        settling.disconnects += disconnected
        if settling.due or settling.stopped:
            return
        settling.due = True
    start_task(app, freeze_when_settled, settling)


def freeze_when_settled(app: Flask, server, settling: HeapSettling) -> None:
    quiet = app.config["GC_SETTLE_SECONDS"]
    while True:
        with settling.lock:
            wait = settling.last_change + quiet - time.monotonic()
            if settling.stopped:
                return
            if wait <= 0:
                full = settling.disconnects >= DISCONNECTS_BEFORE_FULL_FREEZE
                settling.disconnects = 0 if full else settling.disconnects
                settling.due = False
                break
        server.sleep(wait)
    with settling.busy:
        refreeze(full)
