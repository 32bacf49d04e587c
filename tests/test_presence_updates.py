"""presence:changed is coalesced: a join burst sends a few updates with the counts of then."""

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import requests

from tests.realtime_helpers import RecordingClient, live  # noqa: F401

JOINING = 12


def test_a_join_burst_sends_a_few_presence_updates_not_one_per_connect(live):  # noqa: F811
    workshop = live()
    fran = workshop.as_facilitator()
    ada = workshop.as_participant(0, "Ada")
    group = str(workshop.group_ids[0])
    fran.wait_for("presence:changed", lambda data: data["online"].get(group) == 1)
    tokens = [workshop.participant(0, f"P{index}") for index in range(JOINING)]
    joined = [RecordingClient(workshop.url, {"token": token}) for token in tokens]
    workshop.clients.extend(joined)

    with ThreadPoolExecutor(max_workers=JOINING) as pool:
        list(pool.map(lambda client: client.connect(catch_up=False), joined))

    everyone = JOINING + 1
    fran.wait_for("presence:changed", lambda data: data["online"].get(group) == everyone)
    ada.wait_for("presence:changed", lambda data: data["online"] == {group: everyone})
    # At most one update a second per workshop: the burst is a couple of them, each with the
    # counts of the moment it was sent (never one per connect).
    burst_updates = fran.received("presence:changed")[1:]
    assert len(burst_updates) < JOINING / 2
    assert [update["online"][group] for update in burst_updates] == sorted(
        update["online"][group] for update in burst_updates
    )
    assert fran.call("presence:get")["online"][group] == everyone


def test_leaving_and_joining_within_a_second_sends_the_counts_of_then(live):  # noqa: F811
    workshop = live()
    fran = workshop.as_facilitator()
    group, other_group = (str(group_id) for group_id in workshop.group_ids[:2])
    bo = workshop.as_participant(0, "Bo")
    fran.wait_for("presence:changed", lambda data: data["online"].get(group) == 1)

    bo.close()
    workshop.as_participant(1, "Cy")

    # One update may tell both: the counts as they are when it is sent, every group named.
    latest = fran.wait_for(
        "presence:changed",
        lambda data: data["online"].get(other_group) == 1 and data["online"].get(group) == 0,
    )
    assert latest["facilitators"] == 1


def test_a_participant_who_leaves_is_offline_and_last_seen_when_they_left(live):  # noqa: F811
    workshop = live()
    fran = workshop.as_facilitator()
    group = str(workshop.group_ids[0])
    bo = workshop.as_participant(0, "Bo")
    fran.wait_for("presence:changed", lambda data: data["online"].get(group) == 1)
    headers = {"Authorization": f"Bearer {workshop.facilitator_token()}"}
    roster_url = f"{workshop.url}/api/v1/workshops/{workshop.workshop_id}/participants"

    def bo_in_roster() -> dict:
        groups = requests.get(roster_url, headers=headers, timeout=5).json()["groups"]
        return next(p for g in groups for p in g["participants"] if p["display_name"] == "Bo")

    connected = bo_in_roster()
    assert connected["online"] is True
    time.sleep(0.05)  # so that leaving is seen at a later time than connecting
    bo.close()

    fran.wait_for("presence:changed", lambda data: data["online"].get(group) == 0)
    left = bo_in_roster()
    assert left["online"] is False
    seen = [datetime.fromisoformat(bo["last_seen_at"]) for bo in (connected, left)]
    assert seen[1] > seen[0]
    assert fran.call("presence:get")["online"][group] == 0
