"""The groups API: create, rename, reorder, delete groups and choose their questions by token."""

import pytest

from tests.outline_helpers import ISSUE_EXAMPLE, workshop_outline
from workshop.extensions import db
from workshop.models import Group, Workshop
from workshop.services.outline import outline_questions
from workshop.services.outline_text import import_outline


@pytest.fixture
def workshop_id(app, owner, make_workshop):
    workshop_id = make_workshop(owner_id=owner, sections=(), groups=0)
    with app.app_context():
        import_outline(db.session.get(Workshop, workshop_id), ISSUE_EXAMPLE)
    return workshop_id


def create(client, workshop_id, auth, payload):
    return client.post(f"/api/v1/workshops/{workshop_id}/groups", json=payload, headers=auth)


def names(client, workshop_id, auth) -> list[str]:
    response = client.get(f"/api/v1/workshops/{workshop_id}/groups", headers=auth)
    return [group["name"] for group in response.get_json()["groups"]]


def test_client_creates_three_groups_working_on_every_question(app, client, workshop_id, auth):
    response = create(client, workshop_id, auth, {"count": 3})
    assert response.status_code == 201
    groups = response.get_json()["groups"]
    every = [q["id"] for q in outline_questions(workshop_outline(app, workshop_id))]
    assert [g["name"] for g in groups] == ["Group 1", "Group 2", "Group 3"]
    assert all(g["all_questions"] and g["question_ids"] == every for g in groups)
    assert groups[0]["participant_count"] == 0


@pytest.mark.parametrize("language", ["da", "nb"])
def test_groups_of_a_danish_or_norwegian_workshop_are_named_gruppe(
    app, client, owner, auth, make_workshop, language
):
    """As docs/api.md promises, whatever language the API client's requests ask for."""
    workshop_id = make_workshop(owner_id=owner, language=language, groups=0)
    headers = {**auth, "Accept-Language": "en"}
    response = client.post(
        f"/api/v1/workshops/{workshop_id}/groups", json={"count": 2}, headers=headers
    )
    assert [g["name"] for g in response.get_json()["groups"]] == ["Gruppe 1", "Gruppe 2"]


def test_one_named_group_rename_and_move(client, workshop_id, auth):
    create(client, workshop_id, auth, {"count": 2})
    response = create(client, workshop_id, auth, {"name": "  Styringsgruppen  "})
    assert response.status_code == 201
    group = response.get_json()
    assert (group["name"], group["position"]) == ("Styringsgruppen", 2)
    response = client.patch(
        f"/api/v1/groups/{group['id']}", json={"name": "Ledelsen"}, headers=auth
    )
    assert response.get_json()["name"] == "Ledelsen"
    response = client.post(
        f"/api/v1/groups/{group['id']}/move", json={"direction": "up"}, headers=auth
    )
    assert [g["name"] for g in response.get_json()["groups"]] == ["Group 1", "Ledelsen", "Group 2"]
    assert client.get(f"/api/v1/groups/{group['id']}", headers=auth).get_json()["position"] == 1
    taken = client.patch(f"/api/v1/groups/{group['id']}", json={"name": "group 1"}, headers=auth)
    assert taken.status_code == 400
    error = taken.get_json()["error"]
    assert error["code"] == "group_name_taken" and error["details"]["field"] == "name"


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"count": 0}, 400, "invalid_input"),
        ({"count": "3"}, 400, "invalid_json"),
        ({"count": 101}, 409, "too_many_groups"),
        ({"name": ""}, 400, "invalid_input"),
        ({"name": "x" * 101}, 400, "invalid_input"),
        ({}, 400, "invalid_input"),
    ],
)
def test_bad_group_payloads_are_refused(client, workshop_id, auth, payload, status, code):
    response = create(client, workshop_id, auth, payload)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    assert names(client, workshop_id, auth) == []


def test_asking_for_too_many_groups_says_how_many_in_the_callers_language(
    client, workshop_id, auth
):
    response = create(client, workshop_id, auth, {"count": 101})
    assert response.status_code == 409
    message = response.get_json()["error"]["message"]
    assert (
        message == "A workshop can have at most 100 groups; it has 0, and 101 more would make 101."
    )
    danish = create(client, workshop_id, {**auth, "Accept-Language": "da"}, {"count": 101})
    assert danish.get_json()["error"]["message"] == (
        "En workshop kan højst have 100 grupper; denne har 0, og 101 til ville give 101."
    )


def test_choose_questions_by_id_and_by_section_then_all_again(app, client, workshop_id, auth):
    (group,) = create(client, workshop_id, auth, {"count": 1}).get_json()["groups"]
    international, national = workshop_outline(app, workshop_id)
    url = f"/api/v1/groups/{group['id']}/questions"
    block_b = national["blocks"][1]
    payload = {
        "question_ids": [international["questions"][0]["id"]],
        "section_ids": [block_b["id"]],
    }
    response = client.put(url, json=payload, headers=auth)
    assert response.status_code == 200
    chosen = response.get_json()
    assert chosen["all_questions"] is False
    assert chosen["question_ids"] == [
        international["questions"][0]["id"],
        *(q["id"] for q in block_b["questions"]),
    ]
    assert chosen["section_ids"] == [block_b["id"]]  # kept as chosen, for questions added later
    response = client.put(url, json={"all": True}, headers=auth)
    assert response.get_json()["all_questions"] is True
    assert len(response.get_json()["question_ids"]) == 7
    assert response.get_json()["section_ids"] == []


@pytest.mark.parametrize(
    "payload",
    [
        {"question_ids": []},
        {"question_ids": [999999]},
        {"question_ids": "1"},
        {"all": "yes"},
        {"section_ids": [1.5]},
    ],
)
def test_bad_question_choices_are_refused(client, workshop_id, auth, payload):
    (group,) = create(client, workshop_id, auth, {"count": 1}).get_json()["groups"]
    response = client.put(f"/api/v1/groups/{group['id']}/questions", json=payload, headers=auth)
    assert response.status_code == 400
    assert client.get(f"/api/v1/groups/{group['id']}", headers=auth).get_json()["all_questions"]


def test_delete_an_empty_group_but_not_one_with_participants(
    client, workshop_id, auth, make_participant
):
    first, second = create(client, workshop_id, auth, {"count": 2}).get_json()["groups"]
    make_participant(workshop_id, group_index=0)
    response = client.delete(f"/api/v1/groups/{first['id']}", headers=auth)
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "group_has_participants"
    assert client.delete(f"/api/v1/groups/{second['id']}", headers=auth).status_code == 204
    assert names(client, workshop_id, auth) == ["Group 1"]
    group = client.get(f"/api/v1/groups/{first['id']}", headers=auth).get_json()
    assert group["participant_count"] == 1


def test_without_a_token_every_route_answers_401(client, workshop_id):
    routes = [
        ("get", f"/api/v1/workshops/{workshop_id}/groups"),
        ("post", f"/api/v1/workshops/{workshop_id}/groups"),
        ("get", "/api/v1/groups/1"),
        ("patch", "/api/v1/groups/1"),
        ("delete", "/api/v1/groups/1"),
        ("post", "/api/v1/groups/1/move"),
        ("put", "/api/v1/groups/1/questions"),
    ]
    for method, url in routes:
        response = getattr(client, method)(url, json={})
        assert response.status_code == 401, url


def test_another_facilitators_groups_are_not_found(
    app, client, auth, make_workshop, make_facilitator
):
    theirs = make_workshop(owner_id=make_facilitator(), groups=1)
    with app.app_context():
        group_id = db.session.scalar(db.select(Group.id).where(Group.workshop_id == theirs))
    for response in (
        client.get(f"/api/v1/workshops/{theirs}/groups", headers=auth),
        create(client, theirs, auth, {"count": 1}),
        client.get(f"/api/v1/groups/{group_id}", headers=auth),
        client.patch(f"/api/v1/groups/{group_id}", json={"name": "mine"}, headers=auth),
        client.delete(f"/api/v1/groups/{group_id}", headers=auth),
        client.post(f"/api/v1/groups/{group_id}/move", json={"direction": "up"}, headers=auth),
        client.put(f"/api/v1/groups/{group_id}/questions", json={"all": True}, headers=auth),
    ):
        assert response.status_code == 404
        assert response.get_json()["error"]["code"] == "workshop_not_found"
    with app.app_context():
        assert db.session.get(Group, group_id).name == "Group 1"


def test_openapi_describes_the_group_routes(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"get", "post"} <= set(paths["/workshops/{workshop_id}/groups"])
    assert "put" in paths["/groups/{group_id}/questions"]
