"""The server process is killed (SIGKILL) in the middle of a burst of notes and started again:
every note a client submitted is stored exactly once, and every client's view equals the database.

The clients here do what docs/realtime.md asks of a client: keep an outbox, resend anything not
acknowledged with the same id after reconnecting, and catch up from the last seq they saw.
"""

import threading
import time
import uuid
from collections import deque

import pytest
import socketio
from flask_migrate import stamp

import config
from tests.conftest import free_port
from tests.realtime_helpers import CONNECT_WAIT, close_client, quick_websocket_close
from tests.server_process import ServerProcess
from workshop import create_app
from workshop.extensions import db
from workshop.models import (
    ApiToken,
    Change,
    Facilitator,
    Group,
    Note,
    Participant,
    Question,
    Section,
    Workshop,
)
from workshop.models.facilitator import hash_token
from workshop.models.group import hash_participant_token

PARTICIPANTS_PER_GROUP = 3
GROUPS = 2
NOTES_EACH = 12
KILL_AFTER_ACKS = 20
RETRY_LATER = {"rate_limited", "server_error"}
DEADLINE = 60  # seconds for the whole exercise; reached only if something is broken


# --- A client that keeps its promises ---


class OutboxClient:
    """Sends its notes one by one, keeps each until acknowledged, resends after reconnecting."""

    def __init__(self, url: str, auth: dict, notes: list[dict], on_ack=None):
        self.url = url
        self.auth = auth
        self.outbox = deque(notes)
        self.submitted = [note["id"] for note in notes]
        self.on_ack = on_ack or (lambda: None)
        self.view: dict[str, dict] = {}  # note id → the latest note seen
        self.last_seq = 0
        self.lock = threading.Lock()
        self.reconnected = threading.Event()
        self.failures: list = []
        self.sio = socketio.Client(
            reconnection=True,
            reconnection_attempts=0,
            reconnection_delay=0.1,
            reconnection_delay_max=0.3,
            randomization_factor=0,
        )
        self.sio.on("connect", self.reconnected.set)
        for event in ("note:added", "note:edited", "note:deleted", "workshop:status"):
            self.sio.on(event, self.apply)

    def apply(self, change: dict):
        """A broadcast or a catch-up entry: it moves the cursor."""
        with self.lock:
            self.last_seq = max(self.last_seq, change["seq"])
            if change.get("note"):
                self.keep(change["note"])

    def keep(self, note: dict):
        if note["id"] not in self.view or self.view[note["id"]]["seq"] < note["seq"]:
            self.view[note["id"]] = note

    def connect(self):
        self.sio.connect(
            self.url, auth=self.auth, transports=["websocket"], wait_timeout=CONNECT_WAIT
        )

    def call(self, event: str, payload: dict):
        """The ack, or None if it did not come (the connection dropped): try again later."""
        if not self.sio.connected:
            self.reconnected.wait(timeout=1)
            return None
        try:
            # A short wait: an answer lost with the server is sent again (harmless: same id).
            return self.sio.call(event, payload, timeout=1)
        except (socketio.exceptions.TimeoutError, socketio.exceptions.BadNamespaceError):
            return None

    def catch_up(self) -> bool:
        while True:
            answer = self.call("changes:since", {"seq": self.last_seq})
            if answer is None or not answer["ok"]:
                return False
            for change in answer["changes"]:
                self.apply(change)
            with self.lock:
                self.last_seq = max(self.last_seq, answer["last_seq"])
            if not answer["more"]:
                return True

    def after_connect(self):
        """On every (re)connect: catch up first, then the outbox goes out again."""
        if self.reconnected.is_set():
            self.reconnected.clear()
            if not self.catch_up():
                self.reconnected.set()  # not caught up yet: again on the next round

    def run(self):
        deadline = time.monotonic() + DEADLINE
        while self.outbox and time.monotonic() < deadline:
            self.after_connect()
            ack = self.call("note:add", self.outbox[0])
            if ack is None:
                continue
            if ack["ok"]:
                with self.lock:
                    self.keep(ack["note"])  # an ack shows the note, but never moves the cursor
                self.outbox.popleft()
                self.on_ack()
            elif ack["error"]["code"] in RETRY_LATER:
                time.sleep(ack["error"].get("details", {}).get("retry_after_ms", 100) / 1000)
            else:
                self.failures.append(ack["error"])
                self.outbox.popleft()

    def watch(self, stop: threading.Event):
        """A client that only reads: keeps in step until told to stop."""
        while not stop.is_set():
            self.reconnected.wait(timeout=0.2)
            self.after_connect()

    def visible_notes(self) -> dict[str, str]:
        return {id_: note["text"] for id_, note in self.view.items() if not note["deleted"]}


# --- Test data, written by an app object on the same database ---


def prepare_database(database_url: str) -> dict:
    """Schema and people; returns the ids and tokens the clients need."""
    app = create_app(config.TestingConfig, {"SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        db.drop_all()
        db.create_all()
        # The models are the schema; tell Alembic so `workshop run` has nothing to upgrade.
        stamp()
        return create_people(), app


def create_people() -> dict:
    facilitator = Facilitator(email="fran@example.org", display_name="Fran", password_hash="x")
    db.session.add(facilitator)
    db.session.flush()
    workshop = Workshop(owner_id=facilitator.id, title="Fault test", status="live")
    db.session.add(workshop)
    db.session.flush()
    section = Section(workshop_id=workshop.id, heading="International work")
    db.session.add(section)
    db.session.flush()
    questions = [
        Question(workshop_id=workshop.id, section_id=section.id, position=i, text=f"Q{i}?")
        for i in range(2)
    ]
    groups = [
        Group(workshop_id=workshop.id, name=f"Group {i + 1}", position=i) for i in range(GROUPS)
    ]
    db.session.add_all([*questions, *groups])
    db.session.flush()
    participants = []
    for group in groups:
        for index in range(PARTICIPANTS_PER_GROUP):
            token = Participant.new_token()
            db.session.add(
                Participant(
                    workshop_id=workshop.id,
                    group_id=group.id,
                    display_name=f"P{group.id}-{index}",
                    token_hash=hash_participant_token(token),
                )
            )
            participants.append((token, group.id))
    # Connected before the kill, never again: presence must forget them.
    lurker = Participant.new_token()
    db.session.add(
        Participant(
            workshop_id=workshop.id,
            group_id=groups[0].id,
            display_name="Lurker",
            token_hash=hash_participant_token(lurker),
        )
    )
    api_token = ApiToken.new_secret()
    db.session.add(
        ApiToken(facilitator_id=facilitator.id, name="fault", token_hash=hash_token(api_token))
    )
    db.session.commit()
    return {
        "workshop_id": workshop.id,
        "question_ids": [question.id for question in questions],
        "participants": participants,
        "facilitator_token": api_token,
        "lurker_token": lurker,
    }


def notes_for(person: int, question_ids: list[int]) -> list[dict]:
    return [
        {
            "id": str(uuid.uuid4()),
            "question_id": question_ids[n % len(question_ids)],
            "text": f"Note {n} from person {person}",
        }
        for n in range(NOTES_EACH)
    ]


def stored(app, workshop_id: int) -> tuple[dict[str, tuple[int, str]], list[str]]:
    """{note id: (group id, text)} and the ids of every note:added change."""
    with app.app_context():
        notes = db.session.scalars(db.select(Note).filter_by(workshop_id=workshop_id)).all()
        added = db.session.scalars(
            db.select(Change.note_id).filter_by(workshop_id=workshop_id, kind="note:added")
        ).all()
        return {note.id: (note.group_id, note.text) for note in notes}, list(added)


def drop_everything(app):
    with app.app_context():
        db.session.remove()
        db.drop_all()
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        db.engine.dispose()


@pytest.fixture
def fault_setup(database_url, tmp_path, monkeypatch):
    quick_websocket_close(monkeypatch)
    people, app = prepare_database(database_url)
    server = ServerProcess(database_url, free_port(), tmp_path / "server.log")
    yield people, app, server
    server.stop()
    drop_everything(app)


def test_every_note_survives_a_server_killed_mid_burst_exactly_once(fault_setup):
    people, app, server = fault_setup
    server.start()
    acks = {"count": 0}
    enough_acks = threading.Event()
    counting = threading.Lock()

    def count_ack():
        with counting:
            acks["count"] += 1
            if acks["count"] >= KILL_AFTER_ACKS:
                enough_acks.set()

    writers = [
        OutboxClient(
            server.url, {"token": token}, notes_for(person, people["question_ids"]), count_ack
        )
        for person, (token, _group_id) in enumerate(people["participants"])
    ]
    watcher = OutboxClient(
        server.url,
        {"token": people["facilitator_token"], "workshop_id": people["workshop_id"]},
        [],
    )
    lurker = OutboxClient(server.url, {"token": people["lurker_token"]}, [])
    lurker.sio.reconnection = False
    for client in [*writers, watcher, lurker]:
        client.connect()
    stop_watching = threading.Event()
    threads = [threading.Thread(target=client.run, daemon=True) for client in writers]
    watching = threading.Thread(target=watcher.watch, args=(stop_watching,), daemon=True)
    for thread in [*threads, watching]:
        thread.start()

    assert enough_acks.wait(DEADLINE)
    server.kill()
    acked_when_killed = acks["count"]
    server.start()  # the same port, the same database
    for thread in threads:
        thread.join(DEADLINE)
    stop_watching.set()
    watching.join(DEADLINE)

    total = len(writers) * NOTES_EACH
    assert acked_when_killed < total, "the burst was over before the kill: nothing was tested"
    assert all(not thread.is_alive() for thread in threads)
    assert [client.failures for client in writers] == [[] for _ in writers]
    notes, added = stored(app, people["workshop_id"])
    submitted = [note_id for client in writers for note_id in client.submitted]
    assert sorted(notes) == sorted(submitted)  # every note, and nothing else
    assert sorted(added) == sorted(submitted)  # each added exactly once
    for client in [*writers, watcher]:
        assert client.catch_up()  # the changes since each one's cursor: it converges
        group_id = client_group(client, people)
        expected = {
            note_id: text
            for note_id, (note_group, text) in notes.items()
            if group_id is None or note_group == group_id
        }
        assert client.visible_notes() == expected
    # Presence forgot the sockets that died with the first server process.
    online = watcher.call("presence:get", {})["online"]
    assert sorted(online.values()) == [PARTICIPANTS_PER_GROUP] * GROUPS
    for client in [*writers, watcher]:
        close_client(client.sio)


def client_group(client: OutboxClient, people: dict) -> int | None:
    for token, group_id in people["participants"]:
        if client.auth.get("token") == token:
            return group_id
    return None  # the facilitator sees every group
