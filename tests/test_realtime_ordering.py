"""Many writers at once: every change is numbered once, gaplessly, and arrives in seq order."""

# ruff: noqa: F811  (the `live` and `two_servers` fixtures are imported, and named again as a
# test's argument)
import os
import threading
import time

import pytest

from tests.catch_up_helpers import GapAwareClient
from tests.realtime_helpers import (
    RecordingClient,
    add_payload,
    ids_of,
    live,  # noqa: F401
    quick_websocket_close,
)
from tests.test_scaling_redis import facilitator_token, two_servers  # noqa: F401
from workshop.extensions import db
from workshop.models import Change, Note, Question, Workshop

NOTES_EACH = 8


def run_all(functions):
    """Start every function in its own thread at the same moment; wait for all."""
    start = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def run(index, function):
        start.wait()
        results[index] = function()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_concurrent_writers_get_gapless_seqs_and_everyone_receives_them_in_order(live, app):
    workshop = live()
    fran = workshop.as_facilitator()
    writers = [workshop.as_participant(index % 2, f"P{index}") for index in range(6)]
    question = workshop.question_ids[0]

    def write_all(client):
        return lambda: [
            client.call("note:add", add_payload(question, f"{n} from {id(client)}"))
            for n in range(NOTES_EACH)
        ]

    acks = [ack for batch in run_all([write_all(client) for client in writers]) for ack in batch]

    total = len(writers) * NOTES_EACH
    assert all(ack["ok"] for ack in acks)
    assert sorted(ack["seq"] for ack in acks) == list(range(1, total + 1))
    last = max(ack["seq"] for ack in acks)
    fran.wait_for("note:added", lambda data: data["seq"] == last)
    assert [data["seq"] for data in fran.notes_received()] == list(range(1, total + 1))
    for client in writers:
        seqs = [data["seq"] for data in client.notes_received()]
        assert seqs == sorted(seqs)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Note.id))) == total


def test_same_note_sent_at_once_over_several_connections_is_stored_once(live, app):
    workshop = live()
    token = workshop.participant(0, "Ada")
    tabs = [workshop.client({"token": token}) for _ in range(5)]
    payload = add_payload(workshop.question_ids[0], "Sent from every tab at once")

    acks = run_all([lambda tab=tab: tab.call("note:add", payload) for tab in tabs])

    assert all(ack["ok"] for ack in acks)
    assert len({ack["seq"] for ack in acks}) == 1
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Change.id))) == 1
    later = tabs[0].call("note:add", add_payload(workshop.question_ids[0], "Later"))
    tabs[1].wait_for("note:added", lambda data: data["seq"] == later["seq"])
    assert [data["seq"] for data in tabs[1].notes_received()] == [acks[0]["seq"], later["seq"]]


# Two server processes share one PostgreSQL database: this test always runs on PostgreSQL,
# also when the rest of the suite runs on SQLite.
POSTGRES_URL = (
    os.environ.get("TEST_DATABASE_URL", "")
    if os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql")
    else "postgresql://postgres@127.0.0.1:5432/test"
)


@pytest.mark.parametrize("database_url", [POSTGRES_URL])
def test_writers_on_two_processes_share_one_gapless_feed_and_every_view_ends_equal(
    needs_postgres, database_url, app, two_servers, make_facilitator, make_workshop,
    make_participant, monkeypatch,
):  # fmt: skip
    """No lock is held across the publish: the workshop row numbers and orders the commits,
    and a client that sees changes out of order fills the gap (prev_seq, changes:since)."""
    quick_websocket_close(monkeypatch)
    owner_id = make_facilitator()
    workshop_id = make_workshop(owner_id=owner_id, status="live", groups=2)
    question_id = ids_of(app, Question, workshop_id)[0]
    writers = [
        RecordingClient(
            server.url, auth={"token": make_participant(workshop_id, n % 2, f"P{n}")[1]}
        )
        for n, server in enumerate(two_servers * 3)
    ]
    views = {}
    for server in two_servers:
        token = facilitator_token(app, owner_id)
        views[reading(server.url, {"token": token, "workshop_id": workshop_id})] = None
        token = make_participant(workshop_id, 0, "Reader")[1]
        views[reading(server.url, {"token": token})] = 0
    stop = threading.Event()
    for client in views:
        threading.Thread(target=client.keep_in_step, args=(stop,), daemon=True).start()
    try:
        for writer in writers:
            writer.connect()

        def write_all(client):
            return lambda: [
                client.call("note:add", add_payload(question_id, f"{n} from {id(client)}"))
                for n in range(NOTES_EACH)
            ]

        acks = [ack for batch in run_all([write_all(w) for w in writers]) for ack in batch]

        total = len(writers) * NOTES_EACH
        assert all(ack["ok"] for ack in acks), acks
        assert sorted(ack["seq"] for ack in acks) == list(range(1, total + 1))
        with app.app_context():
            seqs = db.session.scalars(
                db.select(Change.seq).filter_by(workshop_id=workshop_id).order_by(Change.seq)
            ).all()
            assert seqs == list(range(1, total + 1))  # one change per seq, no gap
            assert db.session.get(Workshop, workshop_id).last_seq == total
        notes = stored_notes(app, workshop_id)
        group_of = {0: notes[acks[0]["note"]["id"]][0]}

        def every_view_equals_the_database():
            return all(
                client.visible_notes() == expected_view(notes, group_of.get(group))
                for client, group in views.items()
            )

        assert wait_until(every_view_equals_the_database, time.monotonic() + 20)
    finally:
        stop.set()
        for client in [*writers, *views]:
            client.close()


def reading(url: str, auth: dict) -> GapAwareClient:
    return GapAwareClient(url, auth).connect()


def stored_notes(app, workshop_id: int) -> dict[str, tuple[int, str]]:
    """{note id: (group id, text)} as the database holds them."""
    with app.app_context():
        notes = db.session.scalars(db.select(Note).filter_by(workshop_id=workshop_id)).all()
        return {note.id: (note.group_id, note.text) for note in notes}


def expected_view(notes: dict, group_id: int | None) -> dict[str, str]:
    """What a reader should end with: every note (facilitators) or its group's."""
    return {
        note_id: text
        for note_id, (note_group, text) in notes.items()
        if group_id is None or note_group == group_id
    }


def wait_until(condition, deadline: float) -> bool:
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()
