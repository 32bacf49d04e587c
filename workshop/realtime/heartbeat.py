"""The heartbeat: every few seconds, each process tells its own clients the latest seq they may see.

A client whose cursor is behind the heartbeat's `seq:latest` missed a change (a broadcast lost in
a message-queue outage, say) and catches up with changes:since, even when nothing newer arrives.
A room is told only what this process has not delivered or told it already (realtime/delivered.py).
Each process delivers to its own sockets directly, not through the message queue, so the
heartbeat works while Redis is down. It runs while the process has sockets and stops when the
last one leaves; the next connect starts it again. Its state lives on the app, not in a global.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from flask import Flask

from workshop.realtime import rooms
from workshop.realtime.audiences import Audience, per_room
from workshop.realtime.background import BackgroundWork, start_task
from workshop.realtime.delivered import deliveries_of
from workshop.services.cursors import audience_seqs, workshops_with_connections

HEARTBEAT = "workshop.heartbeat"
NAMESPACE = "/"
# A beat's messages are spread over this share of the interval (see tell_spread).
SPREAD = 0.5


@dataclass
class Heartbeat(BackgroundWork):
    """Whether this app's heartbeat runs; the lock keeps "stop" and "start" from crossing."""

    running: bool = False
    failing: bool = False  # the last beat failed: log a failure once, not at every beat


def ensure_heartbeat(app: Flask) -> None:
    """Start the app's heartbeat unless it runs already (called at every connect)."""
    heartbeat = app.extensions.setdefault(HEARTBEAT, Heartbeat())
    with heartbeat.lock:
        if heartbeat.running or heartbeat.stopped:
            return
        heartbeat.running = True
    start_task(app, beat, heartbeat)


def beat(app: Flask, server, heartbeat: Heartbeat) -> None:
    """Every LIVE_HEARTBEAT_SECONDS: seq:latest to each audience room with sockets here."""
    interval = app.config["LIVE_HEARTBEAT_SECONDS"]
    took = 0.0
    while True:
        server.sleep(max(interval - took, 0.0))
        with heartbeat.lock:
            if heartbeat.stopped or not has_sockets(server, None):
                heartbeat.running = False
                return
        started = time.monotonic()
        with heartbeat.busy:
            if not heartbeat.stopped:
                beat_once(app, server, heartbeat)
        took = time.monotonic() - started


def beat_once(app: Flask, server, heartbeat: Heartbeat) -> None:
    try:
        with app.app_context():
            audiences = latest_seqs(server)
        heartbeat.failing = False
    except Exception:
        # The database may be away for a moment: the next beat tries again.
        if not heartbeat.failing:
            app.logger.exception("The live heartbeat could not read the latest changes")
        heartbeat.failing = True
        return
    tell_spread(server, heartbeat, audiences, app.config["LIVE_HEARTBEAT_SECONDS"] * SPREAD)


def stop_heartbeat(app: Flask) -> None:
    """Stop the app's heartbeat for good, waiting for a beat under way to finish."""
    app.extensions.setdefault(HEARTBEAT, Heartbeat()).stop()


def latest_seqs(server) -> list[Audience]:
    """Each audience room with sockets here, and the latest seq it may see."""
    audiences = []
    for workshop_id in workshops_with_connections():
        if not has_sockets(server, rooms.workshop_room(workshop_id)):
            continue  # nobody of this workshop is connected to this process (or caught up yet)
        audiences += per_room(workshop_id, audience_seqs(workshop_id))
    return audiences


def tell_spread(server, heartbeat: Heartbeat, audiences: list[Audience], spread: float) -> None:
    """seq:latest to each room that has not had it, the rooms spread evenly over `spread` seconds.

    A room this process delivered (or told) that seq already is left out (realtime/delivered.py).
    A thousand sockets told at once queue a thousand sends in front of the next note's
    broadcast (a tenth of a second); a room at a time, they cost each note at most one room's.
    """
    deliveries = deliveries_of(server)
    deliveries.keep_only({audience.room for audience in audiences})
    untold = [a for a in audiences if not deliveries.knows(a.room, a.prev_seq)]
    pause = spread / len(untold) if untold else 0.0
    for position, audience in enumerate(untold):
        if position:
            server.sleep(pause)
        if heartbeat.stopped:
            return
        if deliveries.knows(audience.room, audience.prev_seq):
            continue  # a broadcast reached the room while the beat was under way
        deliveries.told(audience.room, audience.prev_seq)
        server.emit(
            "seq:latest",
            {"seq": audience.prev_seq},
            to=audience.room,
            namespace=NAMESPACE,
            ignore_queue=True,  # to this process's own sockets: works without the queue
        )


def has_sockets(server, room: str | None) -> bool:
    """Does this process hold a socket in `room` (None: in any room, i.e. connected at all)?"""
    return next(iter(server.manager.get_participants(NAMESPACE, room)), None) is not None
