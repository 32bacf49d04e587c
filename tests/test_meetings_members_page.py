"""The members' link: a read-only view of the published meetings and their approved annexes,
revocable, never showing anyone's contact data."""

import pytest

from tests.meetings_helpers import add_members, make_series, plan_meeting
from tests.workshops_helpers import api_as, bearer


@pytest.fixture
def api(app, client, owner):
    return api_as(app, client, owner, **{"Accept-Language": "en"})


@pytest.fixture
def series(api):
    created = make_series(api, language="da", name="Netværk")
    add_members(api, created["id"])
    return created


@pytest.fixture
def held_meeting(api, series):
    """A held meeting whose item "Strategy" has a workshop with an approved annex."""
    meeting = plan_meeting(api, series["id"], title="Møde 1")
    item = api("post", f"/meetings/{meeting['id']}/items", json={"title": "Strategy"}).get_json()
    workshop = api("post", f"/meetings/{meeting['id']}/items/{item['id']}/workshop").get_json()
    approved = api("post", f"/workshops/{workshop['id']}/annex/approve")
    assert approved.status_code in (200, 201), approved.get_json()
    api("post", f"/meetings/{meeting['id']}/status", json={"status": "held"})
    return {**meeting, "workshop_id": workshop["id"]}


def members_page(client, token: str):
    return client.get("/api/v1/members-page", headers=bearer(token))


def test_members_see_a_published_meeting_with_its_approved_annex(api, client, series, held_meeting):
    token = api("post", f"/series/{series['id']}/members-link").get_json()["token"]
    assert members_page(client, token).get_json()["meetings"] == []  # not published yet

    api("post", f"/meetings/{held_meeting['id']}/publish")
    page = members_page(client, token).get_json()
    [meeting] = page["meetings"]
    assert meeting["title"] == "Møde 1"
    strategy = next(item for item in meeting["items"] if item["title"] == "Strategy")
    assert strategy["annex"] == {"workshop_id": held_meeting["workshop_id"], "version": 1}

    download = client.get(
        f"/api/v1/members-page/annexes/{held_meeting['workshop_id']}?format=md",
        headers=bearer(token),
    )
    assert download.status_code == 200
    assert "BILAG 1" in download.get_data(as_text=True)  # the approved annex, in Danish


def test_the_members_page_names_members_but_shows_no_contact_data(api, client, series):
    token = api("post", f"/series/{series['id']}/members-link").get_json()["token"]
    page = members_page(client, token).get_json()
    assert [m["name"] for m in page["members"]] == ["Aase Asyl", "Rune Opphold", "Mottak Mia"]
    assert "@example.org" not in str(page)


def test_a_revoked_or_replaced_members_link_opens_nothing(api, client, series, held_meeting):
    api("post", f"/meetings/{held_meeting['id']}/publish")
    first = api("post", f"/series/{series['id']}/members-link").get_json()["token"]
    second = api("post", f"/series/{series['id']}/members-link").get_json()["token"]
    assert members_page(client, first).status_code == 401
    assert members_page(client, second).status_code == 200
    api("delete", f"/series/{series['id']}/members-link")
    assert members_page(client, second).status_code == 401
    download = client.get(
        f"/api/v1/members-page/annexes/{held_meeting['workshop_id']}", headers=bearer(second)
    )
    assert download.status_code == 401


def test_a_members_link_opens_no_annex_of_another_series(api, client, series, held_meeting):
    api("post", f"/meetings/{held_meeting['id']}/publish")
    other = make_series(api, name="Another network")
    token = api("post", f"/series/{other['id']}/members-link").get_json()["token"]
    response = client.get(
        f"/api/v1/members-page/annexes/{held_meeting['workshop_id']}", headers=bearer(token)
    )
    assert response.status_code == 404
