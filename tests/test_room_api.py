"""The room over the JSON API: the plan (default from the outline, edited, reordered, copied),
actions answered with their change, the room for each reader, display links, bad input."""

import pytest

from tests.workshops_helpers import api_url as url
from workshop.extensions import db
from workshop.models import Change, Question, Workshop
from workshop.services import workshops as workshops_service


@pytest.fixture
def workshop_id(owner, make_workshop):
    return make_workshop(
        owner_id=owner, sections=("International work", "National work"), status="live"
    )


def plan_of(client, workshop_id, auth) -> dict:
    response = client.get(url(workshop_id, "plan"), headers=auth)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def question_ids(app, workshop_id) -> list[int]:
    with app.app_context():
        return list(
            db.session.scalars(
                db.select(Question.id)
                .where(Question.workshop_id == workshop_id)
                .order_by(Question.id)
            )
        )


def seq_of(app, workshop_id) -> int:
    with app.app_context():
        return db.session.get(Workshop, workshop_id).last_seq


def test_a_new_workshop_gets_a_round_per_section_then_a_plenary(client, workshop_id, auth, app):
    plan = plan_of(client, workshop_id, auth)

    assert plan["status"] == "draft"
    assert [(s["kind"], s["title"]) for s in plan["steps"]] == [
        ("group_round", "International work"),
        ("group_round", "National work"),
        ("plenary", "Feedback in plenary"),
    ]
    questions = question_ids(app, workshop_id)
    assert plan["steps"][0]["question_ids"] == questions[:3]
    assert plan["steps"][2]["question_ids"] == questions


def test_a_section_without_questions_gets_no_round_until_it_has_one(client, workshop_id, auth):
    added = client.post(url(workshop_id, "sections"), json={"heading": "Closing"}, headers=auth)
    assert added.status_code == 201, added.get_json()

    titles = [(s["kind"], s["title"]) for s in plan_of(client, workshop_id, auth)["steps"]]
    assert titles == [
        ("group_round", "International work"),
        ("group_round", "National work"),
        ("plenary", "Feedback in plenary"),
    ]

    section_id = added.get_json()["id"]
    question = client.post(
        url(workshop_id, f"sections/{section_id}/questions"), json={"text": "Next?"}, headers=auth
    )
    assert question.status_code == 201, question.get_json()
    steps = plan_of(client, workshop_id, auth)["steps"]
    assert [s["title"] for s in steps][2:] == ["Closing", "Feedback in plenary"]


def test_the_default_plan_is_in_the_meetings_language(client, owner, make_workshop, auth):
    workshop_id = make_workshop(owner_id=owner, language="da")

    assert plan_of(client, workshop_id, auth)["steps"][-1]["title"] == "Tilbagemelding i plenum"


def test_steps_are_added_changed_reordered_and_deleted(client, workshop_id, auth, app):
    body = {
        "title": "Presentation on the international work",
        "kind": "information",
        "duration_minutes": 20,
        "guidance": "Listen.",
    }
    added = client.post(url(workshop_id, "plan/steps"), json=body, headers=auth)
    assert added.status_code == 201, added.get_json()
    step = added.get_json()
    assert step["position"] == 4 and step["duration_minutes"] == 20

    changed = client.patch(
        url(workshop_id, f"plan/steps/{step['id']}"), json={"title": "Welcome"}, headers=auth
    )
    assert changed.get_json()["title"] == "Welcome"
    assert changed.get_json()["guidance"] == "Listen."

    ids = [s["id"] for s in plan_of(client, workshop_id, auth)["steps"]]
    reordered = client.put(
        url(workshop_id, "plan/order"), json={"step_ids": [ids[-1], *ids[:-1]]}, headers=auth
    )
    assert reordered.get_json()["steps"][0]["title"] == "Welcome"

    deleted = client.delete(url(workshop_id, f"plan/steps/{ids[0]}"), headers=auth)
    assert deleted.status_code == 204
    titles = [s["title"] for s in plan_of(client, workshop_id, auth)["steps"]]
    assert titles == ["Welcome", "National work", "Feedback in plenary"]
    with app.app_context():
        kinds = db.session.scalars(db.select(Change.kind).order_by(Change.seq)).all()
    assert kinds == ["plan:changed"] * 4


def test_bad_steps_are_refused_with_the_field_and_nothing_changes(
    client, workshop_id, auth, make_workshop, owner, app
):
    other = make_workshop(owner_id=owner, sections=("Elsewhere",))
    foreign_question = question_ids(app, other)[0]
    before = plan_of(client, workshop_id, auth)

    no_title = client.post(
        url(workshop_id, "plan/steps"), json={"title": "  ", "kind": "break"}, headers=auth
    )
    too_long = client.post(
        url(workshop_id, "plan/steps"),
        json={"title": "Marathon", "kind": "break", "duration_minutes": 481},
        headers=auth,
    )
    foreign = client.post(
        url(workshop_id, "plan/steps"),
        json={"title": "Round", "kind": "group_round", "question_ids": [foreign_question]},
        headers=auth,
    )
    bad_kind = client.post(
        url(workshop_id, "plan/steps"), json={"title": "Round", "kind": "party"}, headers=auth
    )

    assert no_title.status_code == too_long.status_code == foreign.status_code == 400
    assert list(no_title.get_json()["error"]["details"]["fields"]) == ["title"]
    assert "480" in too_long.get_json()["error"]["details"]["fields"]["duration_minutes"][0]
    assert list(foreign.get_json()["error"]["details"]["fields"]) == ["question_ids"]
    assert list(bad_kind.get_json()["error"]["details"]["fields"]) == ["kind"]
    assert plan_of(client, workshop_id, auth) == before


def test_a_danish_client_gets_the_duration_error_in_danish(client, workshop_id, auth):
    response = client.post(
        url(workshop_id, "plan/steps"),
        json={"title": "Maraton", "kind": "break", "duration_minutes": 600},
        headers={**auth, "Accept-Language": "da"},
    )

    message = response.get_json()["error"]["details"]["fields"]["duration_minutes"][0]
    assert "minutter" in message


def test_room_actions_answer_their_change_and_are_in_the_feed(client, workshop_id, auth, app):
    started = client.post(url(workshop_id, "plan/start"), headers=auth)
    assert started.status_code == 200, started.get_json()
    timer = client.post(
        url(workshop_id, "timer"), json={"action": "start", "seconds": 300}, headers=auth
    )
    broadcast = client.post(url(workshop_id, "broadcasts"), json={"text": "Hello"}, headers=auth)

    assert started.get_json()["change"]["kind"] == "step:changed"
    assert timer.get_json()["change"]["timer"]["duration_ms"] == 300_000
    assert broadcast.get_json()["change"]["broadcast"]["text"] == "Hello"
    feed = client.get(url(workshop_id, "changes?since=0"), headers=auth).get_json()["changes"]
    assert [c["kind"] for c in feed] == ["step:changed", "timer:changed", "broadcast:changed"]
    room = client.get(url(workshop_id, "room"), headers=auth).get_json()
    assert room["room"]["step"]["title"] == "International work"
    assert room["last_seq"] == seq_of(app, workshop_id)
    assert [group["quiet"] for group in room["groups"]] == [False, False]


def test_the_current_step_cannot_be_deleted_and_a_running_plan_not_reset(client, workshop_id, auth):
    current = client.post(url(workshop_id, "plan/start"), headers=auth).get_json()["change"]

    deleted = client.delete(url(workshop_id, f"plan/steps/{current['step']['id']}"), headers=auth)
    reset = client.post(url(workshop_id, "plan/reset"), headers=auth)

    assert deleted.status_code == 409
    assert deleted.get_json()["error"]["code"] == "step_is_current"
    assert reset.get_json()["error"]["code"] == "plan_running"


def test_a_participant_reads_the_room_and_cannot_run_it(
    client, workshop_id, auth, make_participant
):
    client.post(url(workshop_id, "plan/start"), headers=auth)
    _participant_id, token = make_participant(workshop_id)
    participant = {"Authorization": f"Bearer {token}"}

    room = client.get("/api/v1/participant/room", headers=participant)
    run = client.post(url(workshop_id, "plan/next"), headers=participant)

    assert room.get_json()["room"]["step"]["title"] == "International work"
    assert "groups" not in room.get_json()
    assert run.status_code == 401


def test_duplicating_a_workshop_copies_its_plan(client, workshop_id, auth, app, owner):
    client.post(
        url(workshop_id, "plan/steps"),
        json={"title": "Welcome", "kind": "information", "duration_minutes": 10},
        headers=auth,
    )
    client.post(url(workshop_id, "plan/start"), headers=auth)
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        copy_id = workshops_service.duplicate_workshop(workshop, workshop.owner).id

    original = plan_of(client, workshop_id, auth)
    copied = plan_of(client, copy_id, auth)

    assert copied["status"] == "draft" and copied["current_step_id"] is None
    strip = lambda plan: [(s["title"], s["kind"], s["duration_minutes"]) for s in plan["steps"]]  # noqa: E731
    assert strip(copied) == strip(original)
    assert copied["steps"][0]["question_ids"] == question_ids(app, copy_id)[:3]


def test_display_links_are_made_listed_used_and_revoked(client, workshop_id, auth):
    made = client.post(url(workshop_id, "display-links"), json={"name": "Room PC"}, headers=auth)
    assert made.status_code == 201
    link = made.get_json()
    assert link["token"].startswith("wsd_") and link["url"].endswith("/display/" + link["token"])
    display = {"Authorization": f"Bearer {link['token']}"}

    room = client.get("/api/v1/display/room", headers=display).get_json()
    listed = client.get(url(workshop_id, "display-links"), headers=auth).get_json()
    revoked = client.delete(url(workshop_id, f"display-links/{link['id']}"), headers=auth)
    after = client.get("/api/v1/display/room", headers=display)
    run = client.post(url(workshop_id, "plan/start"), headers=display)

    assert room["room"]["broadcast"] is None and room["groups"][0]["name"] == "Group 1"
    assert listed["display_links"][0]["name"] == "Room PC"
    assert "token" not in listed["display_links"][0]
    assert revoked.status_code == 204
    assert after.status_code == 401
    assert run.status_code == 401
