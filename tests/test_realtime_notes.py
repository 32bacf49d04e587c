"""Live notes over a real Socket.IO connection: who sees what, idempotency, catch-up, edits."""

# ruff: noqa: F811  (the `live` fixture is imported, and named again as a test's argument)
from tests.realtime_helpers import add_payload, live, new_id  # noqa: F401
from workshop.extensions import db
from workshop.models import Change, Note, NoteRevision


def stored_notes(app, **filters):
    with app.app_context():
        return db.session.scalars(db.select(Note).filter_by(**filters)).all()


def test_participant_note_reaches_own_group_and_facilitator_but_never_other_group(live):
    workshop = live()
    question = workshop.question_ids[0]
    ada = workshop.as_participant(0, "Ada")
    bo = workshop.as_participant(0, "Bo")
    cy = workshop.as_participant(1, "Cy")
    fran = workshop.as_facilitator()

    ack = ada.call("note:add", add_payload(question, "Work with universities"))
    assert ack["ok"] is True
    assert ack["note"]["text"] == "Work with universities"
    assert ack["note"]["is_own"] is True

    at_bo = bo.wait_for("note:added")
    at_fran = fran.wait_for("note:added")
    assert at_bo["note"]["id"] == at_fran["note"]["id"] == ack["note"]["id"]
    assert at_bo["seq"] == at_fran["seq"] == ack["seq"]
    assert at_bo["note"]["author_name"] == "Ada"

    # Cy's own note is broadcast after Ada's: had Ada's reached Cy, it would have come first.
    own = cy.call("note:add", add_payload(question, "Keep our independence"))
    cy.wait_for("note:added", lambda data: data["note"]["id"] == own["note"]["id"])
    assert [data["note"]["id"] for data in cy.notes_received()] == [own["note"]["id"]]


def test_same_note_sent_five_times_is_stored_and_broadcast_once(live, app):
    workshop = live()
    ada = workshop.as_participant(0)
    bo = workshop.as_participant(0, "Bo")
    payload = add_payload(workshop.question_ids[0], "Only once, please")

    acks = [ada.call("note:add", payload) for _ in range(5)]

    assert all(ack["ok"] for ack in acks)
    assert len({ack["seq"] for ack in acks}) == 1
    assert len(stored_notes(app, id=payload["id"])) == 1
    # A second note after the repeats: Bo has received everything before it, in order.
    later = ada.call("note:add", add_payload(workshop.question_ids[0], "Later"))
    bo.wait_for("note:added", lambda data: data["note"]["id"] == later["note"]["id"])
    assert [data["note"]["id"] for data in bo.notes_received()] == [
        payload["id"],
        later["note"]["id"],
    ]


def test_repeated_id_for_another_question_is_refused(live):
    workshop = live()
    ada = workshop.as_participant(0)
    payload = add_payload(workshop.question_ids[0])
    assert ada.call("note:add", payload)["ok"]

    ack = ada.call("note:add", {**payload, "question_id": workshop.question_ids[1]})

    assert ack["ok"] is False
    assert ack["error"]["code"] == "note_id_conflict"


def test_client_catches_up_after_disconnect_with_exactly_the_missed_changes(live):
    workshop = live()
    question = workshop.question_ids[0]
    ada_token = workshop.participant(0, "Ada")
    bo = workshop.as_participant(0, "Bo")
    ada = workshop.client({"token": ada_token})
    first = bo.call("note:add", add_payload(question, "Before the break"))
    ada.wait_for("note:added")
    last_seen = ada.received("note:added")[-1]["seq"]
    ada.close()

    missed = bo.call("note:add", add_payload(question, "During the break"))
    edited = bo.call(
        "note:edit",
        {"id": first["note"]["id"], "op_id": new_id(), "base_revision": 1, "text": "Before lunch"},
    )
    other_group = workshop.as_participant(1, "Cy").call(
        "note:add", add_payload(question, "Elsewhere")
    )
    assert missed["ok"] and edited["ok"] and other_group["ok"]

    again = workshop.client({"token": ada_token})
    answer = again.call("changes:since", {"seq": last_seen})

    assert answer["ok"] is True
    assert [(c["kind"], c["seq"]) for c in answer["changes"]] == [
        ("note:added", missed["seq"]),
        ("note:edited", edited["seq"]),
    ]
    assert answer["changes"][1]["note"]["text"] == "Before lunch"
    assert answer["last_seq"] == other_group["seq"]
    assert answer["more"] is False


def test_live_changes_start_once_the_client_has_asked_to_catch_up(live):
    workshop = live()
    bo = workshop.as_participant(0, "Bo")
    ada = workshop.client({"token": workshop.participant(0, "Ada")}, catch_up=False)
    before = bo.call("note:add", add_payload(workshop.question_ids[0], "Before Ada caught up"))

    answer = ada.call("changes:since", {"seq": 0})
    after = bo.call("note:add", add_payload(workshop.question_ids[0], "After"))

    assert [change["note"]["id"] for change in answer["changes"]] == [before["note"]["id"]]
    ada.wait_for("note:added", lambda data: data["note"]["id"] == after["note"]["id"])
    assert [data["seq"] for data in ada.notes_received()] == [after["seq"]]


def test_stale_edit_is_refused_with_the_current_text(live, app):
    workshop = live()
    ada = workshop.as_participant(0, "Ada")
    fran = workshop.as_facilitator()
    note = ada.call("note:add", add_payload(workshop.question_ids[0], "First words"))["note"]
    by_facilitator = fran.call(
        "note:edit",
        {"id": note["id"], "op_id": new_id(), "base_revision": 1, "text": "Tidied words"},
    )
    assert by_facilitator["ok"] and by_facilitator["note"]["revision"] == 2

    ack = ada.call(
        "note:edit", {"id": note["id"], "op_id": new_id(), "base_revision": 1, "text": "My words"}
    )

    assert ack["ok"] is False
    assert ack["error"]["code"] == "stale_revision"
    assert ack["error"]["details"]["current_text"] == "Tidied words"
    assert ack["error"]["details"]["current_revision"] == 2
    assert "changed in the meantime" in ack["error"]["message"]
    with app.app_context():
        assert db.session.get(Note, note["id"]).text == "Tidied words"
        kept = db.session.scalars(db.select(NoteRevision).filter_by(note_id=note["id"])).all()
        assert [(r.revision, r.text) for r in kept] == [(1, "First words")]


def test_edit_and_delete_are_idempotent_by_operation_id(live, app):
    workshop = live()
    ada = workshop.as_participant(0)
    bo = workshop.as_participant(0, "Bo")
    note = ada.call("note:add", add_payload(workshop.question_ids[0], "Draft"))["note"]
    edit = {"id": note["id"], "op_id": new_id(), "base_revision": 1, "text": "Final"}
    deletion = {"id": note["id"], "op_id": new_id()}

    edits = [ada.call("note:edit", edit) for _ in range(3)]
    deletions = [ada.call("note:delete", deletion) for _ in range(3)]
    another_deletion = ada.call("note:delete", {"id": note["id"], "op_id": new_id()})

    assert {ack["seq"] for ack in edits} == {edits[0]["seq"]}
    assert edits[0]["note"]["revision"] == 2
    assert {ack["seq"] for ack in [*deletions, another_deletion]} == {deletions[0]["seq"]}
    assert deletions[0]["note"]["deleted"] is True
    bo.wait_for("note:deleted")
    assert [name for name, _ in bo.events if name.startswith("note:")] == [
        "note:added",
        "note:edited",
        "note:deleted",
    ]
    with app.app_context():
        kinds = db.session.scalars(
            db.select(Change.kind).filter_by(note_id=note["id"]).order_by(Change.seq)
        ).all()
    assert kinds == ["note:added", "note:edited", "note:deleted"]


def test_participants_of_anonymous_workshop_do_not_see_names_but_facilitator_does(live):
    workshop = live(anonymity="anonymous_to_peers")
    ada = workshop.as_participant(0, "Ada")
    bo = workshop.as_participant(0, "Bo")
    fran = workshop.as_facilitator()

    ada.call("note:add", add_payload(workshop.question_ids[0]))

    assert "author_name" not in bo.wait_for("note:added")["note"]
    assert fran.wait_for("note:added")["note"]["author_name"] == "Ada"
    snapshot = bo.call("notes:snapshot")
    assert [("author_name" in note, note["is_own"]) for note in snapshot["notes"]] == [
        (False, False)
    ]


def test_facilitator_adds_for_a_group_and_dashboard_counts(live):
    workshop = live()
    bo = workshop.as_participant(1, "Bo")
    fran = workshop.as_facilitator()
    question = workshop.question_ids[2]

    ack = fran.call(
        "note:add",
        {**add_payload(question, "Dictated by group 2"), "group_id": workshop.group_ids[1]},
    )

    assert ack["ok"] and ack["note"]["author_kind"] == "facilitator"
    assert bo.wait_for("note:added")["note"]["text"] == "Dictated by group 2"
    (cell,) = fran.call("notes:counts")["counts"]
    assert (cell["group_id"], cell["question_id"], cell["count"]) == (
        workshop.group_ids[1],
        question,
        1,
    )
    assert cell["latest"]["excerpt"] == "Dictated by group 2"
    assert cell["latest"]["id"] == ack["note"]["id"]


def test_snapshot_lists_the_groups_notes_in_order_with_own_marked(live):
    workshop = live()
    ada = workshop.as_participant(0, "Ada")
    bo = workshop.as_participant(0, "Bo")
    question = workshop.question_ids[0]
    texts = ["One", "Two", "Three"]
    for index, text in enumerate(texts):
        (ada if index % 2 == 0 else bo).call("note:add", add_payload(question, text))

    snapshot = ada.call("notes:snapshot", {"question_id": question})

    assert [note["text"] for note in snapshot["notes"]] == texts
    assert [note["is_own"] for note in snapshot["notes"]] == [True, False, True]
    assert snapshot["me"]["role"] == "participant"
    assert snapshot["workshop"]["status"] == "live"
    assert snapshot["last_seq"] == 3


def test_note_text_is_normalised_but_otherwise_kept(live):
    workshop = live()
    ada = workshop.as_participant(0)
    text = "Partners:\r\n- universities   \r\n- NGOs\t\r\n\r\n  <b>not bold</b>"

    ack = ada.call("note:add", add_payload(workshop.question_ids[0], text))

    assert ack["note"]["text"] == "Partners:\n- universities\n- NGOs\n\n  <b>not bold</b>"


def test_facilitator_closes_workshop_and_everyone_hears_it(live):
    workshop = live()
    ada = workshop.as_participant(0)
    fran = workshop.as_facilitator()

    ack = fran.call("workshop:status", {"status": "closed"})

    assert ack["ok"] and ack["status"] == "closed"
    assert ada.wait_for("workshop:status")["status"] == "closed"
    refused = ada.call("note:add", add_payload(workshop.question_ids[0]))
    assert refused["error"]["code"] == "workshop_closed"
    assert fran.call("workshop:status", {"status": "live"})["ok"]
    assert ada.call("note:add", add_payload(workshop.question_ids[0]))["ok"]


def test_presence_counts_people_online_per_group(live):
    workshop = live()
    fran = workshop.as_facilitator()
    ada = workshop.as_participant(0, "Ada")
    group = str(workshop.group_ids[0])
    fran.wait_for("presence:changed", lambda data: data["online"].get(group) == 1)
    bo = workshop.as_participant(0, "Bo")
    assert bo.call("presence:get") == {"ok": True, "online": {group: 2}}

    bo.close()

    fran.wait_for("presence:changed", lambda data: data["online"].get(group) == 1)
    ada.wait_for("presence:changed", lambda data: data["online"] == {group: 1})


def test_catch_up_says_which_notes_are_the_readers_own(live):
    workshop = live()
    question = workshop.question_ids[0]
    ada = workshop.as_participant(0, "Ada")
    bo = workshop.as_participant(0, "Bo")
    fran = workshop.as_facilitator()
    mine = ada.call("note:add", add_payload(question, "Ada's"))["note"]["id"]
    theirs = bo.call("note:add", add_payload(question, "Bo's"))["note"]["id"]
    by_fran = fran.call(
        "note:add", {**add_payload(question, "Fran's"), "group_id": workshop.group_ids[0]}
    )["note"]["id"]

    def own_flags(client) -> dict:
        changes = client.call("changes:since", {"seq": 0})["changes"]
        return {c["note"]["id"]: c["note"]["is_own"] for c in changes if "note" in c}

    assert own_flags(ada) == {mine: True, theirs: False, by_fran: False}
    assert own_flags(fran) == {mine: False, theirs: False, by_fran: True}
