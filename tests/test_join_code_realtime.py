"""A new join code over real Socket.IO clients: the facilitators and the room's screen receive it
live, with its seq, and find it in changes:since; participants, who are in already, never do —
and their feed has no gap where it was."""

from tests.plenary_helpers import display_link_token
from tests.realtime_helpers import live  # noqa: F401
from tests.workshops_helpers import bearer

JOIN_CODE_CHANGED = "join_code:changed"


def recording_join_codes(workshop, auth):
    """A connected client that records the join code's changes too."""
    client = workshop.client(auth, connect=False)
    client.sio.on(JOIN_CODE_CHANGED, client._recorder(JOIN_CODE_CHANGED))
    return client.connect()


def renew_over_api(workshop) -> dict:
    response = workshop.app.test_client().post(
        f"/api/v1/workshops/{workshop.workshop_id}/join-code",
        headers=bearer(workshop.facilitator_token()),
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def kinds_since(client, seq: int) -> list[tuple[int, str]]:
    answer = client.call("changes:since", {"seq": seq})
    assert answer["ok"], answer
    return [(change["seq"], change["kind"]) for change in answer["changes"]]


def test_the_projector_and_facilitators_see_a_new_join_code_live_and_participants_never(
    live,  # noqa: F811
):
    workshop = live()
    fran = recording_join_codes(
        workshop, {"token": workshop.facilitator_token(), "workshop_id": workshop.workshop_id}
    )
    screen = recording_join_codes(workshop, {"token": display_link_token(workshop)})
    ada = recording_join_codes(workshop, {"token": workshop.participant(0)})
    before = fran.call("changes:since", {"seq": 0})["last_seq"]

    renewed = renew_over_api(workshop)

    for client in (fran, screen):
        change = client.wait_for(JOIN_CODE_CHANGED)
        assert change["join_code"] == renewed["code"]
        assert change["seq"] == before + 1 and change["prev_seq"] == before
        assert (before + 1, JOIN_CODE_CHANGED) in kinds_since(client, before)
    # The next workshop-wide change reaches the participant right after the one before the code:
    # no gap to catch up on, and the code is not in their feed.
    assert fran.call("workshop:status", {"status": "closed"})["ok"]
    status = ada.wait_for("workshop:status")
    assert status["seq"] == before + 2 and status["prev_seq"] == before
    assert screen.wait_for("workshop:status")["prev_seq"] == before + 1
    assert ada.received(JOIN_CODE_CHANGED) == []
    assert kinds_since(ada, before) == [(before + 2, "workshop:status")]
