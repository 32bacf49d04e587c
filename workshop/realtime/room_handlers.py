"""Socket.IO events that run the room: the plan's steps, the timer, locks, broadcasts, focus,
the plenary's page, and the room's state for late or reconnecting clients.

Each write is one service call through services.live.write_live (written, committed, then
broadcast), acknowledged with {ok, seq, change}. See docs/realtime.md, "Running the room".
"""

from collections.abc import Callable

from wtforms import Form

from workshop.forms.notes import EmptyPayload
from workshop.forms.plan import (
    BroadcastClearPayload,
    BroadcastPayload,
    GotoPayload,
    LockPayload,
    QuestionPayload,
    TimerExtendPayload,
    TimerStartPayload,
)
from workshop.models import Change, Workshop
from workshop.realtime.auth import Identity, subscribe
from workshop.realtime.handlers import event, validated
from workshop.services import live, room, room_state
from workshop.services.changes import shaped_change

Action = Callable[[Workshop, dict], Change]

# event → (its payload, the service call it makes)
ROOM_EVENTS: dict[str, tuple[type[Form], Action]] = {
    "plan:start": (EmptyPayload, lambda workshop, data: room.start_plan(workshop)),
    "plan:finish": (EmptyPayload, lambda workshop, data: room.finish_plan(workshop)),
    "step:next": (EmptyPayload, lambda workshop, data: room.next_step(workshop)),
    "step:previous": (EmptyPayload, lambda workshop, data: room.previous_step(workshop)),
    "step:goto": (GotoPayload, lambda workshop, data: room.go_to_step(workshop, data["step_id"])),
    "timer:start": (
        TimerStartPayload,
        lambda workshop, data: room.start_timer(workshop, data["seconds"]),
    ),
    "timer:pause": (EmptyPayload, lambda workshop, data: room.pause_timer(workshop)),
    "timer:resume": (EmptyPayload, lambda workshop, data: room.resume_timer(workshop)),
    "timer:extend": (
        TimerExtendPayload,
        lambda workshop, data: room.extend_timer(workshop, data["seconds"]),
    ),
    "timer:clear": (EmptyPayload, lambda workshop, data: room.clear_timer(workshop)),
    "lock:set": (
        LockPayload,
        lambda workshop, data: room.set_lock(workshop, data["target"], data["id"], data["locked"]),
    ),
    "broadcast:send": (
        BroadcastPayload,
        lambda workshop, data: room.send_broadcast(workshop, data["text"], data["group_id"]),
    ),
    "broadcast:clear": (
        BroadcastClearPayload,
        lambda workshop, data: room.clear_broadcast(workshop, data["group_id"]),
    ),
    "focus:set": (
        QuestionPayload,
        lambda workshop, data: room.set_focus(workshop, data["question_id"]),
    ),
    "plenary:next": (EmptyPayload, lambda workshop, data: room.page_plenary(workshop, 1)),
    "plenary:previous": (EmptyPayload, lambda workshop, data: room.page_plenary(workshop, -1)),
    "plenary:show": (
        QuestionPayload,
        lambda workshop, data: room.show_in_plenary(workshop, data["question_id"]),
    ),
}


def written(identity: Identity, change: Change) -> dict:
    """The facilitator's acknowledgement: the change as it was broadcast."""
    message = shaped_change(change, identity.workshop, for_facilitators=True)
    return {"ok": True, "seq": change.seq, "change": message}


def room_event(name: str, payload_form: type[Form], action: Action) -> None:
    @event(name, facilitators_only=True, writes=True)
    def handler(identity: Identity, payload) -> dict:
        data = validated(payload_form, payload)
        workshop = identity.workshop
        return written(identity, live.write_live(workshop.id, lambda: action(workshop, data)))


for room_event_name, (room_payload, room_action) in ROOM_EVENTS.items():
    room_event(room_event_name, room_payload, room_action)


@event("room:state", displays=True)
def room_state_event(identity: Identity, payload) -> dict:
    validated(EmptyPayload, payload)
    subscribe(identity.state)  # a catch-up read: first the rooms, then the reading
    return {"ok": True, **room_state.room_state(identity.workshop, identity.viewer)}
