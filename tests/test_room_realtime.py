"""Running the room over real python-socketio clients against a running server: steps, timer,
locks, broadcasts, focus and plenary reach the right people live and through catch-up; displays
only read."""

import pytest

from tests.realtime_helpers import live, new_id  # noqa: F401
from tests.room_helpers import SettableClock, apply_room, catch_up_room, room_client
from workshop.extensions import db
from workshop.models import Note

SECTIONS = ("International work", "National work")


@pytest.fixture
def clock(app):
    app.config["CLOCK"] = clock = SettableClock()
    return clock


@pytest.fixture
def room(live, clock):  # noqa: F811
    """A live workshop (two sections of three questions, two groups) and its facilitator."""
    workshop = live(sections=SECTIONS)
    workshop.facilitator = room_client(
        workshop, {"token": workshop.facilitator_token(), "workshop_id": workshop.workshop_id}
    )
    return workshop


def participant(workshop, group_index=0, name="Ada"):
    return room_client(workshop, {"token": workshop.participant(group_index, name)})


def act(workshop, event, payload=None) -> dict:
    answer = workshop.facilitator.call(event, payload or {})
    assert answer["ok"], answer
    return answer


def refused(client, event, payload=None) -> dict:
    answer = client.call(event, payload or {})
    assert answer["ok"] is False, answer
    return answer["error"]


def state(client) -> dict:
    answer = client.call("room:state")
    assert answer["ok"], answer
    return answer


def first_section(workshop):
    return workshop.question_ids[:3]


def display_token(workshop, app) -> tuple[int, str]:
    client = app.test_client()
    token = workshop.facilitator_token()
    response = client.post(
        f"/api/v1/workshops/{workshop.workshop_id}/display-links",
        json={"name": "Room PC"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    return body["id"], body["token"]


# --- participants follow the facilitator ---


def test_a_participant_sees_step_timer_and_broadcast_changes_live(room, clock):
    ada = participant(room)

    started = act(room, "plan:start")
    step = ada.wait_for("step:changed")
    assert step["seq"] == started["seq"]
    assert step["step"]["title"] == "International work"
    assert step["step"]["kind"] == "group_round"
    assert step["step"]["question_ids"] == first_section(room)
    assert step["plan"]["status"] == "running"

    act(room, "timer:start", {"seconds": 120})
    timer = ada.wait_for("timer:changed")["timer"]
    assert timer["state"] == "running"
    assert timer["duration_ms"] == 120_000
    assert timer["ends_at"] == "2026-03-04T14:02:00+00:00"

    act(
        room, "broadcast:send", {"text": "5 minutes left — choose your three most important points"}
    )
    broadcast = ada.wait_for("broadcast:changed")["broadcast"]
    assert broadcast["text"] == "5 minutes left — choose your three most important points"
    assert broadcast["group_id"] is None


def test_entering_a_step_with_a_duration_starts_its_timer(room, clock, app):
    token = room.facilitator_token()
    steps = (
        app.test_client()
        .get(
            f"/api/v1/workshops/{room.workshop_id}/plan",
            headers={"Authorization": f"Bearer {token}"},
        )
        .get_json()["steps"]
    )
    response = app.test_client().patch(
        f"/api/v1/workshops/{room.workshop_id}/plan/steps/{steps[0]['id']}",
        json={"duration_minutes": 2},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.get_json()
    ada = participant(room)

    act(room, "plan:start")

    timer = ada.wait_for("step:changed")["timer"]
    assert timer == {
        "state": "running",
        "duration_ms": 120_000,
        "ends_at": "2026-03-04T14:02:00+00:00",
        "remaining_ms": None,
    }


def test_one_offline_during_two_step_changes_and_a_broadcast_catches_up_to_the_current_state(
    room, clock
):
    token = room.participant(0, "Ada")
    ada = room_client(room, {"token": token})
    before = state(ada)
    room_now, last_seq = before["room"], before["last_seq"]
    ada.close()

    act(room, "plan:start")
    act(room, "step:next")
    act(room, "broadcast:send", {"text": "Back in five"})
    act(room, "timer:start", {"seconds": 300})

    again = room_client(room, {"token": token}, catch_up=False)
    caught_up, _ = catch_up_room(again, last_seq, room_now)
    current = state(again)["room"]
    assert caught_up == current
    assert current["step"]["title"] == "National work"
    assert current["step"]["question_ids"] == room.question_ids[3:]
    assert current["broadcast"]["text"] == "Back in five"
    assert current["timer"]["ends_at"] == "2026-03-04T14:05:00+00:00"
    assert current["plan"]["current_step_id"] == current["step"]["id"]


# --- writing follows the room ---


def test_a_note_queued_while_its_question_gets_locked_is_refused_and_not_stored(room, app):
    ada = participant(room)
    question_id = room.question_ids[0]
    note_id = new_id()

    act(room, "lock:set", {"target": "question", "id": question_id, "locked": True})
    assert ada.wait_for("lock:changed")["locked_question_ids"] == [question_id]
    answer = ada.call("note:add", {"id": note_id, "question_id": question_id, "text": "Late"})

    assert answer["ok"] is False
    assert answer["error"]["code"] == "question_locked"
    assert answer["error"]["message"]
    with app.app_context():
        assert db.session.get(Note, note_id) is None
    assert room.facilitator.call("notes:snapshot")["notes"] == []

    act(room, "lock:set", {"target": "question", "id": question_id, "locked": False})
    again = ada.call("note:add", {"id": note_id, "question_id": question_id, "text": "Late"})
    assert again["ok"], again


def test_a_locked_section_locks_its_questions(room):
    ada = participant(room)
    with room.app.app_context():
        from workshop.models import Question

        section_id = db.session.get(Question, room.question_ids[4]).section_id

    act(room, "lock:set", {"target": "section", "id": section_id, "locked": True})

    locks = ada.wait_for("lock:changed")
    assert locks["locks"] == {"section_ids": [section_id], "question_ids": []}
    assert locks["locked_question_ids"] == room.question_ids[3:]
    error = refused(
        ada, "note:add", {"id": new_id(), "question_id": room.question_ids[3], "text": "x"}
    )
    assert error["code"] == "question_locked"


def test_in_a_round_only_its_questions_take_participants_notes(room):
    ada = participant(room)
    act(room, "plan:start")

    closed = refused(
        ada, "note:add", {"id": new_id(), "question_id": room.question_ids[3], "text": "Later"}
    )
    opened = ada.call(
        "note:add", {"id": new_id(), "question_id": room.question_ids[0], "text": "Now"}
    )
    for_a_group = room.facilitator.call(
        "note:add",
        {
            "id": new_id(),
            "question_id": room.question_ids[3],
            "text": "Flip chart",
            "group_id": room.group_ids[0],
        },
    )

    assert closed["code"] == "question_closed"
    assert opened["ok"]
    assert for_a_group["ok"]  # facilitators type in a flip chart whatever the step


# --- broadcasts to one group ---


def test_a_broadcast_to_one_group_reaches_only_that_group_and_the_facilitators(room):
    ada = participant(room, 0, "Ada")
    bo = participant(room, 1, "Bo")

    act(room, "broadcast:send", {"text": "Group 1: two minutes", "group_id": room.group_ids[0]})
    act(room, "broadcast:send", {"text": "Everyone: coffee"})

    assert ada.wait_for("broadcast:changed")["broadcast"]["text"] == "Group 1: two minutes"
    facilitator_sees = room.facilitator.wait_for("broadcast:changed")["broadcast"]
    assert facilitator_sees["group_id"] == room.group_ids[0]
    bo.wait_for("broadcast:changed", lambda data: data["broadcast"]["text"] == "Everyone: coffee")
    assert [b["broadcast"]["text"] for b in bo.received("broadcast:changed")] == [
        "Everyone: coffee"
    ]
    feed = bo.call("changes:since", {"seq": 0})["changes"]
    assert [c["broadcast"]["text"] for c in feed if c["kind"] == "broadcast:changed"] == [
        "Everyone: coffee"
    ]


def test_a_late_participant_gets_the_latest_broadcast_for_them(room):
    act(room, "broadcast:send", {"text": "Everyone: coffee"})
    act(room, "broadcast:send", {"text": "Group 1: two minutes", "group_id": room.group_ids[0]})

    assert state(participant(room, 0))["room"]["broadcast"]["text"] == "Group 1: two minutes"
    assert state(participant(room, 1))["room"]["broadcast"]["text"] == "Everyone: coffee"

    act(room, "broadcast:clear")
    cleared = state(participant(room, 1))["room"]["broadcast"]
    assert cleared["cleared"] is True and cleared["text"] == ""


# --- displays ---


def test_a_display_link_connection_cannot_write(room, app):
    _link_id, token = display_token(room, app)
    display = room_client(room, {"token": token})

    note = refused(
        display, "note:add", {"id": new_id(), "question_id": room.question_ids[0], "text": "x"}
    )
    start = refused(display, "plan:start")
    status = refused(display, "workshop:status", {"status": "closed"})

    assert note["code"] == start["code"] == status["code"] == "forbidden"
    assert state(room.facilitator)["room"]["plan"]["status"] == "draft"
    assert display.call("notes:snapshot")["me"] == {"role": "display"}


def test_a_display_sees_every_groups_notes_and_the_room_but_no_broadcasts(room, app):
    _link_id, token = display_token(room, app)
    display = room_client(room, {"token": token})
    ada, bo = participant(room, 0, "Ada"), participant(room, 1, "Bo")

    act(room, "broadcast:send", {"text": "Only for people"})
    act(room, "plan:start")
    assert ada.call("note:add", {"id": new_id(), "question_id": room.question_ids[0], "text": "A"})[
        "ok"
    ]
    assert bo.call("note:add", {"id": new_id(), "question_id": room.question_ids[0], "text": "B"})[
        "ok"
    ]

    display.wait_for("note:added", lambda data: data["note"]["text"] == "B")
    texts = sorted(data["note"]["text"] for data in display.received("note:added"))
    assert texts == ["A", "B"]
    assert display.received("step:changed")
    assert display.received("broadcast:changed") == []
    # Its broadcasts chain without a gap: each names the display's own previous change (the
    # broadcast meant for people is not one), so a display can tell a lost broadcast too.
    with display.arrived:
        changes = sorted(
            (
                data
                for _name, data in display.events
                if isinstance(data, dict) and "prev_seq" in data
            ),
            key=lambda data: data["seq"],
        )
    assert [data["prev_seq"] for data in changes] == [0] + [data["seq"] for data in changes[:-1]]
    seen = state(display)
    assert seen["room"]["broadcast"] is None
    assert [group["name"] for group in seen["groups"]] == ["Group 1", "Group 2"]


def test_a_revoked_display_link_is_refused(room, app):
    link_id, token = display_token(room, app)
    display = room_client(room, {"token": token})

    response = app.test_client().delete(
        f"/api/v1/workshops/{room.workshop_id}/display-links/{link_id}",
        headers={"Authorization": f"Bearer {room.facilitator_token()}"},
    )

    assert response.status_code == 204
    assert refused(display, "room:state")["code"] == "unauthorised"
    assert room.refusal({"token": token})["data"]["code"] == "unauthorised"


# --- the plenary, paged by the facilitator ---


def test_the_plenary_shows_one_question_at_a_time_and_follows_the_facilitator(room, app):
    _link_id, token = display_token(room, app)
    display = room_client(room, {"token": token})
    act(room, "plan:start")
    plenary_step = state(room.facilitator)["room"]["plan"]["steps"][-1]

    act(room, "step:goto", {"step_id": plenary_step["id"]})
    entered = display.wait_for("step:changed", lambda data: data["step"]["kind"] == "plenary")
    assert entered["plenary"] == {"question_id": room.question_ids[0], "position": 1, "count": 6}

    act(room, "plenary:next")
    paged = display.wait_for("plenary:changed")
    assert paged["plenary"] == {"question_id": room.question_ids[1], "position": 2, "count": 6}
    act(room, "plenary:previous")
    assert refused(room.facilitator, "plenary:previous")["code"] == "no_previous_question"


# --- the facilitator's view: quiet groups, latest notes ---


def test_groups_silent_in_a_round_after_the_set_time_are_flagged_quiet(room, clock, app):
    app.config["QUIET_AFTER_SECONDS"] = 180
    ada = participant(room, 0)
    act(room, "plan:start")
    assert ada.call("note:add", {"id": new_id(), "question_id": room.question_ids[0], "text": "A"})[
        "ok"
    ]

    early = {group["name"]: group["quiet"] for group in state(room.facilitator)["groups"]}
    clock.advance(200)
    later = {group["name"]: group["quiet"] for group in state(room.facilitator)["groups"]}

    assert early == {"Group 1": False, "Group 2": False}
    assert later == {"Group 1": False, "Group 2": True}


def test_note_counts_carry_each_cells_latest_words(room):
    ada = participant(room, 0)
    for text in ("First point", "Work with universities but keep the final say\n- always"):
        assert ada.call(
            "note:add", {"id": new_id(), "question_id": room.question_ids[0], "text": text}
        )["ok"]

    (cell,) = room.facilitator.call("notes:counts")["counts"]

    assert cell["count"] == 2
    assert cell["latest"]["excerpt"] == "Work with universities but keep the final say - always"


# --- the timer, with the app's clock ---


def test_the_timer_pauses_resumes_and_extends_by_the_servers_clock(room, clock):
    act(room, "timer:start", {"seconds": 120})
    clock.advance(30)
    paused = act(room, "timer:pause")["change"]["timer"]
    clock.advance(100)
    resumed = act(room, "timer:resume")["change"]["timer"]
    extended = act(room, "timer:extend", {"seconds": 60})["change"]["timer"]

    assert paused == {
        "state": "paused",
        "duration_ms": 120_000,
        "ends_at": None,
        "remaining_ms": 90_000,
    }
    assert resumed["ends_at"] == "2026-03-04T14:03:40+00:00"  # 14:02:10 + 90 s
    assert extended["ends_at"] == "2026-03-04T14:04:40+00:00"
    assert extended["duration_ms"] == 180_000
    assert state(room.facilitator)["now"] == "2026-03-04T14:02:10+00:00"
    assert refused(room.facilitator, "timer:resume")["code"] == "timer_not_paused"


# --- bad input: clear errors, nothing half-changed ---


def test_bad_room_input_is_refused_with_a_reason_and_changes_nothing(room, make_workshop):
    ada = participant(room)
    other_question = make_workshop(sections=("Elsewhere",))
    before = state(room.facilitator)

    too_long = refused(room.facilitator, "broadcast:send", {"text": "x" * 501})
    no_step = refused(room.facilitator, "step:goto", {"step_id": 999_999})
    not_running = refused(room.facilitator, "step:next")
    by_participant = refused(ada, "plan:start")
    other_lock = refused(
        room.facilitator, "lock:set", {"target": "question", "id": 999_999, "locked": True}
    )
    too_much_time = refused(room.facilitator, "timer:extend", {"seconds": 8 * 3600 + 1})
    bad_target = refused(room.facilitator, "lock:set", {"target": "room", "id": 1, "locked": "yes"})

    assert too_long["code"] == "broadcast_too_long"
    assert too_long["details"]["max"] == 500
    assert "500" in too_long["message"]
    assert no_step["code"] == "step_not_found"
    assert not_running["code"] == "plan_not_running"
    assert by_participant["code"] == "forbidden"
    assert other_lock["code"] == "question_not_found"
    assert too_much_time["code"] == "invalid_input"
    assert set(bad_target["details"]["fields"]) == {"target", "locked"}
    assert other_question
    assert state(room.facilitator) == before


def test_a_step_cannot_start_twice_and_a_finished_plan_cannot_move(room):
    started = act(room, "plan:start")
    current = started["change"]["step"]["id"]

    assert (
        refused(room.facilitator, "step:goto", {"step_id": current})["code"]
        == "step_already_current"
    )
    assert refused(room.facilitator, "step:goto", {"step_id": 999_999})["code"] == "step_not_found"
    assert refused(room.facilitator, "plan:start")["code"] == "plan_already_started"
    assert refused(room.facilitator, "step:previous")["code"] == "no_previous_step"
    act(room, "plan:finish")
    assert refused(room.facilitator, "step:next")["code"] == "plan_finished"
    assert refused(room.facilitator, "plan:start")["code"] == "plan_finished"


def test_bring_everyone_to_a_question(room):
    ada = participant(room)

    act(room, "focus:set", {"question_id": room.question_ids[2]})

    assert ada.wait_for("focus:changed")["focus"] == {"question_id": room.question_ids[2]}
    assert apply_room({}, ada.received("focus:changed")[0]) == {
        "focus": {"question_id": room.question_ids[2]}
    }


def test_room_actions_and_plan_edits_over_http_reach_the_sockets(room, app):
    ada = participant(room)
    headers = {"Authorization": f"Bearer {room.facilitator_token()}"}
    http = app.test_client()

    sent = http.post(
        f"/api/v1/workshops/{room.workshop_id}/broadcasts",
        json={"text": "Over HTTP"},
        headers=headers,
    )
    added = http.post(
        f"/api/v1/workshops/{room.workshop_id}/plan/steps",
        json={"title": "Coffee", "kind": "break"},
        headers=headers,
    )

    assert sent.status_code == 200 and added.status_code == 201
    assert ada.wait_for("broadcast:changed")["seq"] == sent.get_json()["seq"]
    titles = [step["title"] for step in ada.wait_for("plan:changed")["plan"]["steps"]]
    assert titles[-1] == "Coffee"


def test_each_timer_change_says_what_was_done_to_the_timer(room, clock):
    """A restart and "+1 min" both leave a running timer running: the change's `action` tells
    the room which it heard, in the broadcast and in the feed a reconnecting client reads."""
    ada = participant(room)
    act(room, "plan:start")
    ada.wait_for("step:changed")
    done = [
        ("timer:start", {"seconds": 120}),
        ("timer:start", {"seconds": 60}),  # set afresh while it runs
        ("timer:extend", {"seconds": 60}),
        ("timer:pause", {}),
        ("timer:resume", {}),
        ("timer:clear", {}),
    ]
    last = [act(room, event, payload)["seq"] for event, payload in done][-1]
    ada.wait_for("timer:changed", lambda change: change["seq"] == last)
    heard = ada.received("timer:changed")
    assert [change["action"] for change in heard] == [
        "started",
        "started",
        "extended",
        "paused",
        "resumed",
        "stopped",
    ]
    assert heard[1]["timer"]["duration_ms"] == 60_000
    assert heard[2]["timer"]["duration_ms"] == 120_000

    feed = ada.call("changes:since", {"seq": 0})["changes"]
    timers = [change["action"] for change in feed if change["kind"] == "timer:changed"]
    assert timers == ["started", "started", "extended", "paused", "resumed", "stopped"]
