"""The joining API: join with a code, the participant's own view, and managing who joined."""

import pytest
from sqlalchemy import select

from tests.joining_helpers import group_ids_of, join_code_of, participants_of
from workshop.extensions import db
from workshop.models import ApiToken, Connection, Group, Question
from workshop.models.facilitator import hash_token


@pytest.fixture
def api_token_for(app):
    """Create a facilitator API token; returns the Authorization headers that use it."""

    def make(facilitator_id: int) -> dict:
        secret = ApiToken.new_secret()
        with app.app_context():
            db.session.add(
                ApiToken(facilitator_id=facilitator_id, name="tests", token_hash=hash_token(secret))
            )
            db.session.commit()
        return {"Authorization": f"Bearer {secret}"}

    return make


@pytest.fixture
def owner_api(make_facilitator, make_workshop, api_token_for):
    """A workshop and its owner's API headers: (workshop_id, headers)."""

    def make(**options):
        owner = make_facilitator()
        return make_workshop(owner_id=owner, **options), api_token_for(owner)

    return make


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def api_join(client, code, **payload):
    return client.post("/api/v1/join", json={"code": code, **payload})


# --- Joining ---


def test_client_joins_with_a_code_and_gets_a_participant_token(app, client, make_workshop):
    workshop_id = make_workshop(title="Rådsmøde", groups=2, language="da")
    group_id = group_ids_of(app, workshop_id)[1]
    code = join_code_of(app, workshop_id)
    response = api_join(client, f"{code[:3].lower()}-{code[3:]}", name="Åse 😀", group_id=group_id)
    assert response.status_code == 201
    body = response.get_json()
    assert body["participant_token"].startswith("wsp_")
    assert body["participant"]["display_name"] == "Åse 😀"
    assert body["group"] == {"id": group_id, "name": "Group 2", "position": 1}
    assert body["workshop"] == {
        "id": workshop_id,
        "title": "Rådsmøde",
        "theme": "",
        "language": "da",
        "status": "draft",
        "anonymity": "named",
        "group_mode": "self_select",
    }
    assert body["placement"] == "chosen"
    assert body["participant"]["joined_at"].endswith("+00:00")


def test_join_in_balanced_mode_places_the_client(app, client, make_workshop):
    workshop_id = make_workshop(groups=2, group_mode="balanced_random")
    body = api_join(client, join_code_of(app, workshop_id), name="Ada").get_json()
    assert body["group"]["id"] in group_ids_of(app, workshop_id)
    assert body["placement"] == "balanced"


def test_join_in_assigned_mode_says_when_the_name_is_not_listed(app, client, make_workshop):
    workshop_id = make_workshop(groups=2, group_mode="assigned")
    body = api_join(client, join_code_of(app, workshop_id), name="Stranger").get_json()
    assert body["placement"] == "unlisted"


def test_anonymous_join_needs_no_name(app, client, make_workshop):
    workshop_id = make_workshop(anonymity="anonymous", groups=1)
    response = api_join(client, join_code_of(app, workshop_id))
    assert response.status_code == 201
    assert response.get_json()["participant"]["display_name"] == ""


def test_wrong_code_gets_the_generic_error(client, make_workshop):
    make_workshop()
    response = api_join(client, "ZZZ999", name="Ada")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "join_code_invalid"


def test_closed_workshop_refuses_joining(app, client, make_workshop):
    response = api_join(client, join_code_of(app, make_workshop(status="closed")), name="Ada")
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "workshop_closed"


def test_wrong_codes_are_rate_limited(app, client, make_workshop):
    # The API has no browser key: its wrong codes count against the address.
    app.config["JOIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE"] = 2
    code = join_code_of(app, make_workshop(groups=1))
    api_join(client, "AAAAAA", name="Ada")
    api_join(client, "BBBBBB", name="Ada")
    # A right code too, until the minute is over: else the limit would tell a guess that is
    # right from one that is wrong, and guessing would go on unlimited.
    response = api_join(client, code, name="Ada")
    assert response.status_code == 429
    error = response.get_json()["error"]
    assert error["code"] == "too_many_attempts"
    assert response.headers["Retry-After"] == str(error["details"]["retry_after_seconds"]) == "60"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "Ada"}, "code"),
        ({"code": 123456, "name": "Ada"}, "code"),
        ({"code": "ABCDEF", "name": ["Ada"]}, "name"),
        ({"code": "ABCDEF", "name": "x" * 81}, "name"),
        ({"code": "ABCDEF", "name": "Ada", "group_id": "one"}, "group_id"),
        ({"code": "ABCDEF", "name": "Ada", "group_id": True}, "group_id"),
    ],
)
def test_malformed_join_payload_names_the_field(client, payload, field):
    response = client.post("/api/v1/join", json=payload)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "invalid_input"
    assert field in error["details"]["fields"]


def test_join_body_that_is_not_a_json_object_is_refused(client):
    response = client.post("/api/v1/join", data="code=ABCDEF")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_json"


def test_join_without_a_name_or_group_gets_a_clear_error(app, client, make_workshop):
    workshop_id = make_workshop(groups=2)
    code = join_code_of(app, workshop_id)
    assert api_join(client, code, name=" ").get_json()["error"]["code"] == "name_required"
    no_group = api_join(client, code, name="Ada")
    assert no_group.status_code == 400
    error = no_group.get_json()["error"]
    assert error["code"] == "group_required"
    # The groups to choose from come with it, as the join page shows them.
    groups = error["details"]["groups"]
    assert [(g["name"], g["position"]) for g in groups] == [("Group 1", 0), ("Group 2", 1)]
    assert participants_of(app, workshop_id) == []
    chosen = api_join(client, code, name="Ada", group_id=groups[1]["id"])
    assert chosen.status_code == 201 and chosen.get_json()["group"]["name"] == "Group 2"


# --- The participant's own view ---


def test_participant_reads_their_group_and_its_numbered_questions(app, client, make_workshop):
    workshop_id = make_workshop(sections=("International", "National"), questions=2, groups=1)
    with app.app_context():
        group = db.session.scalar(select(Group).where(Group.workshop_id == workshop_id))
        group.all_questions = False
        group.chosen_questions = list(
            db.session.scalars(select(Question).where(Question.text.like("Question 2 of Nat%")))
        )
        db.session.commit()
    token = api_join(client, join_code_of(app, workshop_id), name="Ada").get_json()[
        "participant_token"
    ]
    body = client.get("/api/v1/participant/me", headers=bearer(token)).get_json()
    assert body["participant"]["display_name"] == "Ada"
    assert body["group"]["name"] == "Group 1"
    assert body["workshop"]["id"] == workshop_id
    assert [section["heading"] for section in body["outline"]] == ["National"]
    question = body["outline"][0]["questions"][0]
    assert (question["text"], question["label"]) == ("Question 2 of National?", "2.")


def test_participant_view_needs_a_participant_token(client, make_facilitator, api_token_for):
    assert client.get("/api/v1/participant/me").status_code == 401
    assert client.get("/api/v1/participant/me", headers=bearer("wsp_nonsense")).status_code == 401
    facilitator_headers = api_token_for(make_facilitator())
    assert client.get("/api/v1/participant/me", headers=facilitator_headers).status_code == 401


def test_removed_participants_token_is_refused(app, client, owner_api):
    workshop_id, headers = owner_api(groups=1)
    body = api_join(client, join_code_of(app, workshop_id), name="Ada").get_json()
    participant_id = body["participant"]["id"]
    assert (
        client.delete(f"/api/v1/participants/{participant_id}", headers=headers).status_code == 204
    )
    me = client.get("/api/v1/participant/me", headers=bearer(body["participant_token"]))
    assert me.status_code == 401


# --- Facilitators ---


def test_facilitator_lists_participants_per_group_with_presence(
    app, client, owner_api, make_participant
):
    workshop_id, headers = owner_api(groups=2)
    ada, _ = make_participant(workshop_id, 0, name="Åse")
    make_participant(workshop_id, 1, name="Bob")
    with app.app_context():
        db.session.add(Connection(sid="s1", workshop_id=workshop_id, participant_id=ada))
        db.session.commit()
    response = client.get(f"/api/v1/workshops/{workshop_id}/participants", headers=headers)
    assert response.status_code == 200
    groups = response.get_json()["groups"]
    assert [g["group"]["name"] for g in groups] == ["Group 1", "Group 2"]
    assert [(p["display_name"], p["online"]) for p in groups[0]["participants"]] == [("Åse", True)]
    assert [(p["display_name"], p["online"]) for p in groups[1]["participants"]] == [("Bob", False)]


def test_facilitator_moves_a_participant(app, client, owner_api, make_participant):
    workshop_id, headers = owner_api(groups=2)
    ada, _ = make_participant(workshop_id, 0)
    target = group_ids_of(app, workshop_id)[1]
    response = client.patch(
        f"/api/v1/participants/{ada}", json={"group_id": target}, headers=headers
    )
    assert response.status_code == 200
    assert response.get_json()["group"]["id"] == target
    assert participants_of(app, workshop_id) == [("Ada", target, True)]
    # In the change feed, so the participant's open pages follow (and only once: moving them to
    # the group they are in records nothing).
    client.patch(f"/api/v1/participants/{ada}", json={"group_id": target}, headers=headers)
    feed = client.get(f"/api/v1/workshops/{workshop_id}/changes?since=0", headers=headers)
    moves = [c for c in feed.get_json()["changes"] if c["kind"] == "participant:moved"]
    assert [(c["participant_id"], c["group_id"]) for c in moves] == [(ada, target)]


def test_move_to_another_workshops_group_is_refused(
    app, client, owner_api, make_workshop, make_participant
):
    workshop_id, headers = owner_api(groups=2)
    elsewhere = group_ids_of(app, make_workshop(groups=1))[0]
    ada, _ = make_participant(workshop_id, 0)
    response = client.patch(
        f"/api/v1/participants/{ada}", json={"group_id": elsewhere}, headers=headers
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "group_not_found"
    missing = client.patch(f"/api/v1/participants/{ada}", json={}, headers=headers)
    assert missing.status_code == 400
    assert "group_id" in missing.get_json()["error"]["details"]["fields"]


def test_join_info_gives_code_link_and_qr_code(app, client, owner_api):
    workshop_id, headers = owner_api()
    code = join_code_of(app, workshop_id)
    info = client.get(f"/api/v1/workshops/{workshop_id}/join-info", headers=headers).get_json()
    assert info["code"] == code
    assert info["url"] == f"http://localhost/j/{code}"
    qr_path = info["qr_svg_url"].removeprefix("http://localhost")
    qr = client.get(qr_path, headers=headers)
    assert qr.mimetype == "image/svg+xml"
    assert qr.get_data(as_text=True).startswith("<svg")


def test_facilitator_sets_and_reads_the_assigned_list(app, client, owner_api):
    workshop_id, headers = owner_api(groups=2, group_mode="assigned")
    one, two = group_ids_of(app, workshop_id)
    url = f"/api/v1/workshops/{workshop_id}/group-assignments"
    payload = {"groups": [{"group_id": one, "names": ["Åse", " Bob "]}]}
    response = client.put(url, json=payload, headers=headers)
    assert response.status_code == 200
    assert response.get_json()["groups"] == [
        {"group_id": one, "group_name": "Group 1", "names": ["Åse", "Bob"]},
        {"group_id": two, "group_name": "Group 2", "names": []},
    ]
    assert client.get(url, headers=headers).get_json() == response.get_json()
    joined = api_join(client, join_code_of(app, workshop_id), name="åse").get_json()
    assert (joined["group"]["id"], joined["placement"]) == (one, "listed")


def test_malformed_assigned_list_is_refused(app, client, owner_api):
    workshop_id, headers = owner_api(groups=2, group_mode="assigned")
    one, two = group_ids_of(app, workshop_id)
    url = f"/api/v1/workshops/{workshop_id}/group-assignments"
    shape = client.put(url, json={"groups": [{"group_id": "1", "names": "Ada"}]}, headers=headers)
    assert shape.status_code == 400
    assert "groups" in shape.get_json()["error"]["details"]["fields"]
    twice = {"groups": [{"group_id": one, "names": ["Ada"]}, {"group_id": two, "names": ["ADA"]}]}
    duplicate = client.put(url, json=twice, headers=headers)
    assert duplicate.get_json()["error"]["code"] == "assignment_duplicate"


FACILITATOR_ROUTES = [
    ("get", "/api/v1/workshops/{workshop}/participants"),
    ("get", "/api/v1/workshops/{workshop}/join-info"),
    ("get", "/api/v1/workshops/{workshop}/join-qr.svg"),
    ("get", "/api/v1/workshops/{workshop}/group-assignments"),
    ("put", "/api/v1/workshops/{workshop}/group-assignments"),
    ("patch", "/api/v1/participants/{participant}"),
    ("delete", "/api/v1/participants/{participant}"),
]


@pytest.mark.parametrize(("method", "route"), FACILITATOR_ROUTES)
def test_facilitator_routes_refuse_missing_and_participant_tokens(
    app, client, make_workshop, make_participant, method, route
):
    workshop_id = make_workshop()
    participant_id, participant_token = make_participant(workshop_id)
    url = route.format(workshop=workshop_id, participant=participant_id)
    call = getattr(client, method)
    assert call(url, json={}).status_code == 401
    response = call(url, json={}, headers=bearer(participant_token))
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorised"


@pytest.mark.parametrize(("method", "route"), FACILITATOR_ROUTES)
def test_another_facilitator_gets_not_found_and_nothing_changes(
    app, client, make_facilitator, make_workshop, make_participant, api_token_for, method, route
):
    workshop_id = make_workshop(groups=2)
    participant_id, _ = make_participant(workshop_id)
    headers = api_token_for(make_facilitator())
    url = route.format(workshop=workshop_id, participant=participant_id)
    payload = {"group_id": group_ids_of(app, workshop_id)[1], "groups": []}
    response = getattr(client, method)(url, json=payload, headers=headers)
    assert response.status_code == 404
    assert participants_of(app, workshop_id) == [("Ada", group_ids_of(app, workshop_id)[0], True)]


def test_unknown_participant_is_not_found(client, owner_api):
    _workshop_id, headers = owner_api()
    assert client.delete("/api/v1/participants/9999", headers=headers).status_code == 404


def test_openapi_describes_the_joining_routes(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "/join" in paths and "post" in paths["/join"]
    assert "/participant/me" in paths
    assert {"patch", "delete"} <= set(paths["/participants/{participant_id}"])
