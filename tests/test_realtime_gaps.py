"""A live client never silently misses a change: every broadcast says which change its audience
saw before it (prev_seq), and a heartbeat (seq:latest) tells each audience the latest it may see,
so a client that lost a broadcast — even the last one — notices and catches up."""

# ruff: noqa: F811  (the `live` fixture is imported, and named again as a test's argument)
import threading
import time

import pytest

from tests.catch_up_helpers import GapAwareClient
from tests.live_helpers import add_note as store_without_broadcast
from tests.realtime_helpers import WAIT, add_payload, live, wait_until  # noqa: F401
from workshop.models import Participant
from workshop.realtime.heartbeat import stop_heartbeat


@pytest.fixture
def keep_in_step():
    """Run GapAwareClients' catch-up loops until the test ends."""
    stop = threading.Event()
    threads = []

    def run(*clients):
        for client in clients:
            thread = threading.Thread(target=client.keep_in_step, args=(stop,), daemon=True)
            thread.start()
            threads.append(thread)
        return clients

    yield run
    stop.set()
    for thread in threads:
        thread.join(WAIT)


def test_each_broadcast_carries_the_seq_its_audience_saw_just_before(live):
    workshop = live()
    first_group = workshop.as_participant(0, "Ada")
    second_group = workshop.as_participant(1, "Bo")
    facilitator = workshop.as_facilitator()
    question = workshop.question_ids[0]

    ada_note = first_group.call("note:add", add_payload(question, "From group 1"))  # seq 1
    bo_note = second_group.call("note:add", add_payload(question, "From group 2"))  # seq 2
    again = first_group.call("note:add", add_payload(question, "Group 1 again"))  # seq 3
    closed = facilitator.call("workshop:status", {"status": "closed"})  # seq 4, workshop-wide
    assert [ada_note["seq"], bo_note["seq"], again["seq"], closed["seq"]] == [1, 2, 3, 4]

    def prev_seqs(client, event):
        client.wait_for(event, lambda data: data["seq"] == 4 or event != "workshop:status")
        return {data["seq"]: data["prev_seq"] for data in client.received(event)}

    facilitator.wait_for("note:added", lambda data: data["seq"] == 3)
    first_group.wait_for("note:added", lambda data: data["seq"] == 3)
    # Facilitators see every change: the previous one is always seq - 1.
    assert prev_seqs(facilitator, "note:added") == {1: 0, 2: 1, 3: 2}
    assert prev_seqs(facilitator, "workshop:status") == {4: 3}
    # A group sees its own changes and workshop-wide ones: the other group's seq 2 is no gap.
    assert prev_seqs(first_group, "note:added") == {1: 0, 3: 1}
    assert prev_seqs(first_group, "workshop:status") == {4: 3}
    assert prev_seqs(second_group, "note:added") == {2: 0}
    assert prev_seqs(second_group, "workshop:status") == {4: 2}


def test_participant_without_a_group_hears_workshop_wide_changes_in_step(live):
    workshop = live()
    participant_id, token = workshop.make_participant(workshop.workshop_id, 0, "Cy")
    workshop.set(Participant, participant_id, group_id=None)  # their group was deleted
    grouped = workshop.as_participant(0, "Ada")
    ungrouped = workshop.client({"token": token})
    grouped.call("note:add", add_payload(workshop.question_ids[0]))  # seq 1: not theirs
    facilitator = workshop.as_facilitator()

    facilitator.call("workshop:status", {"status": "closed"})

    status = ungrouped.wait_for("workshop:status")
    assert (status["seq"], status["prev_seq"], status["status"]) == (2, 0, "closed")
    assert len(grouped.received("workshop:status")) == 1  # one copy each, not two


def test_client_that_lost_a_broadcast_catches_up_at_the_next_one(live, keep_in_step):
    workshop = live()
    ada_id, ada_token = workshop.make_participant(workshop.workshop_id, 0, "Ada")
    _, bo_token = workshop.make_participant(workshop.workshop_id, 0, "Bo")
    bo = GapAwareClient(workshop.url, {"token": bo_token}).connect()
    keep_in_step(bo)
    ada = workshop.client({"token": ada_token})
    question = workshop.question_ids[0]

    lost = store_without_broadcast(
        workshop.app, workshop.workshop_id, ada_id, question, "Lost on the way"
    )
    later = ada.call("note:add", add_payload(question, "Sent after it"))

    assert wait_until(lambda: set(bo.visible_notes()) == {lost, later["note"]["id"]})
    bo.close()


def test_participant_who_missed_the_last_change_hears_of_it_from_the_heartbeat(live, keep_in_step):
    workshop = live()
    ada_id, ada_token = workshop.make_participant(workshop.workshop_id, 0, "Ada")
    bo = GapAwareClient(workshop.url, {"token": ada_token}).connect()
    other_group = GapAwareClient(workshop.url, {"token": workshop.participant(1, "Cy")}).connect()
    keep_in_step(bo, other_group)
    assert wait_until(lambda: bo.heartbeats and other_group.heartbeats)

    lost = store_without_broadcast(
        workshop.app,
        workshop.workshop_id,
        ada_id,
        workshop.question_ids[0],
        "The last note of the day",
    )

    # Nothing newer will come: the heartbeat alone tells Ada's group its latest seq is 1.
    assert wait_until(lambda: bo.visible_notes() == {lost: "The last note of the day"})
    assert wait_until(lambda: bo.heartbeats[-1] == {"seq": 1})
    # The other group may not see that note, and its heartbeat does not send it looking.
    assert other_group.heartbeats[-1] == {"seq": 0}
    assert other_group.visible_notes() == {}
    bo.close()
    other_group.close()


def test_the_heartbeat_does_not_repeat_what_a_room_has_been_sent(live, keep_in_step):
    workshop = live()
    ada = GapAwareClient(workshop.url, {"token": workshop.participant(0, "Ada")}).connect()
    keep_in_step(ada)
    assert wait_until(lambda: ada.heartbeats == [{"seq": 0}])  # told once, on its first beat
    writer = workshop.as_participant(0, "Bo")

    sent = writer.call("note:add", add_payload(workshop.question_ids[0], "Heard live"))

    assert wait_until(lambda: ada.visible_notes() == {sent["note"]["id"]: "Heard live"})
    time.sleep(2.5 * workshop.app.config["LIVE_HEARTBEAT_SECONDS"])
    # The room was sent seq 1 with the note itself: no beat repeats it, nor the seq 0 before.
    assert ada.heartbeats == [{"seq": 0}]
    ada.close()


def test_a_stopped_heartbeat_beats_no_more_and_does_not_start_again(live, keep_in_step):
    workshop = live()
    ada = GapAwareClient(workshop.url, {"token": workshop.participant(0, "Ada")}).connect()
    keep_in_step(ada)
    assert wait_until(lambda: ada.heartbeats)

    stop_heartbeat(workshop.app)  # as at shutdown: a beat under way ends first
    heard = len(ada.heartbeats)
    bo = GapAwareClient(workshop.url, {"token": workshop.participant(1, "Bo")}).connect()
    keep_in_step(bo)
    time.sleep(2.5 * workshop.app.config["LIVE_HEARTBEAT_SECONDS"])

    assert len(ada.heartbeats) == heard and bo.heartbeats == []
    ada.close()
    bo.close()
