"""JSON API for the facilitator's account and workshops, with bearer API tokens."""

import pytest
from sqlalchemy import select

from tests.workshops_helpers import bearer, make_api_token
from workshop.extensions import db
from workshop.models import Change, Facilitator, Group, Participant, Question, Workshop
from workshop.models.workshop import (
    LABEL_NUMBER_MAX,
    LABEL_WORD_MAX,
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    TITLE_MAX,
)

RTL_AND_EMOJI = "Strategi æøå ÆØÅ — مرحبا بالعالم 🎉"
WORKSHOP_KEYS = {
    "id",
    "title",
    "theme",
    "date",
    "place",
    "language",
    "document_number",
    "reference",
    "annex_title",
    "annex_intro",
    "annex_label_word",
    "annex_label_number",
    "join_code",
    "join_url",
    "status",
    "anonymity",
    "group_mode",
    "owner",
    "created_at",
    "updated_at",
}


def create(api, **fields):
    response = api("post", "/workshops", json={"title": "Strategy", **fields})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


# --- authentication ---


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/me"),
        ("get", "/workshops"),
        ("post", "/workshops"),
        ("get", "/workshops/1"),
        ("patch", "/workshops/1"),
        ("delete", "/workshops/1"),
        ("post", "/workshops/1/duplicate"),
        ("post", "/workshops/1/status"),
        ("get", "/workshops/1/co-facilitators"),
        ("post", "/workshops/1/co-facilitators"),
        ("delete", "/workshops/1/co-facilitators/1"),
    ],
)
@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wsf_not-a-token"}, {"Authorization": "Basic b3duZXI6cHc="}],
)
def test_every_route_needs_a_valid_api_token(client, make_workshop, method, path, headers):
    make_workshop()
    response = client.open(f"/api/v1{path}", method=method.upper(), headers=headers, json={})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorised"


def test_participant_token_is_not_a_facilitator_token(client, make_workshop, make_participant):
    _participant_id, token = make_participant(make_workshop())
    assert client.get("/api/v1/workshops", headers=bearer(token)).status_code == 401


def test_logged_in_browser_session_is_not_enough_for_the_api(client, owner, login_as):
    login_as(owner)
    assert client.get("/api/v1/me").status_code == 401


def test_me_describes_the_token_owner(api, owner):
    assert api("get", "/me").get_json() == {
        "id": owner,
        "email": "owner@example.org",
        "display_name": "Olga Owner",
        "language": None,
    }


# --- create, read, list ---


def test_create_returns_the_workshop_in_its_documented_shape(api, owner):
    response = api(
        "post",
        "/workshops",
        json={
            "title": "Strategy",
            "date": "2025-03-14",
            "language": "da",
            "group_mode": "assigned",
        },
    )
    assert response.status_code == 201
    workshop = response.get_json()
    assert set(workshop) == WORKSHOP_KEYS
    assert response.headers["Location"].endswith(f"/api/v1/workshops/{workshop['id']}")
    assert workshop["status"] == "draft"
    assert workshop["date"] == "2025-03-14"
    assert (workshop["annex_label_word"], workshop["annex_label_number"]) == ("", "1")
    assert (workshop["language"], workshop["anonymity"], workshop["group_mode"]) == (
        "da",
        "named",
        "assigned",
    )
    assert workshop["owner"] == {
        "id": owner,
        "email": "owner@example.org",
        "display_name": "Olga Owner",
    }
    assert workshop["join_url"] == f"http://localhost/j/{workshop['join_code']}"
    assert workshop["created_at"].endswith("+00:00")


def test_join_url_uses_the_public_url_when_configured(app, api):
    app.config["PUBLIC_URL"] = "https://workshop.example.org/"
    workshop = create(api)
    assert workshop["join_url"] == f"https://workshop.example.org/j/{workshop['join_code']}"


def test_non_ascii_round_trips_exactly(api):
    fields = {
        "title": RTL_AND_EMOJI,
        "theme": "שלום 🙂",
        "place": "Tromsø",
        "document_number": "Nr. ÆØÅ-1",
        "reference": "مرجع",
        "annex_title": "Vedlegg 1 — notater fra gruppene",
        "annex_intro": "Linje én\nLinje to 🎈",
    }
    workshop = create(api, **fields)
    again = api("get", f"/workshops/{workshop['id']}").get_json()
    assert {name: again[name] for name in fields} == fields


def test_read_only_fields_in_a_create_are_ignored(api):
    workshop = create(api, status="live", join_code="AAAAAA", id=999, owner=1)
    assert workshop["status"] == "draft"
    assert workshop["join_code"] != "AAAAAA"
    assert workshop["id"] != 999


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("title", TITLE_MAX),
        ("place", SHORT_TEXT_MAX),
        ("annex_intro", LONG_TEXT_MAX),
        ("annex_label_word", LABEL_WORD_MAX),
        ("annex_label_number", LABEL_NUMBER_MAX),
    ],
)
def test_oversize_fields_are_refused_stating_the_limit(app, api, field, limit):
    response = api("post", "/workshops", json={"title": "T", field: "x" * (limit + 1)})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "invalid_input"
    assert error["details"]["fields"][field] == [f"At most {limit:,} characters."]
    with app.app_context():
        assert db.session.query(Workshop).count() == 0


def test_invalid_fields_are_all_reported_at_once(api):
    response = api(
        "post",
        "/workshops",
        json={
            "title": "",
            "date": "14/03/2025",
            "language": "fr",
            "anonymity": "x",
            "group_mode": 3,
        },
    )
    assert response.status_code == 400
    fields = response.get_json()["error"]["details"]["fields"]
    assert set(fields) == {"title", "date", "language", "anonymity", "group_mode"}


@pytest.mark.parametrize("body", ["not json", "[1, 2]", '{"title": ["a list"]}', '"Strategy"'])
def test_body_that_is_not_a_json_object_of_values_is_refused(app, api, body):
    response = api("post", "/workshops", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_json"
    with app.app_context():
        assert db.session.query(Workshop).count() == 0


def test_list_has_own_and_shared_workshops_only(app, api, owner, make_facilitator, make_workshop):
    mine = create(api, title="Mine")
    colleague = make_facilitator()
    shared = make_workshop(owner_id=colleague, title="Shared")
    make_workshop(owner_id=colleague, title="Not shared")
    with app.app_context():
        workshop = db.session.get(Workshop, shared)
        workshop.co_facilitators.append(db.session.get(Facilitator, owner))
        db.session.commit()
    listed = api("get", "/workshops").get_json()["workshops"]
    assert sorted(w["title"] for w in listed) == ["Mine", "Shared"]
    assert mine["id"] in [w["id"] for w in listed]


# --- other facilitators' workshops ---


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "", None),
        ("patch", "", {"title": "Hijacked"}),
        ("delete", "", None),
        ("post", "/duplicate", None),
        ("post", "/status", {"status": "live"}),
        ("get", "/co-facilitators", None),
        ("post", "/co-facilitators", {"email": "owner@example.org"}),
    ],
)
def test_someone_elses_workshop_is_not_found(app, api, make_workshop, method, path, body):
    theirs = make_workshop(title="Theirs")
    response = api(method, f"/workshops/{theirs}{path}", json=body)
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "workshop_not_found"
    assert "Theirs" not in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Workshop).count() == 1
        assert db.session.get(Workshop, theirs).title == "Theirs"
        assert db.session.get(Workshop, theirs).co_facilitators == []


# --- change, duplicate, delete ---


def test_patch_changes_only_the_given_fields(api):
    workshop = create(api, place="Oslo", theme="Rights", date="2025-03-14")
    response = api("patch", f"/workshops/{workshop['id']}", json={"place": "Bergen", "date": None})
    assert response.status_code == 200
    changed = response.get_json()
    assert (changed["place"], changed["theme"], changed["date"]) == ("Bergen", "Rights", None)


def test_invalid_patch_changes_nothing(api):
    workshop = create(api, place="Oslo")
    response = api(
        "patch", f"/workshops/{workshop['id']}", json={"place": "Bergen", "title": "x" * 999}
    )
    assert response.status_code == 400
    assert api("get", f"/workshops/{workshop['id']}").get_json()["place"] == "Oslo"


def test_duplicate_copies_outline_and_groups_but_not_participants(
    app, api, owner, make_workshop, make_participant
):
    original = make_workshop(owner_id=owner, title="Q1", questions=3, groups=2)
    make_participant(original)
    response = api("post", f"/workshops/{original}/duplicate")
    assert response.status_code == 201
    copy = response.get_json()
    assert copy["title"] == "Q1 (copy)"
    assert copy["status"] == "draft"
    with app.app_context():
        assert db.session.query(Question).filter_by(workshop_id=copy["id"]).count() == 3
        assert db.session.query(Group).filter_by(workshop_id=copy["id"]).count() == 2
        assert db.session.query(Participant).filter_by(workshop_id=copy["id"]).count() == 0


def test_owner_deletes_a_workshop(app, api):
    workshop = create(api)
    response = api("delete", f"/workshops/{workshop['id']}")
    assert response.status_code == 204
    assert api("get", f"/workshops/{workshop['id']}").status_code == 404


def test_co_facilitator_may_change_but_not_delete_or_share(app, client, api, make_facilitator):
    workshop = create(api)
    co = make_facilitator(email="co@example.org")
    make_facilitator(email="third@example.org")
    api("post", f"/workshops/{workshop['id']}/co-facilitators", json={"email": "co@example.org"})
    co_headers = bearer(make_api_token(app, co))
    base = f"/api/v1/workshops/{workshop['id']}"
    assert client.patch(base, headers=co_headers, json={"place": "Bodø"}).status_code == 200
    refused = client.delete(base, headers=co_headers)
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "owner_only"
    share = client.post(
        f"{base}/co-facilitators", headers=co_headers, json={"email": "third@example.org"}
    )
    assert share.status_code == 403
    assert api("get", f"/workshops/{workshop['id']}").get_json()["place"] == "Bodø"


# --- status ---


def test_status_moves_along_the_lifecycle_and_is_recorded(app, api):
    workshop = create(api)
    path = f"/workshops/{workshop['id']}/status"
    assert api("post", path, json={"status": "live"}).get_json()["status"] == "live"
    assert api("post", path, json={"status": "closed"}).get_json()["status"] == "closed"
    assert api("post", path, json={"status": "live"}).get_json()["status"] == "live"
    with app.app_context():
        statuses = db.session.scalars(
            select(Change.payload).where(Change.workshop_id == workshop["id"]).order_by(Change.seq)
        ).all()
    assert [s["status"] for s in statuses] == ["live", "closed", "live"]


def test_wrong_status_moves_are_refused(api):
    workshop = create(api)
    path = f"/workshops/{workshop['id']}/status"
    conflict = api("post", path, json={"status": "closed"})
    assert conflict.status_code == 409
    assert conflict.get_json()["error"]["code"] == "workshop_status_move"
    unknown = api("post", path, json={"status": "archived"})
    assert unknown.status_code == 400
    assert "status" in unknown.get_json()["error"]["details"]["fields"]
    assert api("get", f"/workshops/{workshop['id']}").get_json()["status"] == "draft"


# --- co-facilitators ---


def test_owner_shares_lists_and_unshares(api, make_facilitator):
    workshop = create(api)
    co = make_facilitator(email="co@example.org", name="Cato 🎩")
    path = f"/workshops/{workshop['id']}/co-facilitators"
    added = api("post", path, json={"email": " CO@example.org"})
    assert added.status_code == 201
    assert added.get_json() == {"id": co, "email": "co@example.org", "display_name": "Cato 🎩"}
    assert api("get", path).get_json() == {"co_facilitators": [added.get_json()]}
    assert api("delete", f"{path}/{co}").status_code == 204
    assert api("get", path).get_json() == {"co_facilitators": []}
    assert api("delete", f"{path}/{co}").status_code == 404


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"email": "nobody@example.org"}, 404, "facilitator_not_found"),
        ({"email": "owner@example.org"}, 409, "already_owner"),
        ({"email": "not an email"}, 400, "invalid_input"),
        ({}, 400, "invalid_input"),
    ],
)
def test_sharing_errors_are_explained(api, body, status, code):
    workshop = create(api)
    response = api("post", f"/workshops/{workshop['id']}/co-facilitators", json=body)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code


def test_openapi_describes_these_routes(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"get", "post"} <= set(paths["/workshops"])
    assert {"get", "patch", "delete"} <= set(paths["/workshops/{workshop_id}"])
    for path in (
        "/me",
        "/workshops/{workshop_id}/duplicate",
        "/workshops/{workshop_id}/status",
        "/workshops/{workshop_id}/co-facilitators",
        "/workshops/{workshop_id}/co-facilitators/{facilitator_id}",
    ):
        assert path in paths


def test_control_characters_in_a_title_are_dropped_not_a_server_error(client, make_facilitator):
    """PostgreSQL refuses NUL characters; no text a user sends may turn into a 500."""
    from tests.workshops_helpers import bearer, make_api_token

    headers = bearer(make_api_token(client.application, make_facilitator()))
    response = client.post(
        "/api/v1/workshops", json={"title": "Strategy\x00 day\x07 æøå"}, headers=headers
    )
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["title"] == "Strategy day æøå"
