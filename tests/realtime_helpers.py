"""Helpers for the real-time tests: a recording Socket.IO client and a ready live workshop."""

import contextlib
import socket
import sys
import threading
import time
import traceback
import uuid
from dataclasses import dataclass, field

import pytest
import socketio
import websocket
from sqlalchemy import select

from workshop.extensions import db
from workshop.models import ApiToken, Group, Question
from workshop.models.facilitator import hash_token

SERVER_EVENTS = ("note:added", "note:edited", "note:deleted", "workshop:status", "presence:changed")
WAIT = 5  # seconds: only ever reached when something is wrong
# A connect waits longer: the first connects to a fresh server process, on a CI machine busy with
# the other test worker's browser, were the first waits to run out (no speed is tested here).
CONNECT_WAIT = 15


def wait_until(condition, timeout=WAIT):
    """Poll for what a user would eventually see; False after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def thread_stacks() -> str:
    """Every thread's stack in this process (the live server's too), for a failure's report."""
    names = {thread.ident: thread.name for thread in threading.enumerate()}
    return "\n".join(
        f"--- thread {names.get(ident, ident)}\n{''.join(traceback.format_stack(frame))}"
        for ident, frame in sys._current_frames().items()
    )


def new_id() -> str:
    return str(uuid.uuid4())


class RecordingClient:
    """A python-socketio client that keeps every server → client event it receives, in order."""

    def __init__(self, url: str, auth=None, headers=None, transports=("websocket",)):
        self.url = url
        self.auth = auth
        self.headers = headers or {}
        self.transports = list(transports)
        self.sio = socketio.Client(reconnection=False)
        self.events: list[tuple[str, dict]] = []
        self.arrived = threading.Condition()
        self.disconnected = threading.Event()
        self.refusal = None  # the connect_error data: {"message", "data": {"code"}}
        for name in SERVER_EVENTS:
            self.sio.on(name, self._recorder(name))
        self.sio.on("disconnect", lambda *args: self.disconnected.set())
        self.sio.on("connect_error", self._refused)

    def _refused(self, data=None):
        self.refusal = data

    def _recorder(self, name):
        def record(data):
            with self.arrived:
                self.events.append((name, data))
                self.arrived.notify_all()

        return record

    def connect(self, catch_up: bool = True):
        """Connect; then catch up, as every client does (live changes start flowing then)."""
        self.sio.connect(
            self.url,
            auth=self.auth,
            headers=self.headers,
            transports=self.transports,
            wait_timeout=CONNECT_WAIT,
        )
        if catch_up:
            assert self.call("changes:since", {"seq": 0})["ok"]
        return self

    def call(self, event: str, payload=None):
        try:
            return self.sio.call(event, payload if payload is not None else {}, timeout=WAIT)
        except socketio.exceptions.TimeoutError as error:
            # The server runs in this process: where its threads wait says why no answer came.
            raise AssertionError(
                f"no answer to {event} within {WAIT} s\n{thread_stacks()}"
            ) from error

    def wait_for(self, name: str, matching=lambda data: True) -> dict:
        """The first event `name` whose data matches; fails after WAIT seconds."""
        with self.arrived:
            found = self.arrived.wait_for(lambda: self._find(name, matching), timeout=WAIT)
        assert found, f"no {name} event arrived; got {[n for n, _ in self.events]}"
        return found

    def _find(self, name, matching):
        for event_name, data in self.events:
            if event_name == name and matching(data):
                return data
        return None

    def received(self, name: str) -> list[dict]:
        with self.arrived:
            return [data for event_name, data in self.events if event_name == name]

    def notes_received(self) -> list[dict]:
        return [
            data
            for event_name, data in list(self.events)
            if event_name in ("note:added", "note:edited", "note:deleted")
        ]

    def close(self):
        close_client(self.sio)


def close_client(sio: socketio.Client) -> None:
    """Disconnect; the server is told at once (see shut_down). The client's read loop ends by
    itself: waiting for it could hold a test's teardown for 45 s (its read timeout)."""
    if sio.connected:
        sio.eio.disconnect(abort=True)


def quick_websocket_close(monkeypatch):
    """Close a client's WebSocket at once by shutting its socket down; its read loop then ends.

    websocket-client's own close waits up to 3 s for the server's close frame (which the client's
    read loop swallows), then closes the socket under that read loop: a read starting just then
    waits on a closed socket for its whole 45-second timeout, and the server, never told, keeps
    the connection as long. A shutdown wakes the read loop and tells the server at once; the file
    descriptor goes with the socket object.
    """
    monkeypatch.setattr(websocket.WebSocket, "close", shut_down)


def shut_down(ws: websocket.WebSocket, *args, **kwargs) -> None:
    ws.connected = False
    if ws.sock is not None:
        with contextlib.suppress(OSError):  # the server may have closed it already
            ws.sock.shutdown(socket.SHUT_RDWR)


@dataclass
class LiveWorkshop:
    """A live workshop with two groups, three questions and people to connect as."""

    app: object
    url: str
    workshop_id: int
    owner_id: int
    group_ids: list[int]
    question_ids: list[int]
    make_participant: object
    clients: list[RecordingClient] = field(default_factory=list)

    def participant(self, group_index=0, name="Ada") -> str:
        _participant_id, token = self.make_participant(self.workshop_id, group_index, name)
        return token

    def facilitator_token(self, facilitator_id: int | None = None) -> str:
        token = ApiToken.new_secret()
        with self.app.app_context():
            db.session.add(
                ApiToken(
                    facilitator_id=facilitator_id or self.owner_id,
                    name="test",
                    token_hash=hash_token(token),
                )
            )
            db.session.commit()
        return token

    def client(self, auth=None, headers=None, connect=True, catch_up=True) -> RecordingClient:
        client = RecordingClient(self.url, auth=auth, headers=headers)
        self.clients.append(client)
        return client.connect(catch_up) if connect else client

    def refusal(self, auth=None, headers=None) -> dict:
        """Try to connect; the refusal the server gave (fails if it accepted)."""
        client = self.client(auth, headers=headers, connect=False)
        with pytest.raises(socketio.exceptions.ConnectionError):
            client.connect(catch_up=False)
        return client.refusal

    def as_participant(self, group_index=0, name="Ada") -> RecordingClient:
        return self.client({"token": self.participant(group_index, name)})

    def as_facilitator(self, facilitator_id: int | None = None) -> RecordingClient:
        token = self.facilitator_token(facilitator_id)
        return self.client({"token": token, "workshop_id": self.workshop_id})

    def set(self, model, object_id, **values):
        with self.app.app_context():
            thing = db.session.get(model, object_id)
            for name, value in values.items():
                setattr(thing, name, value)
            db.session.commit()

    def close(self):
        for client in self.clients:
            client.close()


def ids_of(app, model, workshop_id):
    with app.app_context():
        return list(
            db.session.scalars(
                select(model.id).where(model.workshop_id == workshop_id).order_by(model.id)
            )
        )


@pytest.fixture
def live(app, live_server, make_workshop, make_facilitator, make_participant, monkeypatch):
    """Factory: a live workshop on the live server (keyword arguments go to make_workshop)."""
    quick_websocket_close(monkeypatch)
    made = []

    def make(**options):
        owner_id = options.pop("owner_id", None) or make_facilitator()
        options.setdefault("status", "live")
        workshop_id = make_workshop(owner_id=owner_id, **options)
        workshop = LiveWorkshop(
            app=app,
            url=live_server.url,
            workshop_id=workshop_id,
            owner_id=owner_id,
            group_ids=ids_of(app, Group, workshop_id),
            question_ids=ids_of(app, Question, workshop_id),
            make_participant=make_participant,
        )
        made.append(workshop)
        return workshop

    yield make
    for workshop in made:
        workshop.close()


def add_payload(question_id: int, text: str = "Work with universities", note_id=None) -> dict:
    return {"id": note_id or new_id(), "question_id": question_id, "text": text}
