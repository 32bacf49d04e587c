"""A share follows its source live, over real python-socketio clients: a raw share shows notes
written, edited and deleted after it (live and on catch-up); a curated share follows the annex's
edits; nothing leaks for questions not shared or after withdrawal; authors only when named."""

from tests.plenary_helpers import (
    display_link_token,
    facilitator,
    ok,
    participant,
    plenary_client,
    room_fixture,  # noqa: F401 (the fixture `room`)
    write_note,
)
from tests.realtime_helpers import live, new_id  # noqa: F401 (fixtures)


def share_question(room, question_id: int, source: str = "raw") -> dict:
    payload = {"source": source, "scope": "question", "target_id": question_id}
    return ok(room.facilitator, "share:set", payload)


def point_change(client, seq: int) -> dict:
    return client.wait_for("share:point", lambda data: data["seq"] == seq)


def shared_texts(client) -> list[str]:
    return [point["text"] for point in ok(client, "room:state")["room"]["share"]["points"]]


def test_a_note_written_after_a_raw_share_reaches_the_other_group_live(room):
    ada = participant(room, 0, "Ada")
    bo = participant(room, 1, "Bo")
    question = room.question_ids[0]
    shared = share_question(room, question)
    ada.wait_for("share:changed")

    note_id = new_id()
    added = ok(bo, "note:add", {"id": note_id, "question_id": question, "text": "Ask the NGOs"})
    change = point_change(ada, added["seq"] + 1)
    assert change["op"] == "added"
    assert change["point"] == {
        "id": note_id,
        "question_id": question,
        "group_id": room.group_ids[1],
        "group_name": "Group 2",
        "text": "Ask the NGOs",
        "author_name": "Bo",  # a named workshop
    }
    # Ada saw nothing of group 2 in between: no gap to catch up.
    assert change["prev_seq"] == shared["seq"]
    assert not [n for n in ada.notes_received() if n["note"]["id"] == note_id]
    assert shared_texts(ada) == ["Ask the NGOs"]

    edited = ok(
        bo,
        "note:edit",
        {"id": note_id, "op_id": new_id(), "base_revision": 1, "text": "Ask the NGOs first"},
    )
    change = point_change(ada, edited["seq"] + 1)
    assert (change["op"], change["point"]["text"]) == ("edited", "Ask the NGOs first")
    assert shared_texts(ada) == ["Ask the NGOs first"]

    deleted = ok(bo, "note:delete", {"id": note_id, "op_id": new_id()})
    change = point_change(ada, deleted["seq"] + 1)
    assert change["op"] == "deleted"
    gone = {"id": note_id, "question_id": question, "group_id": room.group_ids[1]}
    assert change["point"] == gone
    assert shared_texts(ada) == []


def test_the_projector_and_the_dashboard_follow_a_raw_share_too(room):
    screen = plenary_client(room, {"token": display_link_token(room)})
    bo = participant(room, 1, "Bo")
    question = room.question_ids[1]
    share_question(room, question)
    added = ok(bo, "note:add", {"id": new_id(), "question_id": question, "text": "On the wall"})
    for client in (screen, room.facilitator):
        assert point_change(client, added["seq"] + 1)["point"]["text"] == "On the wall"
    assert shared_texts(screen) == ["On the wall"]


def test_a_participant_who_was_away_catches_up_the_shared_notes(room):
    ada = participant(room, 0, "Ada")
    bo = participant(room, 1, "Bo")
    question = room.question_ids[0]
    share_question(room, question)
    since = ok(ada, "changes:since", {"seq": 0})["last_seq"]
    ada.close()
    added = ok(bo, "note:add", {"id": new_id(), "question_id": question, "text": "While away"})

    back = participant(room, 0, "Ada")
    changes = ok(back, "changes:since", {"seq": since})["changes"]
    assert [(c["kind"], c["seq"]) for c in changes] == [("share:point", added["seq"] + 1)]
    assert changes[0]["point"]["text"] == "While away"
    assert shared_texts(back) == ["While away"]


def test_nothing_leaks_for_questions_not_shared_or_after_withdrawal(room):
    ada = participant(room, 0, "Ada")
    bo = participant(room, 1, "Bo")
    shared, other = room.question_ids[0], room.question_ids[1]
    share_question(room, shared)
    since = ok(ada, "changes:since", {"seq": 0})["last_seq"]
    write_note(bo, other, "Not shared at all")
    withdrawn = ok(room.facilitator, "share:withdraw")
    ada.wait_for("share:changed", lambda data: data["seq"] == withdrawn["seq"])
    write_note(bo, shared, "Written after the withdrawal")

    # Bo's own page has both notes: they were stored; nothing of them reached Ada.
    assert ok(ada, "room:state")["room"]["share"] is None
    changes = ok(ada, "changes:since", {"seq": since})["changes"]
    assert [c["kind"] for c in changes] == ["share:changed"]
    assert ada.received("share:point") == []
    assert not [n for n in ada.notes_received() if n["note"]["group_id"] == room.group_ids[1]]


def test_a_shared_note_names_no_author_outside_a_named_workshop(live):  # noqa: F811
    workshop = live(anonymity="anonymous_to_peers")
    workshop.facilitator = facilitator(workshop)
    ada = participant(workshop, 0, "Ada")
    bo = participant(workshop, 1, "Bo")
    question = workshop.question_ids[0]
    share_question(workshop, question)
    since = ok(ada, "changes:since", {"seq": 0})["last_seq"]
    added = ok(bo, "note:add", {"id": new_id(), "question_id": question, "text": "Unsigned"})

    live_point = point_change(ada, added["seq"] + 1)["point"]
    caught_up = ok(ada, "changes:since", {"seq": since})["changes"][0]["point"]
    read = ok(ada, "room:state")["room"]["share"]["points"][0]
    for point in (live_point, caught_up, read, ok(ada, "share:get")["share"]["points"][0]):
        assert point["text"] == "Unsigned" and "author_name" not in point
    # The facilitators see who wrote it, as they see every note's author.
    assert point_change(workshop.facilitator, added["seq"] + 1)["point"]["author_name"] == "Bo"


def test_a_curated_share_follows_the_annex_edits(room, app):
    ada = participant(room, 0, "Ada")
    bo = participant(room, 1, "Bo")
    question = room.question_ids[0]
    write_note(bo, question, "Keep the final say")
    write_note(bo, question, "A travel budget")
    shared = share_question(room, question, source="curated")
    points = shared["change"]["share"]["points"]
    assert [p["text"] for p in points] == ["Keep the final say", "A travel budget"]

    api = app.test_client()
    headers = {"Authorization": f"Bearer {room.facilitator_token()}"}
    base = f"/api/v1/workshops/{room.workshop_id}/annex/points"
    first, second = (point["annex_point_id"] for point in points)
    answer = api.patch(f"{base}/{first}", json={"text": "Keep the last word"}, headers=headers)
    assert answer.status_code == 200, answer.get_json()
    change = ada.wait_for("share:changed", lambda data: data["seq"] > shared["seq"])
    assert change["share"]["id"] == shared["change"]["share"]["id"]
    texts = [p["text"] for p in change["share"]["points"]]
    assert texts == ["Keep the last word", "A travel budget"]

    answer = api.patch(f"{base}/{second}", json={"excluded": True}, headers=headers)
    assert answer.status_code == 200, answer.get_json()
    excluded = ada.wait_for("share:changed", lambda data: data["seq"] > change["seq"])
    assert [p["text"] for p in excluded["share"]["points"]] == ["Keep the last word"]
    assert shared_texts(ada) == ["Keep the last word"]

    # An edit that changes nothing shared records nothing.
    before = ok(ada, "changes:since", {"seq": 0})["last_seq"]
    api.patch(f"{base}/{second}", json={"excluded": True}, headers=headers)
    assert ok(ada, "changes:since", {"seq": before})["changes"] == []
    # A new note does not reach a curated share: the editor has not taken it in.
    write_note(bo, question, "Not curated yet")
    assert shared_texts(ada) == ["Keep the last word"]
