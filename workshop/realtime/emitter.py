"""The one emitter: turns a committed change into Socket.IO events, each carrying its seq.

It is the publisher services.live installs (install_publisher, at app creation), so every live
change — whoever wrote it — is broadcast here, after its commit and in seq order (write_live
holds the workshop's order lock around commit and publish).
"""

from workshop.extensions import db, socketio
from workshop.models import Change, Workshop
from workshop.realtime.audiences import audiences_of
from workshop.services.changes import shaped_change


def change_message(change: Change, for_facilitators: bool) -> dict:
    """The payload clients receive for a change; author names only where they may be seen."""
    workshop = db.session.get_one(Workshop, change.workshop_id)
    return shaped_change(change, workshop, for_facilitators)


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
