"""The one emitter: turns a committed change into Socket.IO events, each carrying its seq.

It is the publisher services.live installs (install_publisher, at app creation), so every live
change — whoever wrote it — is broadcast here, after its commit and in seq order (see
services/live.py: in a process, a workshop's changes are published in the order they committed).
"""

from workshop.extensions import socketio
from workshop.models import Change
from workshop.realtime.audiences import audiences_of
from workshop.services.changes import shaped_change_for
from workshop.services.live import names_visible_to_peers


def change_message(change: Change, for_facilitators: bool) -> dict:
    """The payload clients receive for a change; author names only where they may be seen."""
    names_visible = names_visible_to_peers(change.workshop_id)
    return shaped_change_for(change, names_visible, for_facilitators)


def emit_change(change: Change | None) -> None:
    """Broadcast one committed change to the rooms allowed to see it, each with its prev_seq."""
    if change is None:
        return
    messages: dict[bool, dict] = {}  # one shaped message per kind of audience
    for audience in audiences_of(change):
        if audience.for_facilitators not in messages:
            messages[audience.for_facilitators] = change_message(change, audience.for_facilitators)
        message = {**messages[audience.for_facilitators], "prev_seq": audience.prev_seq}
        socketio.emit(change.kind, message, to=audience.room)


def emit_my_dots(devices: tuple[str, ...], message: dict) -> None:
    """A participant's own dots, after they changed them, to their devices (services.votes
    installs it: dot_written leaves out the socket that changed them, which has them in its
    acknowledgement). Not a change of the feed: a device that misses it reads its dots again
    at its next connect.

    Sent to each socket by its id (any process delivers it) rather than to a room of the
    participant's: python-socketio keeps a room as a two-way dictionary, about 0.7 KB for a
    room of one, and every participant's connection kept one for this message alone."""
    for sid in devices:
        socketio.emit("vote:mine", message, to=sid)
