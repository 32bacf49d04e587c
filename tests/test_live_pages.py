"""The live pages over HTTP: who may open them, what they show at load, and that text is escaped."""

import json
import re

import pytest

from tests.live_helpers import add_note, enter_as_participant, group_ids, join_code, question_ids
from workshop.extensions import db
from workshop.models import Group, Question, Section


def script_data(response, element_id: str) -> dict:
    """The JSON a page hands to its scripts in <script type="application/json" id=…>."""
    html = response.get_data(as_text=True)
    pattern = rf'<script type="application/json" id="{element_id}">(.*?)</script>'
    match = re.search(pattern, html, re.S)
    assert match, f"the page has no {element_id} for its script"
    return json.loads(match.group(1))


def page_data(response) -> dict:
    """The page's own data (notes snapshot, seq, translated strings)."""
    return script_data(response, "live-data")


@pytest.fixture
def live_workshop(make_workshop):
    return make_workshop(status="live", groups=2, questions=3)


# --- the participant's page: who may open it


def test_visitor_who_has_not_joined_is_sent_to_the_join_code_form(client, live_workshop, app):
    response = client.get(f"/w/{live_workshop}")

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/join")
    # The join code is the secret that lets people in: trying an id must not reveal it.
    assert join_code(app, live_workshop) not in response.headers["Location"]


def test_facilitator_of_the_workshop_is_sent_to_its_join_link(
    client, login_as, make_facilitator, make_workshop, app
):
    facilitator = make_facilitator()
    workshop_id = make_workshop(owner_id=facilitator, status="live")
    login_as(facilitator)

    response = client.get(f"/w/{workshop_id}")

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/j/{join_code(app, workshop_id)}")


def test_participant_of_another_workshop_cannot_open_this_workshops_page(
    client, app, make_workshop, make_participant
):
    mine = make_workshop(status="live", title="Mine")
    theirs = make_workshop(status="live", title="Theirs")
    me, _token = make_participant(mine)
    them, _token = make_participant(theirs, name="Other")
    add_note(app, theirs, them, question_ids(app, theirs)[0], "Their secret point")
    enter_as_participant(client, app, mine, me)

    response = client.get(f"/w/{theirs}")

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/join")
    assert "Their secret point" not in response.get_data(as_text=True)
    assert client.get(f"/w/{mine}").status_code == 200


def test_participant_page_of_a_workshop_that_does_not_exist_sends_to_the_join_form(client):
    response = client.get("/w/999")

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/join")


def test_removed_participant_no_longer_gets_the_page(client, app, live_workshop, make_participant):
    participant, _token = make_participant(live_workshop)
    enter_as_participant(client, app, live_workshop, participant)
    with app.app_context():
        from workshop.models import Participant
        from workshop.models.base import utcnow

        db.session.get(Participant, participant).removed_at = utcnow()
        db.session.commit()

    assert client.get(f"/w/{live_workshop}").status_code == 302


# --- the participant's page: what it shows


def make_nested_outline(app, workshop_id: int) -> dict[str, int]:
    """A second top section numbered I./II. with a block "A." holding questions 1. and 2."""
    with app.app_context():
        first = db.session.scalar(db.select(Section).where(Section.workshop_id == workshop_id))
        first.number_style = "roman"
        national = Section(
            workshop_id=workshop_id,
            heading="Questions on the national strategy",
            position=1,
            number_style="roman",
        )
        db.session.add(national)
        db.session.flush()
        block = Section(
            workshop_id=workshop_id,
            parent_id=national.id,
            heading="In the world we live in, how can the institute strategically:",
            position=0,
            number_style="upper",
            prompt="Think of the next five years.",
        )
        db.session.add(block)
        db.session.flush()
        ids = {}
        for position, text in enumerate(("Secure its independence?", "Fulfil its mandate?")):
            question = Question(
                workshop_id=workshop_id, section_id=block.id, position=position, text=text
            )
            db.session.add(question)
            db.session.flush()
            ids[text] = question.id
        db.session.commit()
        return ids


def test_participant_page_shows_the_groups_questions_numbered_as_in_the_outline(
    client, app, live_workshop, make_participant
):
    make_nested_outline(app, live_workshop)
    participant, _token = make_participant(live_workshop, name="Ada")
    enter_as_participant(client, app, live_workshop, participant)

    html = client.get(f"/w/{live_workshop}").get_data(as_text=True)

    assert re.search(r'section-label">I\.</span>\s*International work', html)
    assert re.search(r'section-label">II\.</span>\s*Questions on the national strategy', html)
    assert re.search(r'section-label">A\.</span>\s*In the world we live in', html)
    assert "Think of the next five years." in html
    assert re.search(r'question-label">1\.</span>\s*Secure its independence\?', html)
    assert re.search(r'question-label">2\.</span>\s*Fulfil its mandate\?', html)
    assert re.search(r'question-label">3\.</span>\s*Question 3 of International work\?', html)
    # Each box is labelled with the question's full number, so it is clear where a note goes.
    assert "Your note on question II.A.2" in html
    assert 'aria-live="polite"' in html


def test_group_sees_only_the_questions_it_works_on(client, app, live_workshop, make_participant):
    questions = make_nested_outline(app, live_workshop)
    with app.app_context():
        group = db.session.get(Group, group_ids(app, live_workshop)[0])
        group.all_questions = False
        group.chosen_questions = [db.session.get(Question, questions["Fulfil its mandate?"])]
        db.session.commit()
    participant, _token = make_participant(live_workshop)
    enter_as_participant(client, app, live_workshop, participant)

    html = client.get(f"/w/{live_workshop}").get_data(as_text=True)

    # Still numbered as in the whole outline: it is the second question of block A.
    assert re.search(r'question-label">2\.</span>\s*Fulfil its mandate\?', html)
    assert "Secure its independence?" not in html
    # (The plan in the page's data may name the section: step titles are shown to everyone.)
    assert "International work" not in html.split('id="live-data"')[0]


def test_participant_page_starts_with_the_groups_notes_and_the_current_seq(
    client, app, live_workshop, make_participant
):
    first_question = question_ids(app, live_workshop)[0]
    me, _token = make_participant(live_workshop, group_index=0, name="Ada")
    peer, _token = make_participant(live_workshop, group_index=0, name="Bo")
    other, _token = make_participant(live_workshop, group_index=1, name="Cy")
    mine = add_note(app, live_workshop, me, first_question, "My point")
    add_note(app, live_workshop, peer, first_question, "Bo's point")
    add_note(app, live_workshop, other, first_question, "Other group's point")
    enter_as_participant(client, app, live_workshop, me)

    data = page_data(client.get(f"/w/{live_workshop}"))

    assert [note["text"] for note in data["notes"]] == ["My point", "Bo's point"]
    assert [note["author_name"] for note in data["notes"]] == ["Ada", "Bo"]
    assert [note["id"] for note in data["notes"] if note["is_own"]] == [mine]
    assert data["seq"] == 3
    assert data["status"] == "live"
    assert data["strings"]["state_saved"] == "Saved"


def test_participant_page_gives_its_scripts_the_words_of_the_readers_language(
    client, app, live_workshop, make_participant
):
    # The words are built once per language and kept: each reader still gets their own.
    me, _token = make_participant(live_workshop, group_index=0, name="Ada")
    enter_as_participant(client, app, live_workshop, me)
    expected = {
        "da": ("Gemt", "Forbinder…", "Afstemningen er lukket. Resultaterne kommer snart."),
        "nb": ("Lagret", "Kobler til…", "Avstemningen er lukket. Resultatene kommer snart."),
        "en": ("Saved", "Connecting…", "The vote is closed. The results come soon."),
    }
    for language in ("da", "nb", "en", "da", "en"):
        response = client.get(f"/w/{live_workshop}", headers={"Accept-Language": language})
        words = page_data(response)["strings"]
        plenary_words = script_data(response, "plenary-data")["strings"]
        seen = (words["state_saved"], words["connection_connecting"], plenary_words["vote_closed"])
        assert seen == expected[language]


def test_anonymous_workshop_page_does_not_show_peers_names(
    client, app, make_workshop, make_participant
):
    workshop_id = make_workshop(status="live", anonymity="anonymous_to_peers")
    me, _token = make_participant(workshop_id, name="Ada")
    peer, _token = make_participant(workshop_id, name="Secret Name")
    add_note(app, workshop_id, peer, question_ids(app, workshop_id)[0], "A point")
    enter_as_participant(client, app, workshop_id, me)

    response = client.get(f"/w/{workshop_id}")

    assert "Secret Name" not in response.get_data(as_text=True)
    assert page_data(response)["notes"][0]["text"] == "A point"


def test_note_text_in_the_initial_snapshot_is_escaped(client, app, live_workshop, make_participant):
    participant, _token = make_participant(live_workshop, name="<img src=x onerror=alert(1)>")
    text = "</script><script>alert('hi')</script> & <b>bold</b>"
    add_note(app, live_workshop, participant, question_ids(app, live_workshop)[0], text)
    enter_as_participant(client, app, live_workshop, participant)

    response = client.get(f"/w/{live_workshop}")
    html = response.get_data(as_text=True)

    assert "<script>alert" not in html
    assert "</script><script>" not in html
    assert "<b>bold</b>" not in html
    assert "<img src=x" not in html
    # …and yet the script receives the text exactly as written.
    assert page_data(response)["notes"][0]["text"] == text


def test_participant_page_offers_its_service_worker_for_offline_reloads(client):
    response = client.get("/w/sw.js")

    assert response.status_code == 200
    assert "javascript" in response.headers["Content-Type"]
    assert "networkFirst" in response.get_data(as_text=True)


# --- the facilitator's dashboard


def test_dashboard_needs_a_logged_in_facilitator(client, live_workshop):
    response = client.get(f"/workshops/{live_workshop}/live")

    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_facilitator_of_another_workshop_gets_404_on_the_dashboard(
    client, login_as, make_facilitator, live_workshop, app, make_participant
):
    participant, _token = make_participant(live_workshop)
    add_note(app, live_workshop, participant, question_ids(app, live_workshop)[0], "Private")
    login_as(make_facilitator())

    response = client.get(f"/workshops/{live_workshop}/live")

    assert response.status_code == 404
    assert "Private" not in response.get_data(as_text=True)
    assert client.get(f"/workshops/{live_workshop}/live/presence").status_code == 404


def test_participant_cannot_open_the_dashboard(client, app, live_workshop, make_participant):
    participant, _token = make_participant(live_workshop)
    enter_as_participant(client, app, live_workshop, participant)

    response = client.get(f"/workshops/{live_workshop}/live")

    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_dashboard_shows_every_group_and_question_and_all_notes(
    client, login_as, make_facilitator, make_workshop, make_participant, app
):
    facilitator = make_facilitator()
    workshop_id = make_workshop(owner_id=facilitator, status="live", groups=3, questions=2)
    first_question = question_ids(app, workshop_id)[0]
    in_group_1, _token = make_participant(workshop_id, group_index=0, name="Ada")
    in_group_3, _token = make_participant(workshop_id, group_index=2, name="Cy")
    add_note(app, workshop_id, in_group_1, first_question, "One")
    add_note(app, workshop_id, in_group_3, first_question, "Three <i>")
    login_as(facilitator)

    response = client.get(f"/workshops/{workshop_id}/live")
    html = response.get_data(as_text=True)
    data = page_data(response)

    assert response.status_code == 200
    for name in ("Group 1", "Group 2", "Group 3"):
        assert f'<th scope="row">{name} <span class="quiet-mark" hidden>' in html
    assert html.count('class="question-head"') == 2
    assert html.count('<td class="cell">') == 6
    assert sorted(note["text"] for note in data["notes"]) == ["One", "Three <i>"]
    assert {note["author_name"] for note in data["notes"]} == {"Ada", "Cy"}
    assert "Three <i>" not in html
    assert data["seq"] == 2
    # Closing and reopening works as a plain form too (CSRF-protected, to workshops.status).
    assert f'action="/workshops/{workshop_id}/status"' in html
    assert 'name="status" value="closed"' in html


def test_dashboard_tells_who_is_online_per_group(
    client, login_as, make_facilitator, make_workshop, make_participant, app
):
    facilitator = make_facilitator()
    workshop_id = make_workshop(owner_id=facilitator, status="live")
    participant, _token = make_participant(workshop_id, group_index=1, name="Bo")
    groups = group_ids(app, workshop_id)
    with app.app_context():
        from workshop.services import presence

        presence.open_connection(
            "sid-bo", workshop_id, participant_id=participant, group_id=groups[1]
        )
    login_as(facilitator)

    answer = client.get(f"/workshops/{workshop_id}/live/presence").get_json()

    assert answer["online"] == {str(groups[0]): 0, str(groups[1]): 1}
    assert answer["names"] == {str(groups[0]): [], str(groups[1]): ["Bo"]}


def test_participant_page_of_a_workshop_not_yet_live_says_so(
    client, app, make_workshop, make_participant
):
    workshop_id = make_workshop(status="draft")
    participant, _token = make_participant(workshop_id)
    enter_as_participant(client, app, workshop_id, participant)

    html = client.get(f"/w/{workshop_id}").get_data(as_text=True)

    assert "The workshop has not started yet" in html


def test_dashboard_status_form_closes_the_workshop_without_javascript(
    client, login_as, make_facilitator, make_workshop, csrf_token, app
):
    facilitator = make_facilitator()
    workshop_id = make_workshop(owner_id=facilitator, status="live")
    login_as(facilitator)
    dashboard = f"/workshops/{workshop_id}/live"

    refused = client.post(f"/workshops/{workshop_id}/status", data={"status": "closed"})
    response = client.post(
        f"/workshops/{workshop_id}/status",
        data={"status": "closed", "csrf_token": csrf_token(dashboard)},
    )

    assert refused.status_code == 400
    assert response.status_code == 302
    assert page_data(client.get(dashboard))["status"] == "closed"
    assert 'name="status" value="live"' in client.get(dashboard).get_data(as_text=True)
