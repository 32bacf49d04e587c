"""Redis, which joins two server processes, is stopped for 10 seconds in the middle of a stream of
notes and started again. Notes keep being stored and acknowledged meanwhile, but the broadcasts
between the processes are lost. Afterwards every connected client — python-socketio clients that
follow docs/realtime.md, and a facilitator's dashboard in Chromium — shows what the database
holds within 10 seconds of Redis returning, without a reload; and broadcasts flow again.
"""

import shutil
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest
import socketio
from flask_migrate import stamp
from playwright.sync_api import expect

from tests.catch_up_helpers import GapAwareClient
from tests.conftest import free_port, port_open, require
from tests.live_helpers import facilitator_email, log_in_in_browser
from tests.realtime_helpers import ids_of, quick_websocket_close
from tests.server_process import ServerProcess
from workshop.extensions import db
from workshop.models import ApiToken, Group, Note, Question
from workshop.models.facilitator import hash_token

OUTAGE_SECONDS = 10
CONVERGE_SECONDS = 10  # after Redis returns: the promise
WRITE_EVERY = 0.25  # seconds between one writer's notes


class RedisServer:
    """A redis-server of this test's own, on a free port, that can be stopped and started."""

    def __init__(self, log_path: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> "RedisServer":
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(
            command, stdout=self.log_path.open("a"), stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 10
        while not port_open("127.0.0.1", self.port):
            assert time.monotonic() < deadline, self.log_path.read_text()
            time.sleep(0.05)  # waiting for Redis to listen, not an assertion
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server(tmp_path):
    require(shutil.which("redis-server") is not None, "redis-server is not installed")
    server = RedisServer(tmp_path / "redis.log").start()
    yield server
    server.stop()


@pytest.fixture
def two_servers(app, database_url, tmp_path, redis_server, monkeypatch):
    """Two `workshop run` processes on one database, joined by the test's own Redis."""
    quick_websocket_close(monkeypatch)
    with app.app_context():
        stamp()  # the fixtures made the schema; `workshop run` has nothing to upgrade
    channel = f"workshop-test-{uuid.uuid4().hex}"
    servers = [
        ServerProcess(
            database_url,
            free_port(),
            tmp_path / f"server-{number}.log",
            REDIS_URL=redis_server.url,
            SOCKETIO_CHANNEL=channel,
            LIVE_HEARTBEAT_SECONDS="1",
        )
        for number in (1, 2)
    ]
    try:
        yield [server.start() for server in servers]
    finally:
        for server in servers:
            server.stop()


class Writer:
    """A participant's client that also writes a note every WRITE_EVERY seconds until stopped."""

    def __init__(self, client: GapAwareClient, question_id: int):
        self.client = client
        self.question_id = question_id
        self.acked: list[str] = []

    def write(self, stop: threading.Event) -> None:
        while not stop.is_set():
            self.write_one(f"Note {len(self.acked) + 1}")
            time.sleep(WRITE_EVERY)

    def write_one(self, text: str) -> str:
        note = {"id": str(uuid.uuid4()), "question_id": self.question_id, "text": text}
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # the same note until acknowledged: an outbox of one
            try:
                ack = self.client.sio.call("note:add", note, timeout=2)
            except (socketio.exceptions.TimeoutError, socketio.exceptions.BadNamespaceError):
                continue
            assert ack["ok"], ack
            self.acked.append(note["id"])
            return note["id"]
        raise AssertionError(f"{text!r} was never acknowledged")


def stored(app, workshop_id: int) -> dict[str, tuple[int, str, int]]:
    """{note id: (group id, text, question id)} as the database holds them."""
    with app.app_context():
        notes = db.session.scalars(db.select(Note).filter_by(workshop_id=workshop_id)).all()
        return {note.id: (note.group_id, note.text, note.question_id) for note in notes}


def expected_view(notes: dict, group_id: int | None) -> dict[str, str]:
    return {
        note_id: text
        for note_id, (note_group, text, _question) in notes.items()
        if group_id is None or note_group == group_id
    }


def facilitator_token(app, facilitator_id: int) -> str:
    secret = ApiToken.new_secret()
    with app.app_context():
        db.session.add(
            ApiToken(facilitator_id=facilitator_id, name="t", token_hash=hash_token(secret))
        )
        db.session.commit()
    return secret


@pytest.fixture
def browser_page(browser):
    """A page in a browser context of its own, closed at the end."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture
def reading():
    """GapAwareClients, each kept in step by a thread of its own until the test ends."""
    stop = threading.Event()
    clients: list[GapAwareClient] = []

    def connect(url: str, auth: dict) -> GapAwareClient:
        client = GapAwareClient(url, auth).connect()
        clients.append(client)
        threading.Thread(target=client.keep_in_step, args=(stop,), daemon=True).start()
        return client

    yield connect
    stop.set()
    for client in clients:
        client.close()


def test_every_view_equals_the_database_within_10_s_of_redis_returning(
    app,
    two_servers,
    redis_server,
    make_facilitator,
    make_workshop,
    make_participant,
    browser_page,
    reading,
):
    owner_id = make_facilitator()
    workshop_id = make_workshop(owner_id=owner_id, status="live", groups=2)
    question_id = ids_of(app, Question, workshop_id)[0]
    group_ids = ids_of(app, Group, workshop_id)
    first, second = two_servers

    def participant(server, group_index, name):
        _, token = make_participant(workshop_id, group_index, name)
        return reading(server.url, {"token": token})

    def facilitator(server):
        auth = {"token": facilitator_token(app, owner_id), "workshop_id": workshop_id}
        return reading(server.url, auth)

    # Writers on both processes, in both groups; readers of each kind on each process.
    writers = [
        Writer(participant(server, group_index, f"W{number}"), question_id)
        for number, (server, group_index) in enumerate(
            [(first, 0), (first, 1), (second, 0), (second, 1)]
        )
    ]
    readers = {
        participant(first, 0, "Reader 1"): group_ids[0],
        participant(second, 1, "Reader 2"): group_ids[1],
        facilitator(first): None,
        facilitator(second): None,
    }
    views = {writer.client: group_ids[index % 2] for index, writer in enumerate(writers)}
    views.update(readers)
    remote_facilitator = list(readers)[3]  # on the second process

    dashboard = browser_page
    log_in_in_browser(dashboard, second.url, facilitator_email(app, owner_id))
    dashboard.goto(f"{second.url}/workshops/{workshop_id}/live")
    expect(dashboard.locator("#connection-state")).to_have_text("Online")

    stop_writing = threading.Event()
    writing = [
        threading.Thread(target=writer.write, args=(stop_writing,), daemon=True)
        for writer in writers
    ]
    for thread in writing:
        thread.start()
    time.sleep(1)  # notes flow normally first
    redis_server.stop()
    time.sleep(OUTAGE_SECONDS)  # notes are still stored and acknowledged meanwhile
    redis_server.start()
    returned = time.monotonic()
    time.sleep(1)  # and a few more once it is back
    stop_writing.set()
    for thread in writing:
        thread.join(10)

    notes = stored(app, workshop_id)
    assert sorted(notes) == sorted(note for writer in writers for note in writer.acked)
    deadline = returned + CONVERGE_SECONDS

    def every_view_equals_the_database():
        return all(
            client.visible_notes() == expected_view(notes, group_id)
            for client, group_id in views.items()
        )

    assert wait_until(every_view_equals_the_database, deadline)
    for group_id in group_ids:
        count = sum(1 for group, _text, _q in notes.values() if group == group_id)
        cell = dashboard.locator(
            f'#matrix td.cell button[data-group-id="{group_id}"][data-question-id="{question_id}"]'
            " .cell-count"
        )
        expect(cell).to_have_text(str(count), timeout=max(1, deadline - time.monotonic()) * 1000)
    # The outage was real: broadcasts between the processes were lost, and recovered.
    heard = {change["seq"] for change in remote_facilitator.broadcasts}
    assert len(heard) < len(notes)

    # Publishing resumed by itself: a note written on the first process is broadcast to the second.
    note_id = writers[0].write_one("After the outage")
    assert wait_until(
        lambda: any(
            change["note"]["id"] == note_id for change in list(remote_facilitator.broadcasts)
        ),
        time.monotonic() + 5,
    )
    expect(dashboard.locator("#connection-state")).to_have_text("Online")


def wait_until(condition, deadline: float) -> bool:
    """Poll for what a client would eventually show; False once the deadline has passed."""
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()
