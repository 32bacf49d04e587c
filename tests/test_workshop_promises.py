"""Settings that keep what the join page promised: anonymity only gets stricter once people have
joined, and assigned groups (which go by name) are refused in a workshop that asks no names."""

import re

import pytest

from tests.workshops_helpers import post_form, text_of
from workshop.extensions import db
from workshop.models import Workshop

# Names the option as the form does ("Assigned by the facilitator"), not another way.
ASSIGNED_NEEDS_NAMES = "A fully anonymous workshop asks no names, so “Assigned by the facilitator”"


@pytest.fixture
def facilitator_client(client, owner, login_as):
    """The test client logged in as the owner."""
    return login_as(owner)


def stored(app, workshop_id: int, name: str):
    with app.app_context():
        return getattr(db.session.get(Workshop, workshop_id), name)


def form_settings(**overrides) -> dict:
    """What the edit form posts when nothing else is changed."""
    return {
        "title": "Strategy afternoon",
        "language": "en",
        "anonymity": "named",
        "group_mode": "self_select",
        **overrides,
    }


# --- anonymity: once anyone has joined, only stricter ---


def test_api_refuses_to_show_names_after_people_joined_anonymously(
    app, api, owner, make_workshop, make_participant
):
    workshop_id = make_workshop(owner_id=owner, anonymity="anonymous_to_peers")
    make_participant(workshop_id, name="Ada")
    response = api("patch", f"/workshops/{workshop_id}", json={"anonymity": "named"})
    assert response.status_code == 409
    error = response.get_json()["error"]
    assert error["code"] == "anonymity_lowered"
    assert error["details"]["field"] == "anonymity"
    assert "only be made stricter" in error["message"]
    assert stored(app, workshop_id, "anonymity") == "anonymous_to_peers"


def test_a_refused_anonymity_change_changes_nothing_else(
    app, api, owner, make_workshop, make_participant
):
    workshop_id = make_workshop(owner_id=owner, anonymity="anonymous")
    make_participant(workshop_id, name="")
    response = api(
        "patch", f"/workshops/{workshop_id}", json={"place": "Bergen", "anonymity": "named"}
    )
    assert response.status_code == 409
    assert stored(app, workshop_id, "place") == ""


def test_anonymity_can_still_be_made_stricter_after_people_joined(
    api, owner, make_workshop, make_participant
):
    workshop_id = make_workshop(owner_id=owner, anonymity="named")
    make_participant(workshop_id)
    response = api("patch", f"/workshops/{workshop_id}", json={"anonymity": "anonymous_to_peers"})
    assert response.status_code == 200
    assert response.get_json()["anonymity"] == "anonymous_to_peers"


def test_before_anyone_joins_anonymity_can_go_either_way(api, owner, make_workshop):
    workshop_id = make_workshop(owner_id=owner, anonymity="anonymous")
    response = api("patch", f"/workshops/{workshop_id}", json={"anonymity": "named"})
    assert response.status_code == 200
    assert response.get_json()["anonymity"] == "named"


def test_edit_page_says_why_and_refuses_lowering_anonymity(
    app, facilitator_client, owner, make_workshop, make_participant
):
    workshop_id = make_workshop(owner_id=owner, anonymity="anonymous_to_peers")
    make_participant(workshop_id)
    url = f"/workshops/{workshop_id}/edit"
    assert "anonymity can now only be made stricter" in text_of(facilitator_client.get(url))
    response = post_form(facilitator_client, url, url, form_settings(anonymity="named"))
    page = text_of(response)
    assert "People have already joined on the promise of this anonymity" in page
    html = response.get_data(as_text=True)
    assert 'id="anonymity-errors"' in html
    # The page lands on the choice that was refused (a radio now), described by the reason.
    assert re.search(r'<input autofocus checked id="anonymity-0"[^>]*value="named"', html), html
    assert 'aria-describedby="anonymity-hint anonymity-errors"' in html
    assert stored(app, workshop_id, "anonymity") == "anonymous_to_peers"


def test_edit_page_before_anyone_joined_has_no_such_rule(facilitator_client, owner, make_workshop):
    workshop_id = make_workshop(owner_id=owner, anonymity="anonymous_to_peers")
    page = text_of(facilitator_client.get(f"/workshops/{workshop_id}/edit"))
    assert "only be made stricter" not in page


def test_removed_participants_still_count_as_having_joined(
    app, api, owner, make_workshop, make_participant
):
    workshop_id = make_workshop(owner_id=owner, anonymity="anonymous_to_peers")
    participant_id, _token = make_participant(workshop_id)
    assert api("delete", f"/participants/{participant_id}").status_code == 204
    response = api("patch", f"/workshops/{workshop_id}", json={"anonymity": "named"})
    assert response.status_code == 409


# --- fully anonymous + assigned groups ---


def test_api_refuses_assigned_groups_in_a_fully_anonymous_workshop(app, api):
    response = api(
        "post",
        "/workshops",
        json={"title": "Council", "anonymity": "anonymous", "group_mode": "assigned"},
    )
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert (error["code"], error["details"]["field"]) == (
        "assigned_groups_need_names",
        "group_mode",
    )
    assert ASSIGNED_NEEDS_NAMES in error["message"]
    with app.app_context():
        assert db.session.query(Workshop).count() == 0


@pytest.mark.parametrize(
    ("start", "change"),
    [
        ({"anonymity": "anonymous"}, {"group_mode": "assigned"}),
        ({"group_mode": "assigned"}, {"anonymity": "anonymous"}),
    ],
)
def test_api_refuses_to_reach_the_combination_by_either_setting(
    app, api, owner, make_workshop, start, change
):
    workshop_id = make_workshop(owner_id=owner, **start)
    response = api("patch", f"/workshops/{workshop_id}", json=change)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "assigned_groups_need_names"
    assert stored(app, workshop_id, "anonymity") == start.get("anonymity", "named")


def test_new_workshop_page_explains_the_combination_next_to_the_group_mode(app, facilitator_client):
    page = text_of(facilitator_client.get("/workshops/new"))
    assert "Assigned groups place people by the names they give" in page
    response = post_form(
        facilitator_client,
        "/workshops/new",
        "/workshops/new",
        form_settings(anonymity="anonymous", group_mode="assigned"),
    )
    assert ASSIGNED_NEEDS_NAMES in text_of(response)
    assert 'id="group_mode-errors"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Workshop).count() == 0


def test_a_name_list_for_a_fully_anonymous_workshop_is_refused(api, owner, make_workshop):
    workshop_id = make_workshop(owner_id=owner, anonymity="anonymous", group_mode="self_select")
    groups = api("get", f"/workshops/{workshop_id}/groups").get_json()["groups"]
    body = {"groups": [{"group_id": groups[0]["id"], "names": ["Ada"]}]}
    response = api("put", f"/workshops/{workshop_id}/group-assignments", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "assigned_groups_need_names"


def test_groups_and_participants_pages_explain_a_workshop_already_in_that_state(
    facilitator_client, owner, make_workshop
):
    """A workshop saved like this before the rule existed: the pages say what will happen."""
    workshop_id = make_workshop(owner_id=owner, anonymity="anonymous", group_mode="assigned")
    groups_page = text_of(facilitator_client.get(f"/workshops/{workshop_id}/groups"))
    assert "How participants get a group: Assigned by the facilitator." in groups_page
    assert "a group list cannot place anyone: everyone joins the smallest group" in groups_page
    participants = facilitator_client.get(f"/workshops/{workshop_id}/participants")
    assert "a group list cannot place anyone" in text_of(participants)
    assert "Save the group list" not in text_of(participants)


def test_groups_page_links_an_assigned_workshop_to_its_group_list(
    facilitator_client, owner, make_workshop
):
    workshop_id = make_workshop(owner_id=owner, anonymity="named", group_mode="assigned")
    response = facilitator_client.get(f"/workshops/{workshop_id}/groups")
    assert "Edit the group list" in text_of(response)
    assert "cannot place anyone" not in text_of(response)
    assert f"/workshops/{workshop_id}/participants#assignments-heading" in response.get_data(
        as_text=True
    )
