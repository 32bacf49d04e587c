"""Many writers at once: every change is numbered once, gaplessly, and arrives in seq order."""

# ruff: noqa: F811  (the `live` fixture is imported, and named again as a test's argument)
import os
import threading

import pytest

from tests.realtime_helpers import add_payload, live  # noqa: F401
from workshop.extensions import db
from workshop.models import Change, Note
from workshop.services import live as live_writes

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


# The lock across processes is PostgreSQL's advisory lock: this test always runs on PostgreSQL,
# also when the rest of the suite runs on SQLite.
POSTGRES_URL = (
    os.environ.get("TEST_DATABASE_URL", "")
    if os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql")
    else "postgresql://postgres@127.0.0.1:5432/test"
)


@pytest.mark.parametrize("database_url", [POSTGRES_URL])
def test_writers_in_different_processes_take_turns_on_postgresql(
    needs_postgres, database_url, app, make_workshop
):
    workshop_id = make_workshop(status="live")
    app.config["SOCKETIO_MESSAGE_QUEUE"] = "redis://127.0.0.1:6379/0"  # "several processes"
    inside = threading.Event()
    release = threading.Event()
    order = []

    def first():
        with app.app_context(), live_writes.across_processes(workshop_id):
            order.append("first in")
            inside.set()
            release.wait(10)
            order.append("first out")

    def second():
        inside.wait(10)
        # Each holds its own database connection, as two server processes would.
        with app.app_context(), live_writes.across_processes(workshop_id):
            order.append("second in")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    inside.wait(10)
    # The second writer is now waiting for the lock: it must not get in before the first leaves.
    release_after_second_is_waiting(app, release)
    for thread in threads:
        thread.join(10)
    assert order == ["first in", "first out", "second in"]


def release_after_second_is_waiting(app, release):
    """Wait until PostgreSQL shows a backend waiting for an advisory lock, then release."""
    with app.app_context():
        for _attempt in range(200):
            waiting = db.session.scalar(
                db.text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                    " AND database = (SELECT oid FROM pg_database"
                    " WHERE datname = current_database())"
                )
            )
            db.session.rollback()
            if waiting:
                break
            threading.Event().wait(0.05)
    release.set()
