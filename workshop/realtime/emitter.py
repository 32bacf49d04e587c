"""The one emitter: turns committed changes into Socket.IO events, each carrying its seq.

Call it only after the change is committed: nothing is broadcast that is not stored.
"""

from workshop.extensions import db, socketio
from workshop.models import Change, Workshop
from workshop.realtime import rooms


def change_message(change: Change, for_facilitators: bool) -> dict:
    """The payload clients receive for a change; author names only where they may be seen."""
    message = {"seq": change.seq, "kind": change.kind, **(change.payload or {})}
    workshop = db.session.get(Workshop, change.workshop_id)
    if not for_facilitators and workshop is not None and not workshop.names_visible_to_peers:
        message.pop("author_name", None)
        if isinstance(message.get("note"), dict):
            message["note"] = {k: v for k, v in message["note"].items() if k != "author_name"}
    return message


def emit_change(change: Change | None) -> None:
    """Broadcast one committed change to the rooms allowed to see it."""
    if change is None:
        return
    if change.group_id is not None:
        socketio.emit(change.kind, change_message(change, False), to=rooms.group_room(change.group_id))
        socketio.emit(
            change.kind,
            change_message(change, True),
            to=rooms.facilitators_room(change.workshop_id),
        )
    else:
        socketio.emit(
            change.kind, change_message(change, False), to=rooms.workshop_room(change.workshop_id)
        )
