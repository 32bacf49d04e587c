"""The plenary over real python-socketio clients: sharing every group's points and taking them
back, dot votes (budget, cap, idempotency, anonymity) and their results, live and on catch-up."""

import threading

from tests.plenary_helpers import (
    display_link_token,
    facilitator,
    ok,
    open_raw_vote,
    participant,
    place,
    plenary_client,
    refused,
    room_fixture,  # noqa: F401 (the fixture `room`)
    write_note,
)
from tests.realtime_helpers import live, new_id  # noqa: F401 (fixtures)


def test_a_participant_sees_another_groups_points_only_while_they_are_shared(room):
    ada = participant(room, 0, "Ada")
    bo = participant(room, 1, "Bo")
    question = room.question_ids[0]
    write_note(bo, question, "Work with the ombudsman")

    assert ok(ada, "share:get")["share"] is None
    assert ok(ada, "room:state")["room"]["share"] is None
    assert not [n for n in ada.notes_received() if n["note"]["text"] == "Work with the ombudsman"]

    shared = ok(
        room.facilitator, "share:set", {"source": "raw", "scope": "question", "target_id": question}
    )
    change = ada.wait_for("share:changed")
    assert change["seq"] == shared["seq"]
    points = change["share"]["points"]
    assert [(p["text"], p["group_name"]) for p in points] == [
        ("Work with the ombudsman", "Group 2")
    ]
    assert points[0]["author_name"] == "Bo"  # a named workshop
    # The share names its questions, for a page that knew only its own group's.
    named = change["share"]["questions"]
    assert [q["id"] for q in named] == [question] and named[0]["label"] and named[0]["text"]
    assert ok(ada, "room:state")["room"]["share"]["questions"] == named
    assert ok(ada, "share:get")["share"]["points"][0]["text"] == "Work with the ombudsman"

    withdrawn = ok(room.facilitator, "share:withdraw")
    gone = ada.wait_for("share:changed", lambda data: data["seq"] == withdrawn["seq"])
    assert gone["share"] is None
    assert ok(ada, "share:get")["share"] is None
    assert ok(ada, "room:state")["room"]["share"] is None
    assert refused(room.facilitator, "share:withdraw")["code"] == "nothing_shared"


def test_a_participant_who_was_away_catches_up_the_share_and_its_withdrawal(room):
    bo = participant(room, 1, "Bo")
    write_note(bo, room.question_ids[0], "Keep independence")
    ada = participant(room, 0, "Ada")
    since = ok(ada, "changes:since", {"seq": 0})["last_seq"]
    ada.close()
    ok(room.facilitator, "share:set", {"source": "raw", "scope": "all"})
    back = participant(room, 0, "Ada")
    kinds = [c["kind"] for c in ok(back, "changes:since", {"seq": since})["changes"]]
    assert kinds == ["share:changed"]
    ok(room.facilitator, "share:withdraw")
    changes = ok(back, "changes:since", {"seq": since})["changes"]
    assert [c["share"] is None for c in changes] == [False, True]


def test_authors_are_not_shared_outside_a_named_workshop(live):  # noqa: F811
    workshop = live(anonymity="anonymous_to_peers")
    workshop.facilitator = facilitator(workshop)
    bo = participant(workshop, 1, "Bo")
    write_note(bo, workshop.question_ids[0], "A point")
    ada = participant(workshop, 0, "Ada")
    ok(workshop.facilitator, "share:set", {"source": "raw", "scope": "all"})
    point = ada.wait_for("share:changed")["share"]["points"][0]
    assert point["text"] == "A point" and "author_name" not in point
    assert "author_name" not in ok(ada, "share:get")["share"]["points"][0]


def test_a_share_of_a_question_of_another_workshop_is_refused(room, live):  # noqa: F811
    other = live()
    error = refused(
        room.facilitator,
        "share:set",
        {"source": "raw", "scope": "question", "target_id": other.question_ids[0]},
    )
    assert error["code"] == "question_not_found"
    ada = participant(room)
    assert refused(ada, "share:set", {"source": "raw", "scope": "all"})["code"] == "forbidden"


# --- voting ---


def notes_for_vote(workshop, count=3) -> list[str]:
    writer = participant(workshop, 1, "Writer")
    return [write_note(writer, workshop.question_ids[0], f"Point {n}") for n in range(count)]


def test_dots_are_counted_within_budget_and_cap_and_a_repeat_counts_once(room):
    notes_for_vote(room)
    vote = open_raw_vote(
        room.facilitator, room.question_ids[0], dots_per_participant=4, max_per_point=2
    )
    first, second, third = (point["id"] for point in vote["points"])
    ada = participant(room, 0, "Ada")
    assert ok(ada, "vote:state")["vote"]["mine"] == {"dots": [], "left": 4}

    dot_id = new_id()
    placed = place(ada, first, dot_id)
    assert placed["ok"] and placed["mine"]["left"] == 3
    again = place(ada, first, dot_id)
    assert (again["seq"], again["dot"], again["mine"]) == (
        placed["seq"],
        placed["dot"],
        placed["mine"],
    )  # the first result, counted once
    assert place(ada, first)["ok"]
    assert place(ada, first)["error"]["code"] == "vote_over_cap"
    assert place(ada, second)["ok"]
    assert place(ada, third)["ok"]
    over = place(ada, third)
    assert over["error"]["code"] == "vote_over_budget"
    assert over["error"]["details"]["budget"] == 4

    totals = ok(room.facilitator, "vote:state")["vote"]
    assert {r["point_id"]: r["dots"] for r in totals["results"]} == {first: 2, second: 1, third: 1}
    assert totals["voters"] == 1

    removed = ada.call("dot:remove", {"id": dot_id})
    assert removed["ok"] and removed["dot"]["removed"] and removed["mine"]["left"] == 1
    assert ada.call("dot:remove", {"id": dot_id}) == removed


def test_a_closed_vote_refuses_dots_and_reveal_shows_the_ranked_results_to_everyone(room):
    notes_for_vote(room)
    ada = participant(room, 0, "Ada")
    vote = open_raw_vote(room.facilitator, room.question_ids[0])
    points = [point["id"] for point in vote["points"]]
    opened = ada.wait_for("vote:changed")["vote"]
    assert "results" not in opened and "voters" not in opened  # totals hidden until revealed
    place(ada, points[2])
    place(ada, points[2])
    place(ada, points[1])
    counted = room.facilitator.wait_for("dots:counted")
    assert counted["voters"] == 1
    assert ada.received("dots:counted") == [] and ada.received("dots:changed") == []

    ok(room.facilitator, "vote:close")
    assert place(ada, points[0])["error"]["code"] == "vote_closed"
    assert refused(room.facilitator, "vote:close")["code"] == "vote_closed"
    revealed = ok(room.facilitator, "vote:reveal")
    shown = ada.wait_for("vote:changed", lambda data: data["seq"] == revealed["seq"])["vote"]
    assert shown["status"] == "revealed"
    assert [(r["point_id"], r["dots"], r["rank"]) for r in shown["results"]] == [
        (points[2], 2, 1),
        (points[1], 1, 2),
        (points[0], 0, 3),
    ]
    assert shown["voters"] == 1


def test_running_totals_reach_everyone_when_the_vote_shows_them(room):
    notes_for_vote(room, 2)
    vote = open_raw_vote(room.facilitator, room.question_ids[0], show_totals=True)
    ada = participant(room, 0, "Ada")
    bo = participant(room, 1, "Bo")
    answer = place(ada, vote["points"][0]["id"])
    tally = bo.wait_for("dots:changed", lambda data: data["seq"] > answer["seq"])
    assert tally["results"][0] == {
        "point_id": vote["points"][0]["id"],
        "dots": 1,
        "voters": 1,
        "rank": 1,
    }
    # The facilitators hear of the dot itself at once (nobody named), and get the same totals.
    dot = room.facilitator.wait_for("vote:dot", lambda data: data["seq"] == answer["seq"])
    assert dot["vote_id"] == vote["id"] and set(dot) == {"seq", "prev_seq", "kind", "vote_id"}
    assert room.facilitator.wait_for("dots:changed")["seq"] == tally["seq"]


def test_a_room_voting_at_once_gets_a_few_running_totals_not_one_per_dot(room):
    notes_for_vote(room, 2)
    vote = open_raw_vote(room.facilitator, room.question_ids[0], show_totals=True)
    points = [point["id"] for point in vote["points"]]
    voters = [participant(room, i % 2, f"Voter {i}") for i in range(4)]
    watcher = participant(room, 1, "Watcher")
    token = display_link_token(room)
    screen = plenary_client(room, {"token": token})
    opened_seq = ok(watcher, "changes:since", {"seq": 0})["last_seq"]

    def vote_three_times(voter):
        for index in range(3):
            assert place(voter, points[index % 2])["ok"]

    threads = [threading.Thread(target=vote_three_times, args=(v,)) for v in voters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    def all_counted(data):
        return sum(result["dots"] for result in data["results"]) == 12

    for client in (watcher, screen, room.facilitator):
        final = client.wait_for("dots:changed", all_counted)
        assert final["voters"] == 4
    # Twelve dots: the facilitators heard of each, and everyone got the totals a few times.
    totals = watcher.received("dots:changed")
    assert 1 <= len(totals) < 12
    assert len(screen.received("dots:changed")) == len(totals)
    assert len(room.facilitator.received("dots:changed")) == len(totals)
    assert len(room.facilitator.received("vote:dot")) == 12
    assert watcher.received("vote:dot") == [] and screen.received("vote:dot") == []
    # The totals a participant got link up without a gap (the dots' counts are not theirs).
    previous = opened_seq
    for change in totals:
        assert change["prev_seq"] == previous
        previous = change["seq"]
    caught_up = ok(watcher, "changes:since", {"seq": opened_seq})["changes"]
    assert [c["seq"] for c in caught_up] == [c["seq"] for c in totals]


def test_a_participant_who_reconnects_sees_their_own_dots(room):
    notes_for_vote(room, 2)
    vote = open_raw_vote(room.facilitator, room.question_ids[0])
    token = room.participant(0, "Ada")
    ada = participant_with(room, token)
    dot_id = new_id()
    place(ada, vote["points"][1]["id"], dot_id)
    ada.close()
    again = participant_with(room, token)
    mine = ok(again, "room:state")["room"]["vote"]["mine"]
    assert mine == {"dots": [{"id": dot_id, "point_id": vote["points"][1]["id"]}], "left": 4}


def participant_with(workshop, token):
    return plenary_client(workshop, {"token": token})


def test_a_dot_follows_a_move_and_is_refused_after_a_removal_made_since_connecting(room, client):
    notes_for_vote(room)
    first = open_raw_vote(room.facilitator, room.question_ids[0])["points"][0]["id"]
    ada_id, token = room.make_participant(room.workshop_id, 0, "Ada")
    ada = plenary_client(room, {"token": token})
    as_facilitator = {"Authorization": f"Bearer {room.facilitator_token()}"}
    moved = client.patch(
        f"/api/v1/participants/{ada_id}",
        json={"group_id": room.group_ids[1]},
        headers=as_facilitator,
    )
    assert moved.status_code == 200

    assert place(ada, first)["ok"]
    by_group = ok(room.facilitator, "vote:state")["vote"]["by_group"]
    assert by_group == {str(first): {str(room.group_ids[1]): 1}}  # counted in the new group

    removed = client.delete(f"/api/v1/participants/{ada_id}", headers=as_facilitator)
    assert removed.status_code == 204
    assert place(ada, first)["error"]["code"] == "unauthorised"
    results = ok(room.facilitator, "vote:state")["vote"]["results"]
    assert [result["dots"] for result in results if result["point_id"] == first] == [1]


def ada_on_two_devices_beside_bo(room):
    """An open vote; Ada's token, her laptop and phone, and Bo of her group, all in their rooms."""
    notes_for_vote(room, 2)
    vote = open_raw_vote(room.facilitator, room.question_ids[0])
    token = room.participant(0, "Ada")
    laptop, phone = participant_with(room, token), participant_with(room, token)
    neighbour = participant(room, 0, "Bo")
    for device in (laptop, phone, neighbour):
        ok(device, "room:state")
    return vote, token, laptop, phone, neighbour


def test_a_participants_second_device_sees_their_dots_live(room):
    vote, _, laptop, phone, neighbour = ada_on_two_devices_beside_bo(room)
    point = vote["points"][0]["id"]
    dot_id = new_id()
    placed = place(laptop, point, dot_id)

    mine = phone.wait_for("vote:mine")
    assert mine == {
        "vote_id": vote["id"],
        "seq": placed["seq"],
        "mine": {"dots": [{"id": dot_id, "point_id": point}], "left": 4},
    }
    removed = ok(phone, "dot:remove", {"id": dot_id})
    back = laptop.wait_for("vote:mine")
    assert (back["seq"], back["mine"]) == (removed["seq"], {"dots": [], "left": 5})
    # A repeat changes nothing and tells nobody; the device that acted has its acknowledgement;
    # nobody else (not the neighbour in the group, not the facilitator) hears of anyone's dots.
    place(laptop, point, dot_id)
    assert len(laptop.received("vote:mine")) == 1 and len(phone.received("vote:mine")) == 1
    for client in (neighbour, room.facilitator):
        assert client.received("vote:mine") == []


def test_a_dot_placed_through_the_api_reaches_every_device_of_the_participant_live(room, client):
    vote, token, laptop, phone, neighbour = ada_on_two_devices_beside_bo(room)
    point = vote["points"][0]["id"]
    dot = {"id": new_id(), "point_id": point}
    as_ada = {"Authorization": f"Bearer {token}"}

    placed = client.post("/api/v1/participant/dots", json=dot, headers=as_ada)
    assert placed.status_code == 200, placed.json
    for device in (laptop, phone):  # neither sent it, so both are told
        assert device.wait_for("vote:mine") == {
            "vote_id": vote["id"],
            "seq": placed.json["seq"],
            "mine": {"dots": [{"id": dot["id"], "point_id": point}], "left": 4},
        }
    removed = client.delete(f"/api/v1/participant/dots/{dot['id']}", headers=as_ada)
    assert removed.status_code == 200, removed.json
    for device in (laptop, phone):
        told = device.wait_for("vote:mine", lambda mine: mine["seq"] == removed.json["seq"])
        assert told["mine"] == {"dots": [], "left": 5}
    # A repeated removal changes nothing and tells nobody; nobody else hears of anyone's dots.
    client.delete(f"/api/v1/participant/dots/{dot['id']}", headers=as_ada)
    ok(laptop, "room:state")  # a round trip: anything sent before it has arrived
    assert len(laptop.received("vote:mine")) == len(phone.received("vote:mine")) == 2
    for other in (neighbour, room.facilitator):
        assert other.received("vote:mine") == []


def test_a_dot_on_a_point_of_another_workshop_or_by_a_facilitator_is_refused(room, live):  # noqa: F811
    other = live()
    other.facilitator = facilitator(other)
    notes_for_vote(other, 1)
    foreign = open_raw_vote(other.facilitator, other.question_ids[0])["points"][0]["id"]
    ada = participant(room)
    assert place(ada, foreign)["error"]["code"] == "point_not_found"
    assert place(room.facilitator, foreign)["error"]["code"] == "forbidden"
    assert ada.call("dot:remove", {"id": new_id()})["error"]["code"] == "dot_not_found"


# --- many at once ---


def vote_concurrently(clients, attempts):
    """Each client sends its attempts (dot:place payloads) in its own thread; their answers."""
    answers: dict[int, list] = {}

    def run(index, client):
        answers[index] = [
            (payload, place(client, payload["point_id"], payload["id"]))
            for payload in attempts(index)
        ]

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_twenty_participants_voting_at_once_are_counted_exactly(room):
    notes_for_vote(room, 4)
    vote = open_raw_vote(
        room.facilitator, room.question_ids[0], dots_per_participant=5, max_per_point=3
    )
    points = [point["id"] for point in vote["points"]]
    tokens = [room.participant(i % 2, f"P{i}") for i in range(20)]
    clients = [participant_with(room, token) for token in tokens]

    def attempts(index):
        # 7 dots against a budget of 5, every one sent twice (a resend after a lost ack).
        ids = [new_id() for _ in range(7)]
        order = [points[(index + n) % len(points)] for n in range(7)]
        return [{"id": i, "point_id": p} for i, p in zip(ids, order, strict=True) for _ in (1, 2)]

    answers = vote_concurrently(clients, attempts)
    # One participant reconnects and resends everything: nothing more is counted.
    clients[0].close()
    clients[0] = participant_with(room, tokens[0])
    resent = [
        (payload, place(clients[0], payload["point_id"], payload["id"]))
        for payload, _ in answers[0]
    ]
    for (_, first), (_, again) in zip(answers[0], resent, strict=True):
        if first["ok"]:  # the first result again (`mine` is the participant's dots now)
            assert (again["seq"], again["dot"]) == (first["seq"], first["dot"])

    acknowledged = {
        payload["id"]: answer["dot"]["point_id"]
        for per_client in answers.values()
        for payload, answer in per_client
        if answer["ok"]
    }
    for per_client in answers.values():
        unique_ok = {payload["id"] for payload, answer in per_client if answer["ok"]}
        assert len(unique_ok) == 5  # the budget, exactly
        codes = {answer["error"]["code"] for _, answer in per_client if not answer["ok"]}
        assert codes == {"vote_over_budget"}

    results = ok(room.facilitator, "vote:state")["vote"]["results"]
    counted = {result["point_id"]: result["dots"] for result in results}
    expected = {point: list(acknowledged.values()).count(point) for point in points}
    assert counted == expected
    assert sum(counted.values()) == 100
    assert ok(room.facilitator, "vote:state")["vote"]["voters"] == 20


def test_the_cap_per_point_holds_under_concurrency(room):
    notes_for_vote(room, 2)
    vote = open_raw_vote(
        room.facilitator, room.question_ids[0], dots_per_participant=5, max_per_point=2
    )
    target = vote["points"][0]["id"]
    clients = [participant(room, i % 2, f"P{i}") for i in range(10)]
    # Each participant sends five different dots for one point from two connections at once.
    twins = [participant_with(room, room.participant(0, "Twin"))]
    answers = vote_concurrently(
        clients + twins, lambda index: [{"id": new_id(), "point_id": target} for _ in range(5)]
    )
    for per_client in answers.values():
        assert sum(1 for _, answer in per_client if answer["ok"]) == 2
    results = ok(room.facilitator, "vote:state")["vote"]["results"]
    assert results[0] == {"point_id": target, "dots": 22, "voters": 11, "rank": 1}


# --- anonymity ---


def test_no_payload_tells_who_placed_a_dot(room):
    notes_for_vote(room, 2)
    names = ("Ada", "Bo")
    watchers = [participant(room, 1, "Watcher")]
    vote = open_raw_vote(room.facilitator, room.question_ids[0], show_totals=True)
    voters = [participant(room, i, name) for i, name in enumerate(names)]
    with room.app.app_context():
        from workshop.extensions import db
        from workshop.models import Participant

        ids = [
            str(p.id)
            for p in db.session.scalars(
                db.select(Participant).where(Participant.display_name.in_(names))
            )
        ]
    dot_ids = []
    for voter in voters:
        answer = place(voter, vote["points"][0]["id"])
        dot_ids.append(answer["dot"]["id"])
    ok(room.facilitator, "vote:close")
    ok(room.facilitator, "vote:reveal")
    seen = []
    for client in [room.facilitator, *watchers]:
        seen += [str(data) for _, data in client.events]
        seen.append(str(ok(client, "changes:since", {"seq": 0})))
        seen.append(str(ok(client, "room:state")))
        seen.append(str(ok(client, "vote:state")))
    text = "\n".join(seen)
    for name in names:
        assert name not in text
    for dot_id in dot_ids:
        assert dot_id not in text
    for secret in ("participant_id", *[f"'participant': {i}" for i in ids]):
        assert secret not in text


# --- the gap rule, displays, publication ---


def test_hidden_tallies_leave_no_gap_for_participants_and_displays(room, app):
    notes_for_vote(room, 2)
    ada = participant(room, 0, "Ada")
    token = display_link_token(room)
    screen = plenary_client(room, {"token": token})
    vote = open_raw_vote(room.facilitator, room.question_ids[0])
    opened = ada.wait_for("vote:changed")
    place(ada, vote["points"][0]["id"])
    place(ada, vote["points"][1]["id"])
    counted = room.facilitator.wait_for(
        "dots:counted", lambda data: [result["dots"] for result in data["results"]] == [1, 1]
    )
    assert counted["voters"] == 1
    closed = ok(room.facilitator, "vote:close")
    for client in (ada, screen):
        change = client.wait_for("vote:changed", lambda data: data["seq"] == closed["seq"])
        # The dots and their count between them are not theirs to see: no gap to catch up.
        assert change["prev_seq"] == opened["seq"]
        assert "results" not in change["vote"]
        assert client.received("dots:counted") == [] and client.received("vote:dot") == []
        # Nor does their catch-up bring them (the facilitators' does).
        caught_up = ok(client, "changes:since", {"seq": 0})["changes"]
        assert "vote:changed" in [c["kind"] for c in caught_up]
        assert not {"dots:counted", "vote:dot"} & {c["kind"] for c in caught_up}
    facilitators = [c["kind"] for c in ok(room.facilitator, "changes:since", {"seq": 0})["changes"]]
    assert facilitators.count("vote:dot") == 2 and 1 <= facilitators.count("dots:counted") <= 2
    revealed = ok(room.facilitator, "vote:reveal")
    shown = screen.wait_for("vote:changed", lambda data: data["seq"] == revealed["seq"])
    assert [r["dots"] for r in shown["vote"]["results"]] == [1, 1]
    assert ok(screen, "vote:state")["vote"]["status"] == "revealed"
    assert "mine" not in ok(screen, "vote:state")["vote"]


def test_a_display_shows_the_share(room, app):
    writer = participant(room, 1, "Bo")
    write_note(writer, room.question_ids[1], "Shared on the wall")
    token = display_link_token(room)
    screen = plenary_client(room, {"token": token})
    ok(
        room.facilitator,
        "share:set",
        {"source": "raw", "scope": "question", "target_id": room.question_ids[1]},
    )
    points = screen.wait_for("share:changed")["share"]["points"]
    assert [p["text"] for p in points] == ["Shared on the wall"]
    assert ok(screen, "room:state")["room"]["share"]["points"][0]["text"] == "Shared on the wall"


def test_participants_learn_live_that_the_annex_is_published(room, app):
    ada = participant(room, 0, "Ada")
    writer = participant(room, 1, "Bo")
    write_note(writer, room.question_ids[0], "A point")
    api = app.test_client()
    headers = {"Authorization": f"Bearer {room.facilitator_token()}"}
    base = f"/api/v1/workshops/{room.workshop_id}/annex"
    assert api.post(f"{base}/approve", headers=headers).status_code == 201
    published = api.post(f"{base}/publication", json={}, headers=headers).get_json()
    change = ada.wait_for("annex:published")
    assert change["seq"] == published["seq"]
    assert change["publication"]["version"] == 1
    assert change["publication"]["downloads"]["docx"] == f"/w/{room.workshop_id}/annex/docx"
    assert ok(ada, "room:state")["room"]["publication"]["version"] == 1
    withdrawn = api.delete(f"{base}/publication", headers=headers).get_json()
    gone = ada.wait_for("annex:published", lambda data: data["seq"] == withdrawn["seq"])
    assert gone["publication"] is None


def test_a_vote_with_a_timer_starts_the_plenary_steps_timer(room, app):
    notes_for_vote(room, 1)
    api = app.test_client()
    headers = {"Authorization": f"Bearer {room.facilitator_token()}"}
    plan = api.get(f"/api/v1/workshops/{room.workshop_id}/plan", headers=headers).get_json()
    plenary = next(step for step in plan["steps"] if step["kind"] == "plenary")
    ok(room.facilitator, "plan:start")
    ok(room.facilitator, "step:goto", {"step_id": plenary["id"]})
    payload = {"source": "raw", "scope": "all", "timer": True}
    assert refused(room.facilitator, "vote:open", payload)["code"] == "no_duration"
    changed = api.patch(
        f"/api/v1/workshops/{room.workshop_id}/plan/steps/{plenary['id']}",
        json={"duration_minutes": 5},
        headers=headers,
    )
    assert changed.status_code == 200, changed.get_json()
    ada = participant(room, 0, "Ada")
    opened = ok(room.facilitator, "vote:open", payload)
    change = ada.wait_for("vote:changed", lambda data: data["seq"] == opened["seq"])
    assert change["vote"]["timer"] is True
    assert change["timer"]["state"] == "running" and change["timer"]["duration_ms"] == 300_000
    assert ok(ada, "room:state")["room"]["timer"]["state"] == "running"
