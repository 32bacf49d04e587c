"""Socket.IO events that run the room: the plan's steps, the timer, locks, broadcasts, focus,
the plenary's page, and the room's state for late or reconnecting clients.

Each write is one service call (services.room.ACTIONS) through services.live.write_live
(written, committed, then broadcast), acknowledged with {ok, seq, change}. See
docs/realtime.md, "Running the room".
"""

from collections.abc import Callable

from wtforms import Form

from workshop.forms.notes import EmptyPayload
from workshop.forms.plan import EVENT_PAYLOADS
from workshop.models import Change, Workshop
from workshop.realtime.auth import Identity, subscribe
from workshop.realtime.handlers import event, validated
from workshop.services import live, room, room_state
from workshop.services.changes import shaped_change


def written(identity: Identity, change: Change) -> dict:
    """The facilitator's acknowledgement: the change as it was broadcast."""
    message = shaped_change(change, identity.workshop, for_facilitators=True)
    return {"ok": True, "seq": change.seq, "change": message}


def room_event(
    name: str, payload_form: type[Form], action: Callable[[Workshop, dict], Change]
) -> None:
    @event(name, facilitators_only=True, writes=True)
    def handler(identity: Identity, payload) -> dict:
        data = validated(payload_form, payload)
        workshop = identity.workshop
        return written(identity, live.write_live(workshop.id, lambda: action(workshop, data)))


for room_event_name, room_action in room.ACTIONS.items():
    room_event(room_event_name, EVENT_PAYLOADS[room_event_name], room_action)


@event("room:state", displays=True)
def room_state_event(identity: Identity, payload) -> dict:
    validated(EmptyPayload, payload)
    subscribe(identity.state)  # a catch-up read: first the rooms, then the reading
    return {"ok": True, **room_state.room_state(identity.workshop, identity.viewer)}
