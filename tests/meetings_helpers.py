"""Helpers and fixtures for the network-meeting tests: a series with members and a planned
meeting, built through the JSON API as a coordinator would (import the fixtures to use them)."""

from datetime import UTC, datetime

from tests.workshops_helpers import api_as, bearer

# "Now" in these tests: a fortnight before the first meeting.
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

MEMBERS = (
    {"name": "Aase Asyl", "department": "Asylum department", "email": "aase@example.org"},
    {"name": "Rune Opphold", "department": "Residence department", "email": "rune@example.org"},
    {"name": "Mottak Mia", "department": "Reception department", "role": "deputy"},
)


def make_series(api, language="nb", **fields) -> dict:
    body = {"name": "Nettverk for innvandring", "language": language, **fields}
    response = api("post", "/series", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def add_members(api, series_id: int) -> list[dict]:
    added = []
    for member in MEMBERS:
        response = api("post", f"/series/{series_id}/members", json=member)
        assert response.status_code == 201, response.get_json()
        added.append(response.get_json())
    return added


def plan_meeting(api, series_id: int, **fields) -> dict:
    body = {
        "title": "Nettverksmøte 1/2025",
        "date": "2025-03-14",
        "start_time": "09:00",
        "end_time": "12:00",
        "place": "Møterom 4",
        **fields,
    }
    response = api("post", f"/series/{series_id}/meetings", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def submit(client, code: str, **fields):
    """Send in a topic by a submission code, without an account."""
    body = {
        "submitter_name": "Aase Asyl",
        "department": "Asylum department",
        "title": "Waiting times",
        "description": "Shared figures on waiting times.",
        "purpose": "discussion",
        **fields,
    }
    return client.post(f"/api/v1/submissions/{code}/topics", json=body)


def own_topic(client, token: str):
    return client.get("/api/v1/topics/mine", headers=bearer(token))


def coordinator_api(app, client, facilitator_id: int):
    """The API as the coordinator, in English, on 1 March 2025 (the app's clock is set)."""
    app.config["CLOCK"] = lambda: NOW
    return api_as(app, client, facilitator_id, **{"Accept-Language": "en"})


def series_with_members(api) -> dict:
    """A Norwegian series with three members."""
    created = make_series(api)
    add_members(api, created["id"])
    return created


def first_meeting(api, series: dict) -> dict:
    """The series' meeting on 14 March 2025, taking topics until 10 March, noon (UTC)."""
    return plan_meeting(api, series["id"], submission_deadline="2025-03-10T12:00:00+00:00")
