"""The socket refuses what it must: strangers, other groups' questions, others' notes, bad input."""

# ruff: noqa: F811  (the `live` fixture is imported, and named again as a test's argument)
import pytest
import socketio

from tests.realtime_helpers import RecordingClient, add_payload, live, new_id  # noqa: F401
from workshop.extensions import db
from workshop.models import Change, Group, Note, Participant, Workshop
from workshop.models.base import utcnow
from workshop.models.note import NOTE_TEXT_MAX


def nothing_stored(app, workshop_id):
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Note.id))) == 0
        assert db.session.scalar(db.select(db.func.count(Change.id))) == 0
        assert db.session.get(Workshop, workshop_id).last_seq == 0


# --- Connecting ---


def test_connection_without_credentials_is_refused(live):
    workshop = live()
    refusal = workshop.refusal(None)
    assert refusal["data"]["code"] == "unauthorised"
    assert refusal["message"]


@pytest.mark.parametrize(
    "auth",
    [
        {"token": "wsp_not-a-real-token"},
        {"token": "wsf_not-a-real-token", "workshop_id": 1},
        {"token": "something-else"},
        {"token": 12},
        {"workshop_id": 1},  # no session cookie for it
    ],
)
def test_connection_with_wrong_credentials_is_refused(live, auth):
    workshop = live()
    assert workshop.refusal(auth)["data"]["code"] == "unauthorised"


def test_participant_token_cannot_connect_to_another_workshop(live):
    workshop = live()
    other = live()
    token = workshop.participant(0)
    refusal = workshop.refusal({"token": token, "workshop_id": other.workshop_id})
    assert refusal["data"]["code"] == "unauthorised"


def test_facilitator_cannot_connect_to_a_workshop_they_do_not_run(live, make_facilitator):
    workshop = live()
    stranger_token = workshop.facilitator_token(make_facilitator())
    refusal = workshop.refusal({"token": stranger_token, "workshop_id": workshop.workshop_id})
    assert refusal["data"]["code"] == "workshop_not_found"


def test_facilitator_token_must_say_which_workshop(live):
    workshop = live()
    refusal = workshop.refusal({"token": workshop.facilitator_token()})
    assert refusal["data"]["code"] == "invalid_input"


def test_removed_participant_is_refused_from_then_on(live, app):
    workshop = live()
    token = workshop.participant(0)
    ada = workshop.client({"token": token})
    with app.app_context():
        participant = db.session.scalars(db.select(Participant)).one()
        participant.removed_at = utcnow()
        db.session.commit()

    ack = ada.call("note:add", add_payload(workshop.question_ids[0]))

    assert ack["error"]["code"] == "unauthorised"
    assert workshop.refusal({"token": token})["data"]["code"] == "unauthorised"
    nothing_stored(app, workshop.workshop_id)


def test_removed_participant_can_no_longer_catch_up(live, app):
    workshop = live()
    ada = workshop.as_participant(0, "Ada")
    assert ada.call("changes:since", {"seq": 0})["ok"]
    with app.app_context():
        db.session.scalars(db.select(Participant)).one().removed_at = utcnow()
        db.session.commit()

    ack = ada.call("changes:since", {"seq": 0})

    assert ack["ok"] is False
    assert ack["error"]["code"] == "unauthorised"


def test_moved_participant_catches_up_with_the_new_group_and_hears_it_live(live, client):
    workshop = live()
    ada_id, ada_token = workshop.make_participant(workshop.workshop_id, 0, "Ada")
    ada = workshop.client({"token": ada_token})
    bo = workshop.as_participant(1, "Bo")
    question = workshop.question_ids[0]
    first_group = workshop.as_participant(0, "Cy").call("note:add", add_payload(question, "Cy's"))
    second_group = bo.call("note:add", add_payload(question, "Bo's"))
    assert first_group["ok"] and second_group["ok"]

    moved = client.patch(
        f"/api/v1/participants/{ada_id}",
        json={"group_id": workshop.group_ids[1]},
        headers={"Authorization": f"Bearer {workshop.facilitator_token()}"},
    )
    assert moved.status_code == 200
    caught_up = ada.call("changes:since", {"seq": 0})

    texts = [change["note"]["text"] for change in caught_up["changes"] if "note" in change]
    assert texts == ["Bo's"]
    assert bo.call("note:add", add_payload(question, "Said after the move"))["ok"]
    ada.wait_for("note:added", lambda data: data["note"]["text"] == "Said after the move")


def session_cookie(client) -> str:
    return f"session={client.get_cookie('session').value}"


def test_browser_participant_connects_with_session_cookie(live, app, client):
    from tests.live_helpers import enter_as_participant

    workshop = live()
    token = workshop.participant(0, "Ada")
    with app.app_context():
        participant_id = db.session.scalars(db.select(Participant.id)).one()
    enter_as_participant(client, app, workshop.workshop_id, participant_id)
    assert token

    browser = workshop.client(
        {"workshop_id": workshop.workshop_id}, headers={"Cookie": session_cookie(client)}
    )

    snapshot = browser.call("notes:snapshot")
    assert snapshot["me"]["participant_id"] == participant_id
    # The same cookie does not open another workshop.
    other = live()
    refusal = workshop.refusal(
        {"workshop_id": other.workshop_id}, headers={"Cookie": session_cookie(client)}
    )
    assert refusal["data"]["code"] == "unauthorised"


def test_logged_in_facilitator_connects_with_session_cookie(live, login_as, client):
    workshop = live()
    login_as(workshop.owner_id)
    client.get("/")  # the session cookie is set on a response

    browser = workshop.client(
        {"workshop_id": workshop.workshop_id, "role": "facilitator"},
        headers={"Cookie": session_cookie(client)},
    )

    assert browser.call("notes:snapshot")["me"]["role"] == "facilitator"


@pytest.mark.parametrize("transports", [["websocket"], ["polling"]])
def test_foreign_origin_is_refused_and_same_origin_accepted(live, transports):
    workshop = live()
    token = workshop.participant(0)
    # Over WebSocket the client sends its own (same) Origin too; the foreign one is added to it.
    foreign = RecordingClient(
        workshop.url, {"token": token}, {"Origin": "http://evil.example"}, transports
    )
    with pytest.raises(socketio.exceptions.ConnectionError):
        foreign.connect(catch_up=False)

    same_origin = {"Origin": workshop.url} if transports == ["polling"] else {}
    same = RecordingClient(workshop.url, {"token": token}, same_origin, transports).connect()
    workshop.clients.append(same)
    assert same.call("changes:since", {"seq": 0})["ok"]


def test_behind_a_tls_proxy_the_browsers_origin_is_accepted_and_a_foreign_one_refused(live):
    """A reverse proxy ends TLS and says so (X-Forwarded-Proto, -Host): the page's own origin
    (https) connects, another site still cannot."""
    workshop = live()
    token = workshop.participant(0)
    proxy = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "workshop.example"}

    foreign = RecordingClient(
        workshop.url, {"token": token}, {**proxy, "Origin": "https://evil.example"}, ["polling"]
    )
    with pytest.raises(socketio.exceptions.ConnectionError):
        foreign.connect(catch_up=False)
    own = {**proxy, "Origin": "https://workshop.example"}
    browser = RecordingClient(workshop.url, {"token": token}, own, ["polling"]).connect()
    workshop.clients.append(browser)
    assert browser.call("changes:since", {"seq": 0})["ok"]


# --- Acting ---


def test_participant_cannot_write_in_a_question_their_group_does_not_work_on(live, app):
    workshop = live()
    with app.app_context():
        group = db.session.get(Group, workshop.group_ids[0])
        group.all_questions = False
        db.session.commit()
    ada = workshop.as_participant(0)

    ack = ada.call("note:add", add_payload(workshop.question_ids[0]))

    assert ack["error"]["code"] == "question_not_for_group"
    nothing_stored(app, workshop.workshop_id)


def test_participant_cannot_write_in_another_group_or_workshop(live, app):
    workshop = live()
    other = live()
    ada = workshop.as_participant(0)

    into_other_group = ada.call(
        "note:add", {**add_payload(workshop.question_ids[0]), "group_id": workshop.group_ids[1]}
    )
    into_other_workshop = ada.call("note:add", add_payload(other.question_ids[0]))

    assert into_other_group["error"]["code"] == "forbidden"
    assert into_other_workshop["error"]["code"] == "question_not_found"
    nothing_stored(app, workshop.workshop_id)


def test_participant_cannot_edit_or_delete_someone_elses_note(live, app):
    workshop = live()
    ada = workshop.as_participant(0, "Ada")
    bo = workshop.as_participant(0, "Bo")
    note = ada.call("note:add", add_payload(workshop.question_ids[0], "Mine"))["note"]

    edit = bo.call(
        "note:edit", {"id": note["id"], "op_id": new_id(), "base_revision": 1, "text": "Yours"}
    )
    deletion = bo.call("note:delete", {"id": note["id"], "op_id": new_id()})

    assert edit["error"]["code"] == deletion["error"]["code"] == "not_your_note"
    with app.app_context():
        stored = db.session.get(Note, note["id"])
        assert (stored.text, stored.deleted_at, stored.revision) == ("Mine", None, 1)


def test_facilitator_of_another_workshop_cannot_touch_its_notes(live, app):
    workshop = live()
    other = live()
    ada = workshop.as_participant(0)
    note = ada.call("note:add", add_payload(workshop.question_ids[0], "Ours"))["note"]
    stranger = other.as_facilitator()

    edit = stranger.call(
        "note:edit", {"id": note["id"], "op_id": new_id(), "base_revision": 1, "text": "Theirs"}
    )
    added = stranger.call(
        "note:add", {**add_payload(workshop.question_ids[0]), "group_id": workshop.group_ids[0]}
    )

    assert edit["error"]["code"] == "note_not_found"
    assert added["error"]["code"] in ("question_not_found", "group_not_found")
    with app.app_context():
        assert db.session.get(Note, note["id"]).text == "Ours"


def test_participant_cannot_do_what_only_facilitators_do(live, app):
    workshop = live()
    ada = workshop.as_participant(0)

    assert ada.call("workshop:status", {"status": "closed"})["error"]["code"] == "forbidden"
    assert ada.call("notes:counts")["error"]["code"] == "forbidden"
    with app.app_context():
        assert db.session.get(Workshop, workshop.workshop_id).status == "live"


@pytest.mark.parametrize(
    ("status", "code"), [("closed", "workshop_closed"), ("draft", "workshop_not_started")]
)
def test_workshop_that_is_not_live_refuses_notes(live, app, status, code):
    workshop = live(status=status)
    ada = workshop.as_participant(0)

    ack = ada.call("note:add", add_payload(workshop.question_ids[0]))

    assert ack["error"]["code"] == code
    nothing_stored(app, workshop.workshop_id)


def test_note_sent_before_closing_is_still_acknowledged_when_resent_after(live, app):
    workshop = live()
    ada = workshop.as_participant(0)
    payload = add_payload(workshop.question_ids[0], "Just in time")
    first = ada.call("note:add", payload)
    workshop.set(Workshop, workshop.workshop_id, status="closed")

    again = ada.call("note:add", payload)

    assert again["ok"] is True and again["seq"] == first["seq"]


# --- Bad input ---


def malformed_payloads(question_id):
    return [
        ("a string", "invalid_input"),
        ([1, 2, 3], "invalid_input"),
        (None, "invalid_input"),
        ({"question_id": question_id, "text": "No id"}, "invalid_input"),
        ({"id": "not-a-uuid", "question_id": question_id, "text": "x"}, "invalid_input"),
        ({"id": new_id(), "question_id": str(question_id), "text": "x"}, "invalid_input"),
        ({"id": new_id(), "question_id": question_id, "text": ["x"]}, "invalid_input"),
        ({"id": new_id(), "question_id": True, "text": "x"}, "invalid_input"),
        ({"id": new_id(), "question_id": 987654, "text": "x"}, "question_not_found"),
        ({"id": new_id(), "question_id": question_id, "text": " \r\n\t "}, "note_empty"),
        ({"id": new_id(), "question_id": question_id, "text": "x" * 5000}, "note_too_long"),
        ({"id": new_id(), "question_id": question_id, "text": "é" * 2001}, "note_too_long"),
    ]


def test_malformed_note_payloads_get_error_acks_and_store_nothing(live, app):
    workshop = live()
    ada = workshop.as_participant(0)

    for payload, code in malformed_payloads(workshop.question_ids[0]):
        ack = ada.call("note:add", payload)
        assert ack["ok"] is False, payload
        assert ack["error"]["code"] == code, payload
        assert ack["error"]["message"]

    nothing_stored(app, workshop.workshop_id)
    assert ada.call("note:add", add_payload(workshop.question_ids[0]))["ok"]


def test_too_long_note_is_refused_with_the_limit_in_the_message(live):
    workshop = live()
    ada = workshop.as_participant(0)

    ack = ada.call("note:add", add_payload(workshop.question_ids[0], "a" * (NOTE_TEXT_MAX + 1)))

    assert ack["error"]["code"] == "note_too_long"
    assert f"{NOTE_TEXT_MAX:,}" in ack["error"]["message"]
    assert ack["error"]["details"]["max"] == NOTE_TEXT_MAX


def test_malformed_edits_and_catch_up_requests_get_error_acks(live):
    workshop = live()
    ada = workshop.as_participant(0)
    note = ada.call("note:add", add_payload(workshop.question_ids[0]))["note"]

    missing_revision = ada.call("note:edit", {"id": note["id"], "op_id": new_id(), "text": "x"})
    unknown_note = ada.call(
        "note:edit", {"id": new_id(), "op_id": new_id(), "base_revision": 1, "text": "x"}
    )
    negative_seq = ada.call("changes:since", {"seq": -1})
    not_numbers = [ada.call("changes:since", {"seq": seq}) for seq in (True, "0", 1.5, None)]
    unknown_event = ada.call("note:explode", {})

    assert missing_revision["error"]["code"] == "invalid_input"
    assert "base_revision" in missing_revision["error"]["details"]["fields"]
    assert unknown_note["error"]["code"] == "note_not_found"
    assert negative_seq["error"]["code"] == "invalid_input"
    assert [answer["error"]["code"] for answer in not_numbers] == ["invalid_input"] * 4
    assert "seq" in not_numbers[0]["error"]["details"]["fields"]
    assert unknown_event["error"]["code"] == "unknown_event"


@pytest.mark.parametrize("flooder_is", ["participant", "facilitator"])
def test_flood_from_one_connection_is_rate_limited_without_hurting_others(live, app, flooder_is):
    # A participant's catch-up is answered the quick way; a facilitator's tries it, then goes
    # the full way: either way one event takes one token.
    workshop = live()
    app.config.update(SOCKET_EVENTS_BURST=4, SOCKET_EVENTS_PER_SECOND=0.1)
    if flooder_is == "participant":
        flooder = workshop.as_participant(0, "Flo")  # its catch-up at connect takes one
    else:
        flooder = workshop.as_facilitator()
    calm = workshop.as_participant(0, "Calm")

    answers = [flooder.call("changes:since", {"seq": 0}) for _ in range(5)]

    assert [answer["ok"] for answer in answers] == [True, True, True, False, False]
    assert answers[3]["error"]["code"] == "rate_limited"
    assert answers[3]["error"]["details"]["retry_after_ms"] > 0
    assert calm.call("changes:since", {"seq": 0})["ok"] is True


@pytest.mark.parametrize("transports", [["websocket"], ["polling"]])
def test_oversized_socket_message_drops_the_connection_and_stores_nothing(live, app, transports):
    workshop = live()
    fran = workshop.as_facilitator()
    group = str(workshop.group_ids[0])
    ada = RecordingClient(
        workshop.url, {"token": workshop.participant(0)}, transports=transports
    ).connect()
    workshop.clients.append(ada)
    fran.wait_for("presence:changed", lambda data: data["online"][group] == 1)

    ada.sio.emit("note:add", add_payload(workshop.question_ids[0], "x" * 20_000))

    # The server hangs up on Ada: the facilitator sees her go offline.
    fran.wait_for("presence:changed", lambda data: data["online"][group] == 0)
    nothing_stored(app, workshop.workshop_id)
    ada.sio.eio.disconnect(abort=True)  # its client may take seconds to notice; don't wait
