"""Helpers for the plenary's tests: clients that record the plenary's changes too."""

import pytest

from tests.realtime_helpers import RecordingClient, new_id
from tests.room_helpers import ROOM_CHANGES

PLENARY_CHANGES = (
    "share:changed",
    "share:point",
    "vote:changed",
    "dots:changed",
    "dots:counted",
    "vote:dot",
    "annex:published",
    "vote:mine",  # not a change of the feed: a participant's own dots, to their other devices
)


def plenary_client(workshop, auth, catch_up: bool = True) -> RecordingClient:
    """A connected client of a LiveWorkshop that records room and plenary changes."""
    client = workshop.client(auth, connect=False)
    for name in (*ROOM_CHANGES, *PLENARY_CHANGES):
        client.sio.on(name, client._recorder(name))
    return client.connect(catch_up)


def facilitator(workshop) -> RecordingClient:
    auth = {"token": workshop.facilitator_token(), "workshop_id": workshop.workshop_id}
    return plenary_client(workshop, auth)


def participant(workshop, group_index=0, name="Ada") -> RecordingClient:
    return plenary_client(workshop, {"token": workshop.participant(group_index, name)})


def ok(client, event, payload=None) -> dict:
    answer = client.call(event, payload if payload is not None else {})
    assert answer["ok"], answer
    return answer


def refused(client, event, payload=None) -> dict:
    answer = client.call(event, payload if payload is not None else {})
    assert answer["ok"] is False, answer
    return answer["error"]


def write_note(client, question_id: int, text: str) -> str:
    note_id = new_id()
    ok(client, "note:add", {"id": note_id, "question_id": question_id, "text": text})
    return note_id


def open_raw_vote(facilitator_client, question_id: int, **settings) -> dict:
    payload = {"source": "raw", "scope": "question", "target_id": question_id, **settings}
    return ok(facilitator_client, "vote:open", payload)["change"]["vote"]


def place(client, point_id: int, dot_id: str | None = None) -> dict:
    return client.call("dot:place", {"id": dot_id or new_id(), "point_id": point_id})


def display_link_token(workshop) -> str:
    """A display link's token, made through the API as a facilitator would."""
    response = workshop.app.test_client().post(
        f"/api/v1/workshops/{workshop.workshop_id}/display-links",
        json={"name": "Room PC"},
        headers={"Authorization": f"Bearer {workshop.facilitator_token()}"},
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()["token"]


@pytest.fixture(name="room")
def room_fixture(live):
    """A live workshop (three questions, two groups) with its facilitator connected."""
    workshop = live()
    workshop.facilitator = facilitator(workshop)
    return workshop
