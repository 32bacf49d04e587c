"""Socket.IO events of the plenary: share and withdraw, open/close/reveal a vote, place and take
back dots, and reading the share and the vote (docs/realtime.md, "Plenary: share and vote").

Facilitator actions run like the room's (room_handlers.room_event); dots are the participant's
own writes, acknowledged with their own dots (`mine`), never broadcast with who placed them.
"""

from collections.abc import Callable

from flask_babel import lazy_gettext as _l

from workshop.forms.notes import EmptyPayload
from workshop.forms.plenary import EVENT_PAYLOADS, DotPlacePayload, DotRemovePayload
from workshop.models import Forbidden, Participant
from workshop.realtime import emitter
from workshop.realtime.auth import Identity, subscribe
from workshop.realtime.handlers import event, validated
from workshop.realtime.room_handlers import room_event
from workshop.realtime.socket_request import socket_sid
from workshop.services import live, plenary, votes
from workshop.services.changes import current_last_seq
from workshop.services.plenary_state import share_for, vote_for

for plenary_event_name, plenary_action in plenary.ACTIONS.items():
    room_event(plenary_event_name, EVENT_PAYLOADS[plenary_event_name], plenary_action)


def participant_of(identity: Identity) -> Participant:
    if not isinstance(identity.actor, Participant) or identity.is_facilitator:
        raise Forbidden("forbidden", _l("Only participants place dots."))
    return identity.actor


def dot_written(identity: Identity, write: Callable[[], votes.DotResult]) -> dict:
    # Taken before the write: its commit expires the participant, and reading the id again
    # would load the whole row (half a dot's work when a room votes at once).
    participant_id = participant_of(identity).id
    result = live.write_live(identity.workshop.id, write)
    if result.change is not None:  # a new dot or removal: the participant's other devices follow
        mine = {"vote_id": result.dot["vote_id"], "seq": result.seq, "mine": result.mine}
        emitter.emit_my_dots(participant_id, mine, socket_sid())
    return {"ok": True, "seq": result.seq, "dot": result.dot, "mine": result.mine}


@event("dot:place", writes=True)
def place_dot(identity: Identity, payload) -> dict:
    data = validated(DotPlacePayload, payload)
    participant = participant_of(identity)
    workshop = identity.workshop
    return dot_written(
        identity, lambda: votes.place_dot(workshop, participant, data["id"], data["point_id"])
    )


@event("dot:remove", writes=True)
def remove_dot(identity: Identity, payload) -> dict:
    data = validated(DotRemovePayload, payload)
    participant = participant_of(identity)
    workshop = identity.workshop
    return dot_written(identity, lambda: votes.remove_dot(workshop, participant, data["id"]))


@event("share:get", displays=True)
def share_get(identity: Identity, payload) -> dict:
    validated(EmptyPayload, payload)
    subscribe(identity.state)  # first the rooms, then the reading: nothing falls in between
    last_seq = current_last_seq(identity.workshop.id)
    share = share_for(identity.workshop, identity.viewer)
    return {"ok": True, "share": share, "last_seq": last_seq}


@event("vote:state", displays=True)
def vote_state(identity: Identity, payload) -> dict:
    validated(EmptyPayload, payload)
    subscribe(identity.state)
    last_seq = current_last_seq(identity.workshop.id)
    vote = vote_for(identity.workshop, identity.viewer)
    return {"ok": True, "vote": vote, "last_seq": last_seq}
