"""Bad input in the network-meeting cycle: clear, translated errors, and nothing lost."""

from datetime import UTC, datetime

import pytest

from tests.meetings_helpers import (
    coordinator_api,
    first_meeting,
    own_topic,
    plan_meeting,
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


def error_of(response) -> dict:
    return response.get_json()["error"]


def topics_of(coordinator, meeting_id: int) -> list[dict]:
    return coordinator("get", f"/meetings/{meeting_id}/topics").get_json()["topics"]


def test_a_topic_after_the_deadline_is_refused_with_a_clear_message(
    app, coordinator, client, meeting
):
    app.config["CLOCK"] = lambda: datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
    response = submit(client, meeting["submission_code"])
    assert response.status_code == 409
    assert error_of(response)["message"] == (
        "The deadline for sending in topics to this meeting has passed."
    )
    assert topics_of(coordinator, meeting["id"]) == []


def test_a_topic_to_a_held_meeting_is_refused_in_the_readers_language(coordinator, client, meeting):
    coordinator("post", f"/meetings/{meeting['id']}/status", json={"status": "held"})
    response = client.post(
        f"/api/v1/submissions/{meeting['submission_code']}/topics",
        json={"submitter_name": "A", "department": "B", "title": "C"},
        headers={"Accept-Language": "nb"},
    )
    assert response.status_code == 409
    assert error_of(response)["message"] == (
        "Møtet tar ikke lenger imot saker: det er avholdt eller avlyst."
    )


def test_an_empty_or_oversized_topic_is_refused_field_by_field(coordinator, client, meeting):
    code = meeting["submission_code"]
    empty = submit(client, code, title="", submitter_name="")
    assert empty.status_code == 400
    assert set(error_of(empty)["details"]["fields"]) == {"title", "submitter_name"}
    oversized = submit(client, code, description="x" * 3001)
    assert oversized.status_code == 400
    assert error_of(oversized)["details"]["fields"]["description"] == ["At most 3,000 characters."]
    assert topics_of(coordinator, meeting["id"]) == []


def test_a_wrong_submission_code_is_refused_and_guessing_is_rate_limited(app, client, meeting):
    app.config["JOIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE"] = 3
    for _attempt in range(3):
        response = client.get("/api/v1/submissions/ZZZZZZ")
        assert response.status_code == 404
        assert error_of(response)["code"] == "submission_code_invalid"
    limited = client.get(f"/api/v1/submissions/{meeting['submission_code']}")
    assert limited.status_code == 429
    assert error_of(limited)["code"] == "too_many_attempts"


def test_a_renewed_submission_code_closes_the_old_link(app, coordinator, client, meeting):
    app.config["JOIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE"] = 1
    renewed = coordinator("post", f"/meetings/{meeting['id']}/submission-code").get_json()
    assert renewed["submission_code"] != meeting["submission_code"]
    # The old link (in last week's notice) says it was replaced, and is not counted as a guess.
    for _member in range(2):
        old = submit(client, meeting["submission_code"])
        assert old.status_code == 410
        assert error_of(old)["code"] == "submission_code_replaced"
    assert submit(client, renewed["submission_code"]).status_code == 201


def test_a_topic_link_opens_only_its_own_topic(coordinator, client, meeting, series):
    other_meeting = plan_meeting(coordinator, series["id"], title="Another", date="2025-04-01")
    mine = submit(client, meeting["submission_code"], title="Mine").get_json()
    submit(client, other_meeting["submission_code"], title="Someone else's")
    seen = own_topic(client, mine["token"]).get_json()
    assert seen["title"] == "Mine"
    assert "Someone else's" not in str(seen)
    assert own_topic(client, "wst_not-a-real-token").status_code == 401


def test_a_member_email_that_is_not_an_email_is_refused(coordinator, series):
    response = coordinator(
        "post", f"/series/{series['id']}/members", json={"name": "Per", "email": "per(at)dir"}
    )
    assert response.status_code == 400
    assert error_of(response)["details"]["fields"]["email"] == [
        "Enter a valid email address, like name@example.org."
    ]
    members = coordinator("get", f"/series/{series['id']}/members").get_json()["members"]
    assert len(members) == 3


def test_an_item_cannot_move_in_a_meeting_that_has_been_held(coordinator, meeting):
    coordinator("post", f"/meetings/{meeting['id']}/status", json={"status": "held"})
    item_id = meeting["items"][1]["id"]
    response = coordinator(
        "post", f"/meetings/{meeting['id']}/items/{item_id}/move", json={"direction": "up"}
    )
    assert response.status_code == 409
    assert error_of(response)["message"] == (
        "This meeting has been held: its agenda can no longer be changed."
    )
    ids = [item["id"] for item in meeting["items"]]
    reorder = coordinator(
        "put", f"/meetings/{meeting['id']}/items/order", json={"item_ids": ids[::-1]}
    )
    assert reorder.status_code == 409
    agenda = coordinator("get", f"/meetings/{meeting['id']}").get_json()["items"]
    assert [item["id"] for item in agenda] == ids


def test_reordering_must_list_every_item_once(coordinator, meeting):
    ids = [item["id"] for item in meeting["items"]]
    response = coordinator(
        "put", f"/meetings/{meeting['id']}/items/order", json={"item_ids": ids[:2]}
    )
    assert response.status_code == 400
    reordered = coordinator(
        "put", f"/meetings/{meeting['id']}/items/order", json={"item_ids": ids[::-1]}
    )
    assert [item["id"] for item in reordered.get_json()["items"]] == ids[::-1]


def test_a_rhythm_slower_than_four_meetings_a_year_is_refused(coordinator):
    response = coordinator("post", "/series", json={"name": "Rare", "rhythm_weeks": 26})
    assert response.status_code == 400
    assert "rhythm_weeks" in error_of(response)["details"]["fields"]


def test_a_meeting_that_ends_before_it_starts_is_refused(coordinator, series):
    response = coordinator(
        "post",
        f"/series/{series['id']}/meetings",
        json={"title": "Backwards", "start_time": "12:00", "end_time": "09:00"},
    )
    assert response.status_code == 400
    assert error_of(response)["details"]["fields"]["end_time"] == [
        "The meeting must end after it starts."
    ]


def test_a_decided_topic_cannot_be_decided_again_and_never_disappears(coordinator, client, meeting):
    submit(client, meeting["submission_code"])
    topic_id = topics_of(coordinator, meeting["id"])[0]["id"]
    accepted = coordinator("post", f"/meetings/{meeting['id']}/topics/{topic_id}/accept").get_json()
    again = coordinator("post", f"/meetings/{meeting['id']}/topics/{topic_id}/defer")
    assert again.status_code == 409
    # Removing the item it became puts the topic back on the coordinator's list, undecided.
    coordinator("delete", f"/meetings/{meeting['id']}/items/{accepted['item']['id']}")
    assert [t["status"] for t in topics_of(coordinator, meeting["id"])] == ["submitted"]


def test_another_facilitator_cannot_see_the_series_or_its_meetings(
    app, client, series, meeting, make_facilitator
):
    stranger = api_as(app, client, make_facilitator(email="x@example.org"))
    assert stranger("get", f"/series/{series['id']}").status_code == 404
    assert stranger("get", f"/meetings/{meeting['id']}").status_code == 404
    assert stranger("get", f"/meetings/{meeting['id']}/topics").status_code == 404


def test_a_refused_standing_item_says_which_one_and_changes_nothing(coordinator, series):
    path = f"/series/{series['id']}/standing-items"
    items = [{"title": "Approval"}, {"title": "", "duration_minutes": 5}]
    response = coordinator("put", path, json={"standing_items": items})
    assert response.status_code == 400
    assert error_of(response)["details"]["position"] == 1
    assert "title" in error_of(response)["details"]["fields"]
    assert len(coordinator("get", path).get_json()["standing_items"]) == 5


def test_a_topic_cannot_be_decided_through_another_meetings_address(
    coordinator, client, series, meeting
):
    other = plan_meeting(coordinator, series["id"], title="Another", date="2025-04-01")
    submit(client, meeting["submission_code"])
    topic_id = topics_of(coordinator, meeting["id"])[0]["id"]
    response = coordinator("post", f"/meetings/{other['id']}/topics/{topic_id}/accept")
    assert response.status_code == 404
    assert error_of(response)["code"] == "topic_not_found"
    assert topics_of(coordinator, meeting["id"])[0]["status"] == "submitted"


def test_a_meeting_with_topics_cannot_be_deleted_but_can_be_cancelled(coordinator, client, meeting):
    submit(client, meeting["submission_code"])
    response = coordinator("delete", f"/meetings/{meeting['id']}")
    assert response.status_code == 409
    assert error_of(response)["code"] == "meeting_has_topics"
    assert len(topics_of(coordinator, meeting["id"])) == 1
    cancelled = coordinator(
        "post", f"/meetings/{meeting['id']}/status", json={"status": "cancelled"}
    )
    assert cancelled.get_json()["status"] == "cancelled"


def test_a_deadline_in_another_zone_or_without_one_is_kept_as_the_same_moment(coordinator, meeting):
    path = f"/meetings/{meeting['id']}"
    oslo = coordinator("patch", path, json={"submission_deadline": "2025-03-10T13:00:00+01:00"})
    assert oslo.get_json()["submission_deadline"] == "2025-03-10T12:00:00+00:00"
    # Without an offset: the site's zone (UTC in the tests), as a page's date-and-time input.
    local = coordinator("patch", path, json={"submission_deadline": "2025-03-09T08:30"})
    assert local.get_json()["submission_deadline"] == "2025-03-09T08:30:00+00:00"
    wrong = coordinator("patch", path, json={"submission_deadline": "next friday"})
    assert wrong.status_code == 400
    assert "submission_deadline" in error_of(wrong)["details"]["fields"]
