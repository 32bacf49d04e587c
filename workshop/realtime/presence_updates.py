"""presence:changed, coalesced: at most one update per workshop per second, with the counts of then.

A connect or a disconnect only notes that its workshop's counts (and its group's) changed; the
first such note starts a timer, and when it fires one grouped query counts the whole workshop
and one message goes to each group concerned and one to the facilitators. A join burst or a
restart's reconnect storm of a thousand sockets thus costs a handful of queries and messages, not
a thousand of each. The counts come from the Connection rows, which every process writes, so the
update is right whichever process sends it. The state lives on the app, not in a global.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Flask

from workshop.realtime import rooms
from workshop.realtime.background import BackgroundWork, start_task
from workshop.services.presence import online_counts

PRESENCE_UPDATES = "workshop.presence_updates"
NAMESPACE = "/"


@dataclass
class PresenceUpdates(BackgroundWork):
    """The workshops whose counts changed since their last update, and the groups concerned."""

    pending: dict[int, set[int | None]] = field(default_factory=dict)


def presence_changed(app: Flask, workshop_id: int, group_id: int | None) -> None:
    """Someone of the workshop (of this group) came or went: send the counts within a second."""
    updates = app.extensions.setdefault(PRESENCE_UPDATES, PresenceUpdates())
    with updates.lock:
        if updates.stopped:
            return
        waiting = updates.pending.get(workshop_id)
        updates.pending.setdefault(workshop_id, set()).add(group_id)
        if waiting is not None:
            return  # an update is already due: it will count this one too
    start_task(app, send_when_due, updates, workshop_id)


def send_when_due(app: Flask, server, updates: PresenceUpdates, workshop_id: int) -> None:
    server.sleep(app.config["PRESENCE_UPDATE_SECONDS"])
    with updates.busy:
        with updates.lock:
            # Taken before counting: whoever comes later starts the next update, so none is lost.
            groups = updates.pending.pop(workshop_id, set())
            if updates.stopped:
                return
        try:
            with app.app_context():
                send_counts(server, workshop_id, groups)
        except Exception:
            # The database may be away for a moment; the next change sends the counts again.
            app.logger.exception("Presence of workshop %s could not be sent", workshop_id)


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
    app.extensions.setdefault(PRESENCE_UPDATES, PresenceUpdates()).stop()
