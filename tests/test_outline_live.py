"""An outline edited while the workshop runs reaches the live pages without a reload: every edit
(on the outline page, over the API, a group's questions) is an `outline:changed` change in the
feed, with its seq, to everyone in the workshop; and a participant's page can read its group's
questions alone (/w/<id>/outline) to draw them again."""

import pytest

from tests.live_helpers import enter_as_participant, group_ids, question_ids
from tests.realtime_helpers import live  # noqa: F401
from tests.workshops_helpers import bearer, post_form
from workshop.extensions import db
from workshop.models import Question

OUTLINE_CHANGED = "outline:changed"


def recording_outline(workshop, auth):
    """A connected client that records outline changes too."""
    client = workshop.client(auth, connect=False)
    client.sio.on(OUTLINE_CHANGED, client._recorder(OUTLINE_CHANGED))
    return client.connect()


def api(workshop, method: str, path: str, **kwargs):
    call = getattr(workshop.app.test_client(), method)
    return call(f"/api/v1{path}", headers=bearer(workshop.facilitator_token()), **kwargs)


def section_id_of(workshop) -> int:
    outline = api(workshop, "get", f"/workshops/{workshop.workshop_id}/outline").get_json()
    return outline["sections"][0]["id"]


def test_a_question_added_over_the_api_reaches_everyone_in_the_feed(live):  # noqa: F811
    workshop = live()
    ada = recording_outline(workshop, {"token": workshop.participant(0)})
    bo = recording_outline(workshop, {"token": workshop.participant(1, name="Bo")})
    fran = recording_outline(
        workshop, {"token": workshop.facilitator_token(), "workshop_id": workshop.workshop_id}
    )
    before = fran.call("changes:since", {"seq": 0})["last_seq"]

    response = api(
        workshop,
        "post",
        f"/workshops/{workshop.workshop_id}/sections/{section_id_of(workshop)}/questions",
        json={"text": "Who else should we ask?"},
    )
    assert response.status_code == 201, response.get_json()

    for client in (ada, bo, fran):
        change = client.wait_for(OUTLINE_CHANGED)
        assert change["seq"] == before + 1 and change["prev_seq"] == before
        since = client.call("changes:since", {"seq": before})
        assert [(c["seq"], c["kind"]) for c in since["changes"]] == [(before + 1, OUTLINE_CHANGED)]


def test_a_refused_edit_says_nothing_to_the_room(live):  # noqa: F811
    workshop = live()
    ada = recording_outline(workshop, {"token": workshop.participant(0)})
    before = ada.call("changes:since", {"seq": 0})["last_seq"]

    response = api(
        workshop,
        "post",
        f"/workshops/{workshop.workshop_id}/sections/{section_id_of(workshop)}/questions",
        json={"text": " "},
    )
    assert response.status_code == 400
    renamed = api(
        workshop,
        "patch",
        f"/workshops/{workshop.workshop_id}/questions/{workshop.question_ids[0]}",
        json={"text": "What should stay as it is?"},
    )
    assert renamed.status_code == 200, renamed.get_json()

    # The next change follows the one before the refused edit: the refusal took no seq.
    assert ada.wait_for(OUTLINE_CHANGED)["seq"] == before + 1
    assert len(ada.received(OUTLINE_CHANGED)) == 1


def test_the_outline_page_and_a_groups_questions_are_changes_too(live, login_as):  # noqa: F811
    workshop = live()
    ada = recording_outline(workshop, {"token": workshop.participant(0)})
    browser = login_as(workshop.owner_id)
    outline_page = f"/workshops/{workshop.workshop_id}/outline"
    response = post_form(
        browser,
        f"{outline_page}/questions/{workshop.question_ids[1]}",
        f"{outline_page}/questions/{workshop.question_ids[1]}",
        {"text": "Which partners matter most?", "guidance": ""},
    )
    assert response.status_code == 302
    first = ada.wait_for(OUTLINE_CHANGED)

    chosen = api(
        workshop,
        "put",
        f"/groups/{workshop.group_ids[0]}/questions",
        json={"question_ids": [workshop.question_ids[0]]},
    )
    assert chosen.status_code == 200, chosen.get_json()
    second = ada.wait_for(OUTLINE_CHANGED, lambda change: change["seq"] > first["seq"])
    assert second["prev_seq"] == first["seq"]


# --- the group's questions alone


@pytest.fixture
def live_workshop(make_workshop):
    return make_workshop(status="live", groups=2, questions=3)


def test_a_participant_reads_their_groups_questions_afresh(
    client, app, live_workshop, make_participant
):
    participant, _token = make_participant(live_workshop)
    enter_as_participant(client, app, live_workshop, participant)
    with app.app_context():
        question = db.session.get(Question, question_ids(app, live_workshop)[0])
        question.text = "Is <b>this</b> the new wording?"
        db.session.commit()

    response = client.get(f"/w/{live_workshop}/outline")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert "Is &lt;b&gt;this&lt;/b&gt; the new wording?" in html
    assert html.count('class="question"') == 3
    assert 'id="compose-' in html


def test_only_a_participant_of_the_workshop_reads_its_questions(client, live_workshop, app):
    assert client.get(f"/w/{live_workshop}/outline").status_code == 403
    assert group_ids(app, live_workshop)  # the workshop has groups: the refusal is not for that
