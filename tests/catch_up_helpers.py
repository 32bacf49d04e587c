"""A python-socketio client that follows docs/realtime.md's gap rule, for the gap tests.

A broadcast is "lost" in those tests by storing a note through the notes service without the
emitter (tests.live_helpers.add_note): committed and acknowledged, never broadcast.
"""

import threading
import time

import socketio

from tests.realtime_helpers import CONNECT_WAIT, close_client

BROADCASTS = ("note:added", "note:edited", "note:deleted", "workshop:status")


class GapAwareClient:
    """A python-socketio client keeping its view in step: the algorithm of docs/realtime.md.

    Broadcasts are applied in seq order when their prev_seq is not ahead of the cursor; otherwise
    they are held and the client catches up first. A seq:latest ahead of the cursor, and every
    (re)connect, start a catch-up too. Catch-ups run in the client's own thread (keep_in_step).
    """

    def __init__(self, url: str, auth: dict):
        self.url = url
        self.auth = auth
        self.view: dict[str, dict] = {}  # note id → the latest note seen (deleted ones too)
        self.last_seq = 0
        self.held: dict[int, dict] = {}
        self.lock = threading.Lock()
        self.needs_catch_up = threading.Event()
        self.heartbeats: list[dict] = []
        self.broadcasts: list[dict] = []
        self.sio = socketio.Client(reconnection_delay=0.1, reconnection_delay_max=0.5)
        self.sio.on("connect", self.needs_catch_up.set)
        self.sio.on("seq:latest", self.latest)
        for event in BROADCASTS:
            self.sio.on(event, self.arrived)

    def connect(self) -> "GapAwareClient":
        self.sio.connect(
            self.url, auth=self.auth, transports=["websocket"], wait_timeout=CONNECT_WAIT
        )
        return self

    def arrived(self, change: dict) -> None:
        with self.lock:
            self.broadcasts.append(change)
            self.held[change["seq"]] = change
            self.release_held()
            if self.held:
                self.needs_catch_up.set()

    def latest(self, message: dict) -> None:
        with self.lock:
            self.heartbeats.append(message)
            if message["seq"] > self.last_seq:
                self.needs_catch_up.set()

    def release_held(self) -> None:
        for seq in sorted(self.held):
            change = self.held[seq]
            if seq > self.last_seq and change["prev_seq"] > self.last_seq:
                return  # a gap before this one: wait for the catch-up
            del self.held[seq]
            if seq > self.last_seq:
                self.apply(change)

    def apply(self, change: dict) -> None:
        self.last_seq = max(self.last_seq, change["seq"])
        note = change.get("note")
        if note and (note["id"] not in self.view or self.view[note["id"]]["seq"] < note["seq"]):
            self.view[note["id"]] = note

    def catch_up(self) -> bool:
        try:
            while True:
                answer = self.sio.call("changes:since", {"seq": self.last_seq}, timeout=2)
                if not answer["ok"]:
                    return False
                with self.lock:
                    for change in answer["changes"]:
                        self.apply(change)
                    self.last_seq = max(self.last_seq, answer["last_seq"])
                    self.release_held()
                if not answer["more"]:
                    return True
        except (socketio.exceptions.TimeoutError, socketio.exceptions.BadNamespaceError):
            return False

    def keep_in_step(self, stop: threading.Event) -> None:
        """Run in a thread: catch up whenever a gap, a heartbeat or a (re)connect asks for it."""
        while not stop.is_set():
            if self.needs_catch_up.wait(timeout=0.1):
                self.needs_catch_up.clear()
                if not self.catch_up():
                    self.needs_catch_up.set()
                    time.sleep(0.1)

    def visible_notes(self) -> dict[str, str]:
        with self.lock:
            return {id_: note["text"] for id_, note in self.view.items() if not note["deleted"]}

    def close(self) -> None:
        close_client(self.sio)
