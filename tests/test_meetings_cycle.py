"""The network-meeting cycle through the JSON API, as a coordinator and the departments live it:
a series with members, a meeting with standing items, topics sent in by link, decided, and the
next meeting planned from the last."""

from datetime import UTC, datetime

import pytest

from tests.meetings_helpers import (
    coordinator_api,
    first_meeting,
    own_topic,
    series_with_members,
    submit,
)
from tests.workshops_helpers import api_as


@pytest.fixture
def coordinator(app, client, owner):
    return coordinator_api(app, client, owner)


@pytest.fixture
def series(coordinator):
    return series_with_members(coordinator)


@pytest.fixture
def meeting(coordinator, series):
    return first_meeting(coordinator, series)


def titles(meeting: dict) -> list[str]:
    return [item["title"] for item in meeting["items"]]


def test_a_new_meeting_starts_with_the_series_standing_items_in_its_language(meeting):
    assert titles(meeting) == [
        "Godkjenning av innkalling og saksliste",
        "Godkjenning av referat fra forrige møte",
        "Orienteringer fra avdelingene",
        "Eventuelt",
        "Neste møter",
    ]
    assert [item["number"] for item in meeting["items"]] == [1, 2, 3, 4, 5]
    assert all(item["standing"] for item in meeting["items"])


def test_series_lists_its_three_members_and_its_meetings_with_status(coordinator, series, meeting):
    members = coordinator("get", f"/series/{series['id']}/members").get_json()["members"]
    assert [m["department"] for m in members] == [
        "Asylum department",
        "Residence department",
        "Reception department",
    ]
    assert members[2]["role"] == "deputy" and members[2]["email"] == ""
    listed = coordinator("get", f"/series/{series['id']}/meetings").get_json()["meetings"]
    assert [(m["title"], m["status"]) for m in listed] == [("Nettverksmøte 1/2025", "planned")]


def test_items_get_times_from_the_start_and_the_durations(coordinator, meeting):
    first, second = meeting["items"][:2]
    coordinator(
        "patch", f"/meetings/{meeting['id']}/items/{first['id']}", json={"duration_minutes": 10}
    )
    coordinator(
        "patch", f"/meetings/{meeting['id']}/items/{second['id']}", json={"duration_minutes": 5}
    )
    agenda = coordinator("get", f"/meetings/{meeting['id']}").get_json()["items"]
    assert [(i["starts_at"], i["ends_at"]) for i in agenda[:3]] == [
        ("09:00", "09:10"),
        ("09:10", "09:15"),
        ("09:15", None),
    ]


def test_a_new_item_goes_before_any_other_business_and_attachments_are_numbered(
    coordinator, meeting
):
    response = coordinator(
        "post", f"/meetings/{meeting['id']}/items", json={"title": "Budget 2026"}
    )
    assert response.status_code == 201
    item = response.get_json()
    assert item["number"] == 4
    attachment = coordinator(
        "post",
        f"/meetings/{meeting['id']}/items/{item['id']}/attachments",
        json={"title": "Budget draft", "url": "https://intranet.example.org/budget.pdf"},
    ).get_json()
    assert attachment["label"] == "4.1"
    agenda = coordinator("get", f"/meetings/{meeting['id']}").get_json()
    assert titles(agenda)[3:] == ["Budget 2026", "Eventuelt", "Neste møter"]


def test_the_whole_cycle_topics_accepted_as_question_and_deferred_then_next_meeting(
    coordinator, client, meeting
):
    meeting_id = meeting["id"]
    # An item discussed in groups, with a workshop of its own (the meeting's date).
    group_item = coordinator(
        "post", f"/meetings/{meeting_id}/items", json={"title": "Strategy", "follow_up": True}
    ).get_json()
    workshop = coordinator(
        "post", f"/meetings/{meeting_id}/items/{group_item['id']}/workshop"
    ).get_json()
    assert (workshop["title"], workshop["date"]) == ("Strategy", "2025-03-14")

    # Two departments send in topics by the submission code, without an account.
    code = meeting["submission_code"]
    first = submit(client, code, title="Shared interpreters")
    second = submit(client, code, title="Joint training", department="Reception department")
    assert first.status_code == second.status_code == 201
    first_token, second_token = first.get_json()["token"], second.get_json()["token"]
    assert first.get_json()["url"].endswith(f"/topic/{first_token}")

    topics = coordinator("get", f"/meetings/{meeting_id}/topics").get_json()["topics"]
    assert [(t["title"], t["status"]) for t in topics] == [
        ("Shared interpreters", "submitted"),
        ("Joint training", "submitted"),
    ]

    # The coordinator accepts one as a question in the item's workshop, and defers the other.
    accepted = coordinator(
        "post",
        f"/meetings/{meeting_id}/topics/{topics[0]['id']}/accept",
        json={"item_id": group_item["id"]},
    )
    assert accepted.status_code == 200, accepted.get_json()
    assert accepted.get_json()["question"]["text"] == "Shared interpreters"
    outline = coordinator("get", f"/workshops/{workshop['id']}/outline").get_json()
    assert "Shared interpreters" in str(outline)
    deferred = coordinator("post", f"/meetings/{meeting_id}/topics/{topics[1]['id']}/defer")
    assert deferred.get_json()["status"] == "deferred"

    # Each submitter sees their own topic's fate on their personal link.
    assert own_topic(client, first_token).get_json()["status"] == "accepted"
    assert own_topic(client, second_token).get_json()["status"] == "deferred"

    # The next meeting: the rhythm's date, the standing items, the deferred topic, the
    # follow-up item, and the workshop reused with the new date.
    proposed = coordinator("get", f"/meetings/{meeting_id}/next").get_json()["date"]
    assert proposed == "2025-06-13"  # 13 weeks on, the same weekday
    response = coordinator(
        "post",
        f"/meetings/{meeting_id}/next",
        json={"reuse_workshop_item_ids": [group_item["id"]]},
    )
    assert response.status_code == 201, response.get_json()
    following = response.get_json()
    assert following["date"] == "2025-06-13"
    assert following["title"] == "Nettverk for innvandring, 13. juni 2025"
    # Topics are due as long before it as they were before the last one (four days).
    assert following["submission_deadline"] == "2025-06-09T12:00:00+00:00"
    assert following["previous_meeting_id"] == meeting_id
    assert titles(following) == [
        "Godkjenning av innkalling og saksliste",
        "Godkjenning av referat fra forrige møte",
        "Orienteringer fra avdelingene",
        "Strategy",
        "Eventuelt",
        "Neste møter",
    ]
    copied_workshop_id = following["items"][3]["workshop_id"]
    assert copied_workshop_id not in (None, workshop["id"])
    copy = coordinator("get", f"/workshops/{copied_workshop_id}").get_json()
    assert copy["date"] == "2025-06-13"
    assert copy["title"] == "Strategy (kopi)"

    carried = coordinator("get", f"/meetings/{following['id']}/topics").get_json()["topics"]
    assert [(t["title"], t["status"], t["carried_from_meeting_id"]) for t in carried] == [
        ("Joint training", "submitted", meeting_id)
    ]
    mine = own_topic(client, second_token).get_json()
    assert mine["meeting"]["date"] == "2025-06-13"


def test_a_declined_topic_shows_its_reason_to_the_submitter(coordinator, client, meeting):
    token = submit(client, meeting["submission_code"]).get_json()["token"]
    topic_id = coordinator("get", f"/meetings/{meeting['id']}/topics").get_json()["topics"][0]["id"]
    refused = coordinator("post", f"/meetings/{meeting['id']}/topics/{topic_id}/decline", json={})
    assert refused.status_code == 400
    declined = coordinator(
        "post",
        f"/meetings/{meeting['id']}/topics/{topic_id}/decline",
        json={"reason": "Handled by the steering group."},
    )
    assert declined.status_code == 200
    mine = own_topic(client, token).get_json()
    assert (mine["status"], mine["decline_reason"]) == (
        "declined",
        "Handled by the steering group.",
    )


def test_a_topic_accepted_as_an_item_lands_before_any_other_business(coordinator, client, meeting):
    submit(client, meeting["submission_code"], title="Interpreters", purpose="decision")
    topic_id = coordinator("get", f"/meetings/{meeting['id']}/topics").get_json()["topics"][0]["id"]
    answer = coordinator("post", f"/meetings/{meeting['id']}/topics/{topic_id}/accept").get_json()
    assert answer["item"]["title"] == "Interpreters"
    assert answer["item"]["presenter"] == "Aase Asyl (Asylum department)"
    assert answer["item"]["purpose"] == "decision"
    agenda = coordinator("get", f"/meetings/{meeting['id']}").get_json()
    assert titles(agenda)[3] == "Interpreters"


def test_submitter_edits_until_the_deadline_and_not_after(app, client, meeting):
    token = submit(client, meeting["submission_code"]).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    edited = client.patch(
        "/api/v1/topics/mine", json={"title": "Waiting times 2025"}, headers=headers
    )
    assert edited.status_code == 200
    assert edited.get_json()["title"] == "Waiting times 2025"
    assert edited.get_json()["editable"] is True
    app.config["CLOCK"] = lambda: datetime(2025, 3, 11, tzinfo=UTC)
    late = client.patch("/api/v1/topics/mine", json={"title": "Too late"}, headers=headers)
    assert late.status_code == 409
    assert late.get_json()["error"]["code"] == "submission_deadline_passed"
    mine = client.get("/api/v1/topics/mine", headers=headers).get_json()
    assert (mine["title"], mine["editable"]) == ("Waiting times 2025", False)


def test_a_submitter_sees_no_members_contact_data(client, meeting):
    answer = submit(client, meeting["submission_code"]).get_json()
    seen = str(answer) + str(own_topic(client, answer["token"]).get_json())
    seen += str(client.get(f"/api/v1/submissions/{meeting['submission_code']}").get_json())
    assert "@example.org" not in seen
    assert "Rune" not in seen


def test_edited_standing_items_shape_the_next_agendas(coordinator, series):
    items = [{"title": "Godkjenning av saksliste", "duration_minutes": 5}]
    items.append({"title": "Eventuelt", "at_end": True})
    path = f"/series/{series['id']}/standing-items"
    assert coordinator("put", path, json={"standing_items": items}).status_code == 200
    meeting = first_meeting(coordinator, series)
    assert titles(meeting) == ["Godkjenning av saksliste", "Eventuelt"]
    assert meeting["items"][0]["duration_minutes"] == 5


def test_every_coordinator_runs_the_workshops_of_the_series_items(
    app, client, coordinator, series, meeting, make_facilitator
):
    make_facilitator(email="kari@example.org", name="Kari Koordinator")
    added = coordinator(
        "post", f"/series/{series['id']}/coordinators", json={"email": "kari@example.org"}
    )
    assert added.status_code == 201
    item = coordinator("post", f"/meetings/{meeting['id']}/items", json={"title": "Groups"})
    workshop = coordinator(
        "post", f"/meetings/{meeting['id']}/items/{item.get_json()['id']}/workshop"
    ).get_json()
    kari = api_as(app, client, added.get_json()["id"])
    assert kari("get", f"/meetings/{meeting['id']}").status_code == 200
    assert kari("get", f"/workshops/{workshop['id']}").status_code == 200
