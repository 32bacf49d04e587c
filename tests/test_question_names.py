"""Every question has one name in its workshop ("A.1"), unique in it: where sections are not
numbered, "1" of one section and "1" of the next are told apart by the section's position."""

import re

import pytest

from tests.live_helpers import enter_as_participant
from tests.outline_helpers import ISSUE_EXAMPLE
from tests.plenary_helpers import facilitator, ok, participant, write_note
from tests.realtime_helpers import live  # noqa: F401 (fixture)
from tests.test_live_pages import page_data

TWO_UNNUMBERED_SECTIONS = ("Partners", "Funding")


def outline_names(client, workshop_id: int, auth: dict) -> list[str]:
    sections = client.get(f"/api/v1/workshops/{workshop_id}/outline", headers=auth).get_json()

    def names(nodes):
        for node in nodes:
            yield from (question["full_label"] for question in node["questions"])
            yield from names(node["blocks"])

    return list(names(sections["sections"]))


def imported(client, make_workshop, owner, auth, text: str) -> int:
    workshop_id = make_workshop(owner_id=owner, sections=(), groups=0)
    response = client.put(
        f"/api/v1/workshops/{workshop_id}/outline/text",
        data=text.encode(),
        headers=auth,
        content_type="text/plain; charset=utf-8",
    )
    assert response.status_code == 200, response.get_json()
    return workshop_id


def test_questions_of_unnumbered_sections_are_named_by_their_sections_position(
    client, make_workshop, owner, auth
):
    workshop_id = make_workshop(owner_id=owner, sections=TWO_UNNUMBERED_SECTIONS, questions=2)
    # It was "1", "2", "1", "2": two questions called "question 1".
    assert outline_names(client, workshop_id, auth) == ["1.1", "1.2", "2.1", "2.2"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # The issue's outline: its names were unique already and stay exactly as they were.
        (ISSUE_EXAMPLE, ["1", "2", "3", "A.1", "A.2", "B.1", "B.2"]),
        # Numbered sections, unnumbered questions: "I" for every question of section I.
        ("# I. One\n- a?\n- b?\n# II. Two\n- c?\n", ["I.1", "I.2", "II.1"]),
        # One unnumbered section: its position says nothing, so it is left out.
        ("# Only\n- a?\n- b?\n", ["1", "2"]),
        ("# Only\n## Costs\n1. a?\n## Gains\n1. b?\n", ["1.1", "2.1"]),
        # Unnumbered blocks of numbered sections.
        ("# A. One\n## X\n1. a?\n## Y\n1. b?\n", ["A.1.1", "A.2.1"]),
    ],
)
def test_every_outline_names_each_question_once(client, make_workshop, owner, auth, text, names):
    workshop_id = imported(client, make_workshop, owner, auth, text)
    assert outline_names(client, workshop_id, auth) == names


def test_the_participant_page_and_dashboard_name_each_question_once(
    app, client, login_as, make_workshop, make_participant, owner
):
    workshop_id = make_workshop(
        owner_id=owner, status="live", sections=TWO_UNNUMBERED_SECTIONS, questions=2
    )
    participant_id, _token = make_participant(workshop_id, name="Ada")
    enter_as_participant(client, app, workshop_id, participant_id)
    html = client.get(f"/w/{workshop_id}").get_data(as_text=True)
    boxes = re.findall(r'<label for="compose-\d+">([^<]*)</label>', html)
    assert boxes == [f"Your note on question {name}" for name in ("1.1", "1.2", "2.1", "2.2")]
    assert re.findall(r'data-label="([^"]*)"', html) == ["1.1", "1.2", "2.1", "2.2"]
    # What the page's own questions are visibly numbered stays their number in the section.
    assert re.findall(r'question-label">([^<]*)<', html) == ["1.", "2.", "1.", "2."]

    login_as(owner)
    dashboard = client.get(f"/workshops/{workshop_id}/live")
    html = dashboard.get_data(as_text=True)
    heads = re.findall(r'<span class="question-number">([^<]*)</span>', html)
    assert heads == ["1.1", "1.2", "2.1", "2.2"]
    assert "Bring everyone here</span>" not in html  # (the name follows as hidden text)
    assert html.count("(question 2.1)") == 1
    # The scripts name questions ("Show question 2.1 on the projector") from the same names.
    named = [question["full_label"] for question in page_data(dashboard)["questions"]]
    assert named == ["1.1", "1.2", "2.1", "2.2"]


def test_a_share_and_a_vote_name_their_questions_once(live):  # noqa: F811
    workshop = live(sections=TWO_UNNUMBERED_SECTIONS, questions=2)
    workshop.facilitator = facilitator(workshop)
    ada = participant(workshop, 0, "Ada")

    ok(workshop.facilitator, "share:set", {"source": "raw", "scope": "all"})
    shared = ada.wait_for("share:changed")["share"]["questions"]
    assert [question["label"] for question in shared] == ["1.1", "1.2", "2.1", "2.2"]

    second = workshop.question_ids[2]
    write_note(ada, second, "Ask the foundations")
    vote = {"source": "raw", "scope": "question", "target_id": second}
    opened = ok(workshop.facilitator, "vote:open", vote)["change"]["vote"]
    assert [(q["id"], q["label"]) for q in opened["questions"]] == [(second, "2.1")]
    assert ok(ada, "room:state")["room"]["vote"]["questions"] == opened["questions"]
