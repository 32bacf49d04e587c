"""The plan page: the default plan from the outline, adding, editing, moving and deleting steps
with plain forms (keyboard: every action is a button), refusals shown on the form."""

import re

import pytest

from workshop.extensions import db
from workshop.models import Workshop
from workshop.services import plan as plan_service


@pytest.fixture
def page(app, client, make_facilitator, make_workshop, login_as):
    owner = make_facilitator()
    workshop_id = make_workshop(owner_id=owner, sections=("International work", "National work"))
    login_as(owner)
    return f"/workshops/{workshop_id}/plan", workshop_id


def steps(app, workshop_id) -> list[dict]:
    with app.app_context():
        return plan_service.read_plan(db.session.get(Workshop, workshop_id))["steps"]


def test_the_page_lists_the_default_plan(client, page):
    url, _workshop_id = page
    html = client.get(url).get_data(as_text=True)

    titles = re.findall(r'<h2 dir="auto">\d+\. ([^<]+)', html)
    assert titles == ["International work", "National work", "Feedback in plenary"]
    assert 'for="new-title"' in html  # every field has its label


def test_each_question_to_tick_is_named_with_its_number_and_text_apart(client, page):
    url, _workshop_id = page
    html = client.get(url).get_data(as_text=True)

    # What a screen reader reads for a tick box: its label's text, tags taken away.
    labels = re.findall(r'<label for="new-question-choice-\d+">(.*?)</label>', html)
    names = [re.sub(r"<[^>]+>", "", label) for label in labels]
    assert names[0] == "1. Question 1 of International work?", names


def test_a_step_is_added_moved_up_and_deleted(app, client, page, csrf_token):
    url, workshop_id = page
    token = csrf_token(url)

    added = client.post(
        url + "/steps",
        data={
            "csrf_token": token,
            "new-title": "Welcome",
            "new-kind": "information",
            "new-duration_minutes": "10",
            "new-guidance": "Coffee first",
        },
    )
    assert added.status_code == 302
    welcome = steps(app, workshop_id)[-1]
    assert (welcome["title"], welcome["duration_minutes"]) == ("Welcome", 10)

    for _ in range(3):
        client.post(
            f"{url}/steps/{welcome['id']}/move", data={"csrf_token": token, "direction": "up"}
        )
    assert next(s["title"] for s in steps(app, workshop_id)) == "Welcome"

    client.post(f"{url}/steps/{welcome['id']}/delete", data={"csrf_token": token})
    assert "Welcome" not in [s["title"] for s in steps(app, workshop_id)]


def test_a_step_over_eight_hours_is_refused_on_the_form(app, client, page, csrf_token):
    url, workshop_id = page
    first = steps(app, workshop_id)[0]

    response = client.post(
        f"{url}/steps/{first['id']}",
        data={
            "csrf_token": csrf_token(url),
            f"s{first['id']}-title": "Long",
            f"s{first['id']}-kind": "group_round",
            f"s{first['id']}-duration_minutes": "481",
        },
    )

    assert response.status_code == 400
    assert "480 minutes" in response.get_data(as_text=True)
    assert steps(app, workshop_id)[0]["title"] == "International work"


def test_an_empty_title_is_refused(app, client, page, csrf_token):
    url, workshop_id = page

    response = client.post(
        url + "/steps", data={"csrf_token": csrf_token(url), "new-title": " ", "new-kind": "break"}
    )

    assert response.status_code == 400
    assert "A step needs a title." in response.get_data(as_text=True)
    assert len(steps(app, workshop_id)) == 3
