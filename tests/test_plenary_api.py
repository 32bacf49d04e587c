"""The plenary over the JSON API: share and withdraw, a vote's life, a participant's dots
(idempotent, refused with the reason), and who may do what."""

import uuid

import pytest

from tests.live_helpers import add_note, question_ids
from tests.workshops_helpers import api_url as url
from tests.workshops_helpers import bearer
from workshop.extensions import db
from workshop.models import Dot, Share, Vote, VotePoint


@pytest.fixture
def workshop_id(owner, make_workshop):
    return make_workshop(owner_id=owner, status="live")


def test_a_participant_reads_what_is_shared_and_nothing_once_it_is_withdrawn(
    app, client, workshop_id, auth, make_participant
):
    writer, _ = make_participant(workshop_id, 1, "Bo")
    question = question_ids(app, workshop_id)[0]
    add_note(app, workshop_id, writer, question, "Keep independence")
    _, token = make_participant(workshop_id, 0, "Ada")

    assert client.get("/api/v1/participant/share", headers=bearer(token)).json["share"] is None
    put = client.put(
        url(workshop_id, "share"), json={"source": "raw", "scope": "all"}, headers=auth
    )
    assert put.status_code == 200 and put.json["change"]["kind"] == "share:changed"
    shared = client.get("/api/v1/participant/share", headers=bearer(token)).json["share"]
    assert [p["text"] for p in shared["points"]] == ["Keep independence"]

    assert client.delete(url(workshop_id, "share"), headers=auth).status_code == 200
    assert client.get("/api/v1/participant/share", headers=bearer(token)).json["share"] is None
    again = client.delete(url(workshop_id, "share"), headers=auth)
    assert again.status_code == 409 and again.json["error"]["code"] == "nothing_shared"


def test_a_vote_through_the_api_counts_a_repeated_dot_once(
    app, client, workshop_id, auth, make_participant
):
    writer, _ = make_participant(workshop_id, 1, "Bo")
    question = question_ids(app, workshop_id)[0]
    add_note(app, workshop_id, writer, question, "First")
    add_note(app, workshop_id, writer, question, "Second")
    _, token = make_participant(workshop_id, 0, "Ada")
    opened = client.post(
        url(workshop_id, "vote"),
        json={"source": "raw", "scope": "question", "target_id": question, "max_per_point": 1},
        headers=auth,
    )
    assert opened.status_code == 200, opened.json
    points = [point["id"] for point in opened.json["change"]["vote"]["points"]]

    dot = {"id": str(uuid.uuid4()), "point_id": points[0]}
    first = client.post("/api/v1/participant/dots", json=dot, headers=bearer(token))
    repeat = client.post("/api/v1/participant/dots", json=dot, headers=bearer(token))
    assert first.status_code == repeat.status_code == 200
    assert repeat.json["seq"] == first.json["seq"] and first.json["mine"]["left"] == 4
    capped = client.post(
        "/api/v1/participant/dots",
        json={"id": str(uuid.uuid4()), "point_id": points[0]},
        headers=bearer(token),
    )
    assert capped.status_code == 409 and capped.json["error"]["code"] == "vote_over_cap"
    assert "1" in capped.json["error"]["message"]

    vote = client.get(url(workshop_id, "vote"), headers=auth).json["vote"]
    assert vote["results"][0] == {"point_id": points[0], "dots": 1, "voters": 1, "rank": 1}
    hidden = client.get("/api/v1/participant/vote", headers=bearer(token)).json["vote"]
    assert "results" not in hidden and hidden["mine"]["left"] == 4

    assert client.post(url(workshop_id, "vote/close"), headers=auth).status_code == 200
    closed = client.post(
        "/api/v1/participant/dots",
        json={"id": str(uuid.uuid4()), "point_id": points[1]},
        headers=bearer(token),
    )
    assert closed.status_code == 409 and closed.json["error"]["code"] == "vote_closed"
    taken_back = client.delete(f"/api/v1/participant/dots/{dot['id']}", headers=bearer(token))
    assert taken_back.json["error"]["code"] == "vote_closed"
    assert client.post(url(workshop_id, "vote/reveal"), headers=auth).status_code == 200
    revealed = client.get("/api/v1/participant/vote", headers=bearer(token)).json["vote"]
    assert revealed["status"] == "revealed" and revealed["results"][0]["dots"] == 1
    reopened = client.post(url(workshop_id, "vote/reopen"), headers=auth)
    assert reopened.json["change"]["vote"]["status"] == "open"


def test_vote_settings_are_checked(app, client, workshop_id, auth):
    bad = client.post(
        url(workshop_id, "vote"),
        json={"source": "raw", "scope": "all", "dots_per_participant": 99},
        headers=auth,
    )
    assert (
        bad.status_code == 400 and "dots_per_participant" in bad.json["error"]["details"]["fields"]
    )
    over = client.post(
        url(workshop_id, "vote"),
        json={"source": "raw", "scope": "all", "dots_per_participant": 2, "max_per_point": 3},
        headers=auth,
    )
    assert over.status_code == 400
    empty = client.post(
        url(workshop_id, "vote"), json={"source": "raw", "scope": "all"}, headers=auth
    )
    assert empty.status_code == 409 and empty.json["error"]["code"] == "vote_no_points"


def test_deleting_a_workshop_deletes_its_votes_shares_and_dots(
    app, client, workshop_id, auth, make_participant
):
    writer, token = make_participant(workshop_id, 1, "Bo")
    question = question_ids(app, workshop_id)[0]
    add_note(app, workshop_id, writer, question, "A point")
    client.put(url(workshop_id, "share"), json={"source": "curated", "scope": "all"}, headers=auth)
    opened = client.post(
        url(workshop_id, "vote"), json={"source": "curated", "scope": "all"}, headers=auth
    )
    point = opened.json["change"]["vote"]["points"][0]["id"]
    dot = {"id": str(uuid.uuid4()), "point_id": point}
    assert (
        client.post("/api/v1/participant/dots", json=dot, headers=bearer(token)).status_code == 200
    )
    assert client.delete(f"/api/v1/workshops/{workshop_id}", headers=auth).status_code == 204
    with app.app_context():
        for model in (Dot, Share, Vote, VotePoint):
            assert db.session.scalar(db.select(db.func.count()).select_from(model)) == 0


def test_a_dot_id_that_is_no_client_id_is_refused(workshop_id, client, make_participant):
    _, token = make_participant(workshop_id, 0, "Ada")
    too_long = client.delete("/api/v1/participant/dots/" + "x" * 80, headers=bearer(token))
    assert too_long.status_code == 400 and too_long.json["error"]["code"] == "invalid_input"
    unknown = client.delete(f"/api/v1/participant/dots/{uuid.uuid4()}", headers=bearer(token))
    assert unknown.status_code == 404 and unknown.json["error"]["code"] == "dot_not_found"
