"""The notes over HTTP: the same change feed, the same idempotent writes, broadcast to sockets."""

# ruff: noqa: F811  (the `live` fixture is imported, and named again as a test's argument)
from tests.realtime_helpers import add_payload, live, new_id  # noqa: F401


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_note_posted_over_http_twice_is_stored_once_and_reaches_the_group_live(live, client):
    workshop = live()
    bo = workshop.as_participant(0, "Bo")
    ada = bearer(workshop.participant(0, "Ada"))
    payload = add_payload(workshop.question_ids[0], "Sent over HTTP")

    first = client.post("/api/v1/participant/notes", json=payload, headers=ada)
    again = client.post("/api/v1/participant/notes", json=payload, headers=ada)

    assert first.status_code == 201 and again.status_code == 200
    assert first.get_json()["seq"] == again.get_json()["seq"]
    assert first.get_json()["note"]["is_own"] is True
    assert bo.wait_for("note:added")["note"]["text"] == "Sent over HTTP"
    notes = client.get("/api/v1/participant/notes", headers=ada).get_json()["notes"]
    assert [note["id"] for note in notes] == [payload["id"]]
    # Only one broadcast: a later note is the next one Bo receives.
    later = client.post(
        "/api/v1/participant/notes", json=add_payload(workshop.question_ids[0]), headers=ada
    )
    bo.wait_for("note:added", lambda data: data["seq"] == later.get_json()["seq"])
    assert len(bo.received("note:added")) == 2


def test_an_id_in_upper_case_is_refused_so_one_id_cannot_make_two_notes(live, client):
    workshop = live()
    ada = bearer(workshop.participant(0, "Ada"))
    payload = add_payload(workshop.question_ids[0], "Written once")
    shouted = client.post(
        "/api/v1/participant/notes", json=payload | {"id": payload["id"].upper()}, headers=ada
    )
    assert shouted.status_code == 400
    assert "lower case" in shouted.get_json()["error"]["details"]["fields"]["id"][0]
    assert client.post("/api/v1/participant/notes", json=payload, headers=ada).status_code == 201
    notes = client.get("/api/v1/participant/notes", headers=ada).get_json()["notes"]
    assert [note["text"] for note in notes] == ["Written once"]


def test_participant_reads_the_change_feed_of_their_group_only(live, client):
    workshop = live()
    ada = bearer(workshop.participant(0, "Ada"))
    cy = bearer(workshop.participant(1, "Cy"))
    question = workshop.question_ids[0]
    mine = client.post("/api/v1/participant/notes", json=add_payload(question), headers=ada)
    client.post("/api/v1/participant/notes", json=add_payload(question), headers=cy)

    feed = client.get("/api/v1/participant/changes?since=0", headers=ada).get_json()

    assert [change["note"]["id"] for change in feed["changes"]] == [mine.get_json()["note"]["id"]]
    assert feed["last_seq"] == 2 and feed["more"] is False
    assert (
        client.get("/api/v1/participant/changes?since=2", headers=ada).get_json()["changes"] == []
    )


def test_facilitator_reads_every_groups_changes_notes_and_counts(live, client):
    workshop = live()
    token = bearer(workshop.facilitator_token())
    question = workshop.question_ids[1]
    for group_index, name in ((0, "Ada"), (1, "Cy"), (1, "Di")):
        client.post(
            "/api/v1/participant/notes",
            json=add_payload(question, f"From {name}"),
            headers=bearer(workshop.participant(group_index, name)),
        )
    base = f"/api/v1/workshops/{workshop.workshop_id}"

    feed = client.get(f"{base}/changes?since=1", headers=token).get_json()
    second_group = client.get(
        f"{base}/notes?group_id={workshop.group_ids[1]}", headers=token
    ).get_json()
    counts = client.get(f"{base}/note-counts", headers=token).get_json()

    assert [change["seq"] for change in feed["changes"]] == [2, 3]
    assert [note["text"] for note in second_group["notes"]] == ["From Cy", "From Di"]
    assert sorted((c["group_id"], c["count"]) for c in counts["counts"]) == [
        (workshop.group_ids[0], 1),
        (workshop.group_ids[1], 2),
    ]


def test_facilitator_adds_edits_and_deletes_over_http(live, client):
    workshop = live()
    token = bearer(workshop.facilitator_token())
    base = f"/api/v1/workshops/{workshop.workshop_id}/notes"
    payload = {
        **add_payload(workshop.question_ids[0], "Dictated"),
        "group_id": workshop.group_ids[1],
    }

    added = client.post(base, json=payload, headers=token)
    edited = client.patch(
        f"{base}/{payload['id']}",
        json={"op_id": new_id(), "base_revision": 1, "text": "Dictated, tidied"},
        headers=token,
    )
    deleted = client.delete(f"{base}/{payload['id']}?op_id={new_id()}", headers=token)

    assert added.status_code == 201
    assert edited.get_json()["note"]["text"] == "Dictated, tidied"
    assert deleted.get_json()["note"]["deleted"] is True
    assert client.get(base, headers=token).get_json()["notes"] == []


def test_stale_edit_over_http_is_a_conflict_with_the_current_text(live, client):
    workshop = live()
    ada = bearer(workshop.participant(0, "Ada"))
    payload = add_payload(workshop.question_ids[0], "First")
    client.post("/api/v1/participant/notes", json=payload, headers=ada)
    url = f"/api/v1/participant/notes/{payload['id']}"
    client.patch(url, json={"op_id": new_id(), "base_revision": 1, "text": "Second"}, headers=ada)

    stale = client.patch(
        url, json={"op_id": new_id(), "base_revision": 1, "text": "Third"}, headers=ada
    )

    assert stale.status_code == 409
    error = stale.get_json()["error"]
    assert error["code"] == "stale_revision"
    assert error["details"]["current_text"] == "Second"


def test_notes_api_refuses_strangers_and_bad_input(live, client, make_facilitator):
    workshop = live()
    ada = bearer(workshop.participant(0))
    stranger = bearer(workshop.facilitator_token(make_facilitator()))
    base = f"/api/v1/workshops/{workshop.workshop_id}"

    assert client.get("/api/v1/participant/changes").status_code == 401
    assert client.get(f"{base}/changes", headers=ada).status_code == 401
    assert client.get(f"{base}/changes", headers=stranger).status_code == 404
    assert client.post(f"{base}/notes", json={}, headers=stranger).status_code == 404
    not_json = client.post("/api/v1/participant/notes", data="text", headers=ada)
    assert not_json.status_code == 400
    bad = client.post(
        "/api/v1/participant/notes", json={"id": "nope", "question_id": "1"}, headers=ada
    )
    assert bad.status_code == 400
    assert set(bad.get_json()["error"]["details"]["fields"]) == {"id", "question_id", "text"}
    for since in ("-3", "2147483648", "abc"):
        refused = client.get(f"/api/v1/participant/changes?since={since}", headers=ada)
        assert refused.status_code == 400
        messages = refused.get_json()["error"]["details"]["fields"]["since"]
        assert messages == ["This must be a whole number from 0 to 2,147,483,647."], since


def test_openapi_describes_the_notes_routes(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"post", "get"} <= set(paths["/participant/notes"])
    assert "get" in paths["/workshops/{workshop_id}/changes"]
