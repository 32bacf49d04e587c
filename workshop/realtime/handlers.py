"""Socket.IO event handlers: authenticate, validate the payload, call one service, broadcast.

Every client → server event answers through its acknowledgement: {ok: true, …} or
{ok: false, error: {code, message, details?}} with the message in the client's language.
The protocol is described in docs/realtime.md.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TypeVar

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l

from workshop.extensions import db, socketio
from workshop.forms.common import form_errors
from workshop.forms.notes import (
    ChangesSincePayload,
    EmptyPayload,
    NoteAddPayload,
    NoteDeletePayload,
    NoteEditPayload,
    SnapshotPayload,
    StatusPayload,
    plain_changes_since,
    plain_note_add,
)
from workshop.i18n import force_language
from workshop.models import DisplayLink, DomainError, Facilitator, Forbidden, Participant
from workshop.models.workshop import shows_names_to_peers
from workshop.realtime import heartbeat
from workshop.realtime.auth import (
    Identity,
    SocketState,
    accept_connection,
    current_identity,
    socket_state,
    subscribe,
    unauthorised,
)
from workshop.realtime.heap import connections_changed
from workshop.realtime.own_task import in_own_task
from workshop.realtime.presence_updates import presence_changed
from workshop.realtime.socket_json import Unreadable
from workshop.realtime.socket_request import in_event_context, socket_event_name, socket_sid
from workshop.services import access, changes, lifecycle, live, note_batch, notes, presence
from workshop.services.changes import Viewer, shaped_note
from workshop.services.note_batch import NewNote, NoteDeletion, NoteEdit
from workshop.services.note_statements import IdentityChanged

# Set on the app's extensions once this process has forgotten earlier runs' sockets.
EARLIER_SOCKETS_FORGOTTEN = "workshop.earlier_sockets_forgotten"

# --- The frame around every event ---

Ack = TypeVar("Ack", dict, dict | None)  # an event's ack; the quick way's may be None


def error_ack(error: DomainError) -> dict:
    return {"ok": False, "error": error.as_dict()}


def invalid(form) -> DomainError:
    return DomainError("invalid_input", _l("Some fields are not valid."), fields=form_errors(form))


def validated(form_class, payload) -> dict:
    """The payload's fields once its form accepts them; a DomainError says what is wrong."""
    if isinstance(payload, Unreadable):  # malformed or too deep: socket_json kept the reason
        raise payload.error
    if not isinstance(payload, dict):
        raise DomainError("invalid_input", _l("The message must be a JSON object."))
    form = form_class(data=payload)
    if not form.validate():
        raise invalid(form)
    return form.data


def rate_limited(wait_seconds: float) -> DomainError:
    return DomainError(
        "rate_limited",
        _l("Too many messages at once. Wait a moment; nothing was lost."),
        status=429,
        retry_after_ms=max(1, round(wait_seconds * 1000)),
    )


def server_error() -> DomainError:
    return DomainError(
        "server_error", _l("Something went wrong on the server. Try again in a moment."), status=500
    )


def answer(handler, payload, rules: "EventRules") -> dict:
    """The full way, in Flask-SocketIO's request context: the person re-read, then the handler."""
    state = socket_state()
    if state is None:
        return error_ack(unauthorised())

    def in_full() -> dict:
        if rules.quick is None:  # a quick event's limit was taken by its quick attempt
            take_from_bucket(state)
        with force_language(state.locale):
            return answer_in_full(handler, state, payload, rules)

    return guarded(state, in_full)


def answer_quickly(payload, rules: "EventRules") -> dict | None:
    """The quick way (handlers.quick_first): its ack, or None when the full way must answer."""
    state = socket_state()
    if state is None or rules.quick is None:
        return None
    quick = rules.quick

    def quickly() -> dict | None:
        take_from_bucket(state)
        return quick(state, payload)

    return guarded(state, quickly)


def take_from_bucket(state: SocketState) -> None:
    wait = state.bucket.take()
    if wait:
        raise rate_limited(wait)


def guarded(state: SocketState, work: Callable[[], Ack]) -> Ack | dict:
    """An event's work; a refusal or a failure becomes its ack, and nothing is stored."""
    try:
        return work()
    except DomainError as error:
        db.session.rollback()
        with force_language(state.locale):  # only now: a message is put into words
            return error_ack(error)
    except Exception:
        # Never crash the connection: log it, store nothing, tell the client to retry.
        db.session.rollback()
        current_app.logger.exception("Socket event %s failed", socket_event_name())
        with force_language(state.locale):
            return error_ack(server_error())


def answer_in_full(handler, state: SocketState, payload, rules: "EventRules") -> dict:
    if not rules.writes:
        return handle(handler, state, payload, rules)
    # A write re-reads the person in its own transaction: one transaction per write.
    with live.in_order(state.workshop_id):
        return handle(handler, state, payload, rules)


# A quicker way to answer an event: its ack, or None when the full way must answer it.
QuickAnswer = Callable[[SocketState, object], dict | None]


@dataclass(frozen=True)
class EventRules:
    """Who may send an event, and whether it writes (see `event`)."""

    facilitators_only: bool = False
    writes: bool = False
    displays: bool = False
    quick: QuickAnswer | None = None


def handle(handler, state, payload, rules: EventRules) -> dict:
    identity = current_identity(state)
    if identity.is_display and not rules.displays:
        raise Forbidden("forbidden", _l("A display can only show the workshop."))
    if rules.facilitators_only and not identity.is_facilitator:
        raise Forbidden("forbidden", _l("Only the workshop's facilitators can do this."))
    return handler(identity, payload)


def event(
    name: str,
    facilitators_only: bool = False,
    writes: bool = False,
    displays=False,
    quick: QuickAnswer | None = None,
):
    """Register `handler(identity, payload) -> dict` for one client → server event.

    `writes`: the handler writes a live change; it runs inside live.in_order for the socket's
    workshop, so that the identity check and the write share one transaction.
    `displays`: a display (projector) may send it too; every other event refuses displays.
    `quick`: tried first (after the rate limit); the handler answers whatever it leaves (None).
    """
    rules = EventRules(facilitators_only, writes, displays, quick)

    def decorator(handler):
        @wraps(handler)
        def wrapper(*args):
            payload = args[0] if args else {}
            return answer(handler, payload, rules)

        EVENTS.append((name, wrapper, rules))
        return handler

    return decorator


EVENTS: list = []  # filled by @event below, registered on each app's server by register()


def written(identity: Identity, write: Callable[[], notes.NoteResult]) -> dict:
    """Run a note write through the one entry point (publishes it if new), acknowledge it."""
    result = live.write_live(identity.workshop.id, write)
    note = changes.note_for_viewer(
        result.note, identity.workshop, identity.viewer, result.owner_ids
    )
    return {"ok": True, "seq": result.seq, "note": note}


# --- Notes ---


def quick_note_write(form_class, write_class, fields: tuple[str, ...], plain=None) -> QuickAnswer:
    """A participant's note write through the group commit (note_batch), on what the socket knows.

    The batch re-reads the participant in its own transaction; if they were removed or moved
    since, the quick answer is None and the full path re-reads them (follows a move, or
    refuses). `plain` checks the busiest payload by hand, the form only words a refusal.
    """

    def quick(state: SocketState, payload) -> dict | None:
        participant_id = quick_participant(state)
        if participant_id is None:
            return None
        data = (plain(payload) if plain else None) or validated_in(state, form_class, payload)
        values = (data[name] for name in fields)
        write = write_class(state.workshop_id, participant_id, state.group_id, *values)
        return quickly_written(state, write)

    return quick


quick_add_note = quick_note_write(
    NoteAddPayload, NewNote, ("id", "question_id", "text", "group_id"), plain_note_add
)
quick_edit_note = quick_note_write(
    NoteEditPayload, NoteEdit, ("id", "op_id", "base_revision", "text")
)
quick_delete_note = quick_note_write(
    NoteDeletePayload, NoteDeletion, ("id", "op_id", "base_revision")
)


def quick_participant(state: SocketState) -> int | None:
    """The participant a quick answer speaks for (facilitators and displays: the full path)."""
    return None if state.display else state.participant_id


def validated_in(state: SocketState, form_class, payload) -> dict:
    with force_language(state.locale):  # a refusal's messages are put into words here
        return validated(form_class, payload)


def quickly_written(state: SocketState, write: note_batch.NoteWrite) -> dict | None:
    """The ack of a note write in the workshop's next batch (None: take the full path)."""
    try:
        added = note_batch.add_note(write)
    except IdentityChanged:
        return None
    result = added.result
    is_own = result.owner_ids[0] == state.participant_id
    note = shaped_note(result.note, added.names_visible, is_own)
    return {"ok": True, "seq": result.seq, "note": note}


@event("note:add", writes=True, quick=quick_add_note)
def add_note(identity: Identity, payload) -> dict:
    data = validated(NoteAddPayload, payload)
    return written(
        identity,
        lambda: notes.add_note(
            identity.workshop,
            identity.actor,
            data["id"],
            data["question_id"],
            data["text"],
            group_id=data["group_id"],
        ),
    )


@event("note:edit", writes=True, quick=quick_edit_note)
def edit_note(identity: Identity, payload) -> dict:
    data = validated(NoteEditPayload, payload)
    return written(
        identity,
        lambda: notes.edit_note(
            identity.workshop,
            identity.actor,
            data["id"],
            data["op_id"],
            data["base_revision"],
            data["text"],
        ),
    )


@event("note:delete", writes=True, quick=quick_delete_note)
def delete_note(identity: Identity, payload) -> dict:
    data = validated(NoteDeletePayload, payload)
    return written(
        identity,
        lambda: notes.delete_note(
            identity.workshop,
            identity.actor,
            data["id"],
            data["op_id"],
            base_revision=data["base_revision"],
        ),
    )


# --- Reading ---


def quick_catch_up(state: SocketState, payload) -> dict | None:
    """A participant's changes:since on one prebuilt row, without loading them as objects.

    Every client asks at each connect and after every gap, a restart's thousand clients at once.
    None (the full way) for facilitators and displays, and when the row says the participant
    was removed (refused there) or moved (followed there).
    """
    participant_id = quick_participant(state)
    if participant_id is None:
        return None
    data = plain_changes_since(payload) or validated_in(state, ChangesSincePayload, payload)
    reader = access.active_participant(participant_id, state.workshop_id)
    if reader is None or reader.group_id != state.group_id:
        return None
    subscribe(state)  # first the rooms, then the reading: nothing falls in between
    viewer = Viewer(state.workshop_id, participant_id=participant_id, group_id=state.group_id)
    names_visible = shows_names_to_peers(reader.anonymity)
    return {"ok": True, **changes.changes_since_for(viewer, names_visible, data["seq"])}


@event("changes:since", displays=True, quick=quick_catch_up)
def changes_since(identity: Identity, payload) -> dict:
    data = validated(ChangesSincePayload, payload)
    subscribe(identity.state)  # first the rooms, then the reading: nothing falls in between
    return {"ok": True, **changes.changes_since(identity.workshop, data["seq"], identity.viewer)}


@event("notes:snapshot", displays=True)
def notes_snapshot(identity: Identity, payload) -> dict:
    data = validated(SnapshotPayload, payload)
    subscribe(identity.state)
    snapshot = changes.notes_snapshot(
        identity.workshop, identity.viewer, data["question_id"], data["group_id"]
    )
    return {"ok": True, **snapshot, "workshop": workshop_info(identity), "me": me(identity)}


@event("notes:counts", facilitators_only=True)
def note_counts(identity: Identity, payload) -> dict:
    validated(EmptyPayload, payload)
    subscribe(identity.state)
    return {"ok": True, **changes.note_counts(identity.workshop)}


@event("presence:get", displays=True)
def presence_get(identity: Identity, payload) -> dict:
    validated(EmptyPayload, payload)
    if identity.is_display:
        return {"ok": True, "online": {}}
    forget_dead_sockets(identity.workshop.id)
    group_id = None if identity.is_facilitator else identity.viewer.group_id
    if group_id is None and not identity.is_facilitator:
        return {"ok": True, "online": {}}
    return {"ok": True, **presence.online_counts(identity.workshop.id, group_id)}


def workshop_info(identity: Identity) -> dict:
    workshop = identity.workshop
    return {
        "id": workshop.id,
        "title": workshop.title,
        "status": workshop.status,
        "anonymity": workshop.anonymity,
        "language": workshop.language,
    }


def me(identity: Identity) -> dict:
    actor = identity.actor
    if isinstance(actor, DisplayLink) or identity.is_display:
        return {"role": "display"}
    if isinstance(actor, Facilitator):
        return {"role": "facilitator", "facilitator_id": actor.id, "name": actor.display_name}
    assert isinstance(actor, Participant)
    return {
        "role": "participant",
        "participant_id": actor.id,
        "group_id": actor.group_id,
        "name": actor.display_name,
    }


# --- The workshop's status ---


@event("workshop:status", facilitators_only=True, writes=True)
def workshop_status(identity: Identity, payload) -> dict:
    data = validated(StatusPayload, payload)
    workshop = identity.workshop
    change = live.write_live(workshop.id, lambda: lifecycle.change_status(workshop, data["status"]))
    seq = change.seq if change is not None else workshop.last_seq
    return {"ok": True, "seq": seq, "status": workshop.status}


# --- Connecting and leaving ---


def on_connect(auth=None):
    """Refuse unauthenticated sockets; place the others in their rooms from the database."""
    state = accept_connection(auth)
    app = current_app._get_current_object()
    connections_changed(app)
    if state.display:
        return  # a display is not a person: nobody's presence changes
    forget_sockets_of_earlier_runs()
    heartbeat.ensure_heartbeat(app)
    presence_changed(app, state.workshop_id, state.group_id)


def on_disconnect(reason=None):
    app = current_app._get_current_object()
    connections_changed(app, disconnected=True)
    where = presence.close_connection(socket_sid())
    if where is not None:
        presence_changed(app, *where)


def on_unknown_event(name, *args):
    state = socket_state()
    with force_language(state.locale if state else None):
        error = DomainError("unknown_event", _l("The server does not know this event."))
        return error_ack(error)


def forget_sockets_of_earlier_runs() -> None:
    """At this process's first connect, forget the rows of sockets an earlier run left behind.

    Later rows go when their socket disconnects, so there is no need to read every row of the
    workshop at every connect (which made a join burst quadratic); presence:get still checks.
    """
    if current_app.extensions.get(EARLIER_SOCKETS_FORGOTTEN):
        return
    current_app.extensions[EARLIER_SOCKETS_FORGOTTEN] = True
    forget_dead_sockets(None)


def forget_dead_sockets(workshop_id: int | None) -> None:
    """With one server process, a Connection row whose socket it does not know is stale."""
    if current_app.config.get("SOCKETIO_MESSAGE_QUEUE"):
        return  # other processes hold sockets too: their rows are theirs to clean
    manager = socketio.server.manager

    def is_live(sid: str) -> bool:
        return manager.is_connected(sid, "/") or manager.is_pre_connected(sid, "/")

    presence.forget_stale_connections(workshop_id, is_live)


def register(app: Flask) -> None:
    """Register every handler on the current app's Socket.IO server (each app has its own)."""
    # The room's and the plenary's events are declared in their own modules; importing them
    # adds them to EVENTS.
    from workshop.realtime import plenary_handlers, room_handlers  # noqa: F401

    socketio.on("connect")(on_connect)
    server = socketio.server  # this app's
    server.on("connect", in_own_task(server.handlers["/"]["connect"], server))
    # Leaving needs nothing of the request (no cookie, no session): an app context will do.
    server.on("disconnect", in_app_context(app, "disconnect", on_disconnect))
    socketio.on("*")(on_unknown_event)
    for name, handler, rules in EVENTS:
        socketio.on(name)(handler)
        if rules.quick is not None:
            full_way = socketio.server.handlers["/"][name]  # Flask-SocketIO's, as registered
            socketio.server.on(name, quick_first(app, name, rules, full_way))


def in_app_context(app: Flask, name: str, handler: Callable) -> Callable:
    """A python-socketio handler running `handler` in an app context only, not in the request
    context Flask-SocketIO would build (see quick_first)."""

    def on_event(sid: str, *args):
        with in_event_context(app, sid, name):
            return handler(*args)

    return on_event


def quick_first(app: Flask, name: str, rules: EventRules, full_way: Callable) -> Callable:
    """A python-socketio handler for an event with a quick way: tried in an app context only.

    Flask-SocketIO gives every event a request context (a Request built, its URL matched, the
    session cookie opened and verified): a tenth of a note's cost on the server. The quick way
    needs only the app (its database session, settings, translations) and the socket's id; what
    it leaves (None) goes the full way, through Flask-SocketIO as before.
    """

    def answer(*args):
        return answer_quickly(args[0] if args else {}, rules)

    quickly = in_app_context(app, name, answer)

    def on_event(sid: str, *args):
        ack = quickly(sid, *args)
        return full_way(sid, *args) if ack is None else ack

    return on_event
