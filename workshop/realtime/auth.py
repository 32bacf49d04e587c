"""Who is on a socket: authentication at connect, and the identity re-read for every event.

At connect a client gives a participant token (wsp_…), a facilitator API token (wsf_…) with a
workshop id, a display link's token (wsd_…), or — in a browser — just the workshop id, and the
session cookie speaks for it. A display (the projector) only ever reads.
What the socket is allowed is then kept in python-socketio's per-connection session; every event
re-reads the person from the database, so a removed participant or a moved one is noticed (a
participant's note:add does so in its batch's own transaction: see services/note_batch.py).

The server places the socket in its rooms (from the database) when the client first catches up
(changes:since, notes:snapshot or notes:counts), just before reading: live changes therefore
only ever arrive after the client's catch-up request has left, so a client that moves its cursor
with every change it receives can never skip a change it missed while it was away.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, join_room, leave_room
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from workshop import i18n
from workshop.extensions import db, socketio
from workshop.facilitator_session import current_login_session_id
from workshop.forms.common import is_whole_number
from workshop.models import DisplayLink, DomainError, Facilitator, Participant, Workshop
from workshop.models.facilitator import FACILITATOR_TOKEN_PREFIX
from workshop.models.group import PARTICIPANT_TOKEN_PREFIX
from workshop.models.room import DISPLAY_TOKEN_PREFIX
from workshop.participant_session import participant_id_from_session
from workshop.realtime import rooms
from workshop.realtime.limits import TokenBucket
from workshop.realtime.socket_json import Unreadable
from workshop.realtime.socket_request import socket_sid
from workshop.services import access, displays, presence
from workshop.services.changes import Viewer, viewer_of
from workshop.services.login_sessions import login_session_is_active

STATE_KEY = "workshop"
TOKEN_MAX = 200


@dataclass(slots=True)  # one per connection: no per-object dict
class SocketState:
    """What one connection is: kept in its python-socketio session for its lifetime."""

    workshop_id: int
    participant_id: int | None
    facilitator_id: int | None
    group_id: int | None
    locale: str
    bucket: TokenBucket
    subscribed: bool = False  # in its rooms yet (see subscribe)
    login_session_id: int | None = None  # a browser facilitator's: the socket ends with it
    display: bool = False  # a read-only display (projector)
    display_link_id: int | None = None


@dataclass
class Identity:
    """The person behind a socket, as the database says right now."""

    workshop: Workshop
    actor: Participant | Facilitator | DisplayLink
    viewer: Viewer
    state: SocketState

    @property
    def is_facilitator(self) -> bool:
        return self.viewer.is_facilitator

    @property
    def is_display(self) -> bool:
        return self.viewer.is_display


def unauthorised() -> DomainError:
    return DomainError("unauthorised", _l("Please join the workshop again."), status=401)


def refuse(code: str, message) -> ConnectionRefusedError:
    return ConnectionRefusedError(str(message), {"code": code})


# --- At connect ---


def requested_language(auth: dict) -> str | None:
    language = auth.get("language")
    return i18n.normalise_language(language) if isinstance(language, str) else None


def connect_locale(auth: dict, own_language: str | None = None) -> str:
    """The client's requested language, else a facilitator's own, else the browser's."""
    return requested_language(auth) or own_language or i18n.select_language()


@dataclass(frozen=True, slots=True)
class Caller:
    """Who a connect request speaks for: what the connection keeps of them."""

    workshop_id: int
    participant_id: int | None = None
    group_id: int | None = None
    facilitator_id: int | None = None
    display_link_id: int | None = None
    language: str | None = None  # a facilitator's own choice


def participant_caller(row) -> Caller:
    return Caller(row.workshop_id, participant_id=row.id, group_id=row.group_id)


def facilitator_caller(workshop: Workshop, facilitator: Facilitator) -> Caller:
    return Caller(workshop.id, facilitator_id=facilitator.id, language=facilitator.language)


def authenticate(auth) -> Caller:
    """The workshop and person a connect request speaks for; refuses with a reason."""
    if auth is None:
        auth = {}
    if isinstance(auth, Unreadable):
        raise refuse(auth.error.code, auth.error.message)
    if not isinstance(auth, dict):
        raise refuse("invalid_input", _l("The connection details are not valid."))
    workshop_id = requested_workshop_id(auth)
    token = auth.get("token")
    if token is not None and (not isinstance(token, str) or len(token) > TOKEN_MAX):
        raise refuse("unauthorised", _l("A valid token is required."))
    if token:
        return by_token(token, workshop_id)
    return by_cookie(workshop_id, auth.get("role"))


def requested_workshop_id(auth: dict) -> int | None:
    workshop_id = auth.get("workshop_id")
    if workshop_id is None or is_whole_number(workshop_id):
        return workshop_id
    if isinstance(workshop_id, int) and not isinstance(workshop_id, bool):
        # A number no database holds is no workshop (and must not reach a query).
        error = access.workshop_not_found()
        raise refuse(error.code, error.message)
    raise refuse("invalid_input", _l("The workshop id must be a whole number."))


def by_token(token: str, workshop_id: int | None) -> Caller:
    if token.startswith(PARTICIPANT_TOKEN_PREFIX):
        participant = access.active_participant_by_token(token)
        if participant is None or workshop_id not in (None, participant.workshop_id):
            raise refuse("unauthorised", _l("This participant token is not valid."))
        return participant_caller(participant)
    if token.startswith(FACILITATOR_TOKEN_PREFIX):
        facilitator = access.facilitator_for_api_token(token)
        if facilitator is None:
            raise refuse("unauthorised", _l("This API token is not valid."))
        return facilitator_caller(facilitator_workshop(facilitator, workshop_id), facilitator)
    if token.startswith(DISPLAY_TOKEN_PREFIX):
        link = displays.link_for_token(token)
        if link is None or workshop_id not in (None, link.workshop_id):
            raise refuse("unauthorised", _l("This display link is not valid."))
        return Caller(link.workshop_id, display_link_id=link.id)
    raise refuse("unauthorised", _l("A valid token is required."))


def facilitator_workshop(facilitator: Facilitator, workshop_id: int | None) -> Workshop:
    if workshop_id is None:
        raise refuse("invalid_input", _l("Say which workshop to connect to (workshop_id)."))
    try:
        return access.get_workshop_for(facilitator, workshop_id)
    except DomainError as error:
        raise refuse(error.code, error.message) from None


def by_cookie(workshop_id: int | None, role) -> Caller:
    """A browser: the participant it joined as, or the facilitator logged in."""
    if workshop_id is None:
        raise refuse("unauthorised", _l("Please join the workshop first."))
    if role not in ("facilitator", "display"):
        participant_id = participant_id_from_session(workshop_id)
        if participant_id is not None:
            participant = access.active_participant(participant_id, workshop_id)
            if participant is not None:
                return participant_caller(participant)
    if role != "participant" and current_user.is_authenticated:
        facilitator = current_user._get_current_object()
        return facilitator_caller(facilitator_workshop(facilitator, workshop_id), facilitator)
    if role == "facilitator":
        # Never logged in, or logged out since (here, elsewhere, or by a password change).
        raise refuse("unauthorised", _l("You are not logged in. Log in again."))
    raise refuse("unauthorised", _l("Please join the workshop first."))


def new_state(caller: Caller, locale: str, display: bool) -> SocketState:
    config = current_app.config
    return SocketState(
        workshop_id=caller.workshop_id,
        participant_id=caller.participant_id,
        facilitator_id=caller.facilitator_id,
        group_id=caller.group_id,
        locale=locale,
        bucket=TokenBucket(config["SOCKET_EVENTS_PER_SECOND"], config["SOCKET_EVENTS_BURST"]),
        display=display or caller.display_link_id is not None,
        display_link_id=caller.display_link_id,
    )


def rooms_for(state: SocketState) -> list[str]:
    """The rooms the database says this connection belongs in."""
    if state.display:
        return [rooms.display_room(state.workshop_id), rooms.workshop_room(state.workshop_id)]
    if state.facilitator_id is not None:
        return [rooms.facilitators_room(state.workshop_id), rooms.workshop_room(state.workshop_id)]
    return [
        rooms.workshop_room(state.workshop_id),
        rooms.participants_room(state.workshop_id, state.group_id),
    ]


def accept_connection(auth) -> SocketState:
    """Authenticate and record the socket; refuses it if it cannot be authenticated."""
    auth_dict = auth if isinstance(auth, dict) else {}
    locale = connect_locale(auth_dict)
    with i18n.force_language(locale):
        caller = authenticate(auth)
    is_facilitator = caller.facilitator_id is not None
    display = auth_dict.get("role") == "display" and is_facilitator
    if caller.language:  # a facilitator's own language, unless the client asked for one
        locale = connect_locale(auth_dict, caller.language)
    state = new_state(caller, locale, display)
    if is_facilitator and not auth_dict.get("token"):
        # The login session a facilitator's session cookie speaks for (none with an API token).
        state.login_session_id = current_login_session_id()
    with socketio.server.session(socket_sid()) as session:
        session[STATE_KEY] = state
    if state.display:
        return state  # a display is not a person: it never counts as online
    presence.open_connection(
        socket_sid(),
        caller.workshop_id,
        participant_id=caller.participant_id,
        facilitator_id=caller.facilitator_id,
        group_id=caller.group_id,
    )
    return state


# --- At every event ---


def socket_state() -> SocketState | None:
    """What the connection keeps (None before its connect was accepted, or once it is gone)."""
    try:
        return socketio.server.get_session(socket_sid()).get(STATE_KEY)
    except KeyError:  # disconnected while its event waited
        return None


def current_identity(state: SocketState) -> Identity:
    """The person behind the socket as the database says now (refused if no longer valid).

    One statement: the person and the workshop (and a participant's group) together.
    """
    if state.display_link_id is not None:
        return display_identity(state)
    if state.participant_id is not None:
        participant, workshop = identity_row(
            PARTICIPANT_IDENTITY,
            {"participant_id": state.participant_id, "workshop_id": state.workshop_id},
        )
        if not participant.is_active:
            raise unauthorised()
        follow_group_move(state, participant)
        actor: Participant | Facilitator = participant
    else:
        query = (
            # Two single rows side by side: an explicit join, not an accidental cartesian one.
            select(Facilitator, Workshop)
            .join(Workshop, Workshop.id == state.workshop_id)
            .where(Facilitator.id == state.facilitator_id)
        )
        if state.login_session_id is not None:
            # Logged out (or every session ended) since connecting: the socket stops too.
            query = query.where(login_session_is_active(state.login_session_id))
        actor, workshop = identity_row(query)
        if not workshop.can_be_run_by(actor):
            raise unauthorised()
    viewer = viewer_of(actor, workshop)
    if state.display:
        viewer = Viewer(workshop.id, display=True)
    return Identity(workshop=workshop, actor=actor, viewer=viewer, state=state)


def display_identity(state: SocketState) -> Identity:
    """A display link's socket: refused as soon as the link is revoked."""
    link = displays.active_link(state.display_link_id)
    workshop = db.session.get(Workshop, state.workshop_id) if link else None
    if link is None or workshop is None:
        raise unauthorised()
    viewer = Viewer(workshop.id, display=True)
    return Identity(workshop=workshop, actor=link, viewer=viewer, state=state)


# Built once (a participant's every full event reads it; building it cost more than running it).
PARTICIPANT_IDENTITY = (
    select(Participant, Workshop)
    .join(Workshop, Workshop.id == Participant.workshop_id)
    .where(Participant.id == bindparam("participant_id"), Workshop.id == bindparam("workshop_id"))
    .options(joinedload(Participant.group))
)


def identity_row(query, parameters: dict | None = None):
    """(person, workshop) read afresh; refused if either is gone."""
    row = db.session.execute(
        query, parameters, execution_options={"populate_existing": True}
    ).first()
    if row is None:
        raise unauthorised()
    return row


def subscribe(state: SocketState) -> None:
    """Put the socket in the rooms the database says it belongs in (once per connection)."""
    if state.subscribed:
        return
    sid = socket_sid()
    for room in rooms_for(state):
        join_room(room, sid=sid, namespace="/")
    state.subscribed = True


def follow_group_move(state: SocketState, participant: Participant) -> None:
    """The facilitator moved the participant: move the socket to the new group's room."""
    if participant.group_id == state.group_id:
        return
    sid = socket_sid()
    if state.subscribed:
        leave_room(rooms.participants_room(state.workshop_id, state.group_id), sid, "/")
        join_room(rooms.participants_room(state.workshop_id, participant.group_id), sid, "/")
    state.group_id = participant.group_id
    presence.move_connection(sid, participant.group_id)
