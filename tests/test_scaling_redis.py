"""Several server processes joined by Redis (the production shape): a note written on one process
reaches the group's peers and the facilitator connected to another."""

import uuid

import pytest
from flask_migrate import stamp

from tests.conftest import free_port
from tests.realtime_helpers import (
    RecordingClient,
    add_payload,
    ids_of,
    new_id,
    quick_websocket_close,
)
from tests.server_process import ServerProcess
from workshop.extensions import db
from workshop.models import ApiToken, Question
from workshop.models.facilitator import hash_token

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def two_servers(app, database_url, tmp_path, needs_redis):
    """Two `workshop run` processes on one database, joined by a Redis channel of their own."""
    with app.app_context():
        stamp()  # the fixtures made the schema; `workshop run` has nothing to upgrade
    channel = f"workshop-test-{uuid.uuid4().hex}"
    servers = [
        ServerProcess(
            database_url,
            free_port(),
            tmp_path / f"server-{number}.log",
            REDIS_URL=REDIS_URL,
            SOCKETIO_CHANNEL=channel,
        )
        for number in (1, 2)
    ]
    try:
        yield [server.start() for server in servers]
    finally:
        for server in servers:
            server.stop()


def facilitator_token(app, facilitator_id: int) -> str:
    secret = ApiToken.new_secret()
    with app.app_context():
        db.session.add(
            ApiToken(facilitator_id=facilitator_id, name="test", token_hash=hash_token(secret))
        )
        db.session.commit()
    return secret


def live_workshop(app, make_facilitator, make_workshop, groups: int) -> tuple[int, int, int]:
    """A live workshop of its own facilitator: (facilitator id, workshop id, first question)."""
    owner_id = make_facilitator()
    workshop_id = make_workshop(owner_id=owner_id, status="live", groups=groups)
    return owner_id, workshop_id, ids_of(app, Question, workshop_id)[0]


def test_note_written_on_one_process_reaches_peer_and_facilitator_on_another(
    app, two_servers, make_facilitator, make_workshop, make_participant, monkeypatch
):
    quick_websocket_close(monkeypatch)
    owner_id, workshop_id, question_id = live_workshop(app, make_facilitator, make_workshop, 2)
    _, ada = make_participant(workshop_id, 0, "Ada")
    _, bo = make_participant(workshop_id, 0, "Bo")
    _, other_group = make_participant(workshop_id, 1, "Cy")
    first, second = two_servers
    clients = [
        RecordingClient(first.url, auth={"token": ada}).connect(),
        RecordingClient(second.url, auth={"token": bo}).connect(),
        RecordingClient(
            second.url, auth={"token": facilitator_token(app, owner_id), "workshop_id": workshop_id}
        ).connect(),
        RecordingClient(second.url, auth={"token": other_group}).connect(),
    ]
    writer, peer, facilitator, outsider = clients
    try:
        ack = writer.call("note:add", add_payload(question_id, "Heard across processes: æøå"))
        assert ack["ok"], ack

        def same_note(data):
            return data["note"]["id"] == ack["note"]["id"]

        for reader in (peer, facilitator):
            received = reader.wait_for("note:added", same_note)
            assert received["seq"] == ack["seq"]
            assert received["note"]["text"] == "Heard across processes: æøå"
        # The other group's member is connected to the same process as the peer: a later note
        # of their own arrives, and the first group's note never did.
        own = outsider.call("note:add", add_payload(question_id, "Our own point"))
        outsider.wait_for("note:added", lambda data: data["note"]["id"] == own["note"]["id"])
        assert [data["note"]["id"] for data in outsider.notes_received()] == [own["note"]["id"]]
    finally:
        for client in clients:
            client.close()


def test_a_participants_dots_reach_their_other_device_on_another_process(
    app, two_servers, make_facilitator, make_workshop, make_participant, monkeypatch
):
    """A participant's laptop and phone on two processes: a dot placed on one is shown on the
    other (vote:mine, to the participant's own sockets only), and nobody else hears of it."""
    quick_websocket_close(monkeypatch)
    owner_id, workshop_id, question_id = live_workshop(app, make_facilitator, make_workshop, 1)
    _, ada = make_participant(workshop_id, 0, "Ada")
    _, bo = make_participant(workshop_id, 0, "Bo")
    first, second = two_servers
    facilitator_auth = {"token": facilitator_token(app, owner_id), "workshop_id": workshop_id}
    devices = [
        recording_vote_mine(first.url, {"token": ada}),
        recording_vote_mine(second.url, {"token": ada}),
        recording_vote_mine(second.url, {"token": bo}),
        recording_vote_mine(second.url, facilitator_auth),
    ]
    laptop, phone, neighbour, facilitator = devices
    try:
        assert neighbour.call("note:add", add_payload(question_id, "A point to vote on"))["ok"]
        opened = facilitator.call(
            "vote:open", {"source": "raw", "scope": "question", "target_id": question_id}
        )
        assert opened["ok"], opened
        point_id = opened["change"]["vote"]["points"][0]["id"]
        placed = laptop.call("dot:place", {"id": new_id(), "point_id": point_id})
        assert placed["ok"], placed
        mine = phone.wait_for("vote:mine")
        assert (mine["seq"], mine["mine"]) == (placed["seq"], placed["mine"])
        # The phone's answer reaches the laptop back across the processes.
        taken = phone.call("dot:remove", {"id": placed["dot"]["id"]})
        assert taken["ok"], taken
        back = laptop.wait_for("vote:mine")
        assert (back["seq"], back["mine"]) == (taken["seq"], {"dots": [], "left": 5})
        assert len(laptop.received("vote:mine")) == len(phone.received("vote:mine")) == 1
        for other in (neighbour, facilitator):
            assert other.received("vote:mine") == []
    finally:
        for device in devices:
            device.close()


def recording_vote_mine(url: str, auth: dict) -> RecordingClient:
    client = RecordingClient(url, auth=auth)
    client.sio.on("vote:mine", client._recorder("vote:mine"))
    return client.connect()
