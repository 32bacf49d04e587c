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
from workshop.realtime.auth import Identity, SocketState, subscribe
from workshop.realtime.handlers import (
    QuickAnswer,
    event,
    quick_participant,
    validated,
    validated_in,
)
from workshop.realtime.room_handlers import room_event
from workshop.realtime.socket_request import socket_sid
from workshop.services import plenary, votes
from workshop.services.changes import current_last_seq
from workshop.services.note_statements import IdentityChanged
from workshop.services.plenary_state import share_for, vote_for

for plenary_event_name, plenary_action in plenary.ACTIONS.items():
    room_event(plenary_event_name, EVENT_PAYLOADS[plenary_event_name], plenary_action)


def voter_of(identity: Identity) -> votes.Voter:
    if not isinstance(identity.actor, Participant) or identity.is_facilitator:
        raise Forbidden("forbidden", _l("Only participants place dots."))
    return votes.Voter.of(identity.actor)


def dot_written(voter: votes.Voter, write: Callable[[], votes.DotResult]) -> dict:
    """Run a dot write (the participant's other devices follow), answer the socket that sent it."""
    return {"ok": True, **votes.dot_written(voter, write, socket_sid()).answer()}


def place(voter: votes.Voter, data: dict) -> votes.DotResult:
    return votes.place_dot(voter, data["id"], data["point_id"])


def take_back(voter: votes.Voter, data: dict) -> votes.DotResult:
    return votes.remove_dot(voter, data["id"])


DotWrite = Callable[[votes.Voter, dict], votes.DotResult]


def quick_dot(form_class, write: DotWrite) -> QuickAnswer:
    """A participant's dot on what the socket knows, without Flask's request context (as a
    note's); the write checks the participant in its transaction. None: the full way (a
    facilitator or display, or a participant removed or moved since)."""

    def quick(state: SocketState, payload) -> dict | None:
        participant_id = quick_participant(state)
        if participant_id is None:
            return None
        data = validated_in(state, form_class, payload)
        voter = votes.Voter(state.workshop_id, participant_id, state.group_id, unchecked=True)
        try:
            return dot_written(voter, lambda: write(voter, data))
        except IdentityChanged:
            return None

    return quick


def dot_event(name: str, form_class, write: DotWrite) -> None:
    """A participant's dot event: the quick way first, the full way for what it leaves."""

    def handler(identity: Identity, payload) -> dict:
        data = validated(form_class, payload)
        voter = voter_of(identity)
        return dot_written(voter, lambda: write(voter, data))

    event(name, writes=True, quick=quick_dot(form_class, write))(handler)


dot_event("dot:place", DotPlacePayload, place)
dot_event("dot:remove", DotRemovePayload, take_back)


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
