"""Several server processes joined by Redis (the production shape): a note written on one process
reaches the group's peers and the facilitator connected to another."""

import uuid

import pytest
from flask_migrate import stamp

from tests.conftest import free_port
from tests.realtime_helpers import RecordingClient, add_payload, ids_of, quick_websocket_close
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


def test_note_written_on_one_process_reaches_peer_and_facilitator_on_another(
    app, two_servers, make_facilitator, make_workshop, make_participant, monkeypatch
):
    quick_websocket_close(monkeypatch)
    owner_id = make_facilitator()
    workshop_id = make_workshop(owner_id=owner_id, status="live", groups=2)
    question_id = ids_of(app, Question, workshop_id)[0]
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
