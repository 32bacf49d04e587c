"""presence:changed, coalesced: at most one update per workshop per second, with the counts of then.

A connect or a disconnect only notes that its workshop's counts (and its group's) changed; the
first such note starts a timer, and when it fires one grouped query counts the whole workshop
and one message goes to each group concerned and one to the facilitators. A join burst or a
restart's reconnect storm of a thousand sockets thus costs a handful of queries and messages, not
a thousand of each. The counts come from the Connection rows, which every process writes, so the
update is right whichever process sends it. The state lives on the app, not in a global.
"""

from __future__ import annotations

from flask import Flask

from workshop.realtime import coalesced, rooms
from workshop.services.presence import online_counts

PRESENCE_UPDATES = "workshop.presence_updates"
NAMESPACE = "/"


def presence_changed(app: Flask, workshop_id: int, group_id: int | None) -> None:
    """Someone of the workshop (of this group) came or went: send the counts within a second."""
    seconds = app.config["PRESENCE_UPDATE_SECONDS"]
    coalesced.run_soon(app, PRESENCE_UPDATES, seconds, workshop_id, group_id, send_counts)


def send_counts(server, workshop_id: int, groups: set[int | None]) -> None:
    """Each group concerned its own count; the facilitators every group's (one query for all)."""
    counts = online_counts(workshop_id)
    for group_id in groups:
        if group_id is None:
            continue  # a facilitator: only the facilitators' message says so
        online = {str(group_id): counts["online"].get(str(group_id), 0)}
        server.emit(
            "presence:changed",
            {"online": online},
            to=rooms.group_room(group_id),
            namespace=NAMESPACE,
        )
    server.emit(
        "presence:changed", counts, to=rooms.facilitators_room(workshop_id), namespace=NAMESPACE
    )


def stop_presence_updates(app: Flask) -> None:
    """Send no more updates, waiting for one under way (at shutdown, before the tables go)."""
    coalesced.stop(app, PRESENCE_UPDATES)
