"""The one emitter: turns a committed change into Socket.IO events, each carrying its seq.

It is the publisher services.live installs (install_publisher, at app creation), so every live
change — whoever wrote it — is broadcast here, after its commit and in seq order (write_live
holds the workshop's order lock around commit and publish).
"""

from workshop.extensions import db, socketio
from workshop.models import Change, Workshop
from workshop.models.room import HIDDEN_FROM_DISPLAYS
from workshop.realtime import rooms
from workshop.services.changes import shaped_change
from workshop.services.presence import online_counts


def change_message(change: Change, for_facilitators: bool) -> dict:
    """The payload clients receive for a change; author names only where they may be seen."""
    workshop = db.session.get_one(Workshop, change.workshop_id)
    return shaped_change(change, workshop, for_facilitators)


def audiences(change: Change) -> list[tuple[str, bool]]:
    """The rooms a change goes to, each with whether it is shaped for facilitators."""
    if change.group_id is not None:
        targets = [
            (rooms.group_room(change.group_id), False),
            (rooms.facilitators_room(change.workshop_id), True),
        ]
    else:
        targets = [(rooms.workshop_room(change.workshop_id), False)]
    if change.kind not in HIDDEN_FROM_DISPLAYS:
        targets.append((rooms.display_room(change.workshop_id), False))
    return targets


def emit_change(change: Change | None) -> None:
    """Broadcast one committed change to the rooms allowed to see it."""
    if change is None:
        return
    for room, for_facilitators in audiences(change):
        socketio.emit(change.kind, change_message(change, for_facilitators), to=room)


def emit_presence(workshop_id: int, group_id: int | None) -> None:
    """Tell a group how many of it are online, and the facilitators every group's count."""
    counts = online_counts(workshop_id)  # one query serves both messages
    if group_id is not None:
        online = {str(group_id): counts["online"].get(str(group_id), 0)}
        socketio.emit("presence:changed", {"online": online}, to=rooms.group_room(group_id))
    socketio.emit("presence:changed", counts, to=rooms.facilitators_room(workshop_id))
