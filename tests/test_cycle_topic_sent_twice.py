"""A representative who sends the same topic again (the back button and "Send in the topic" once
more, or a second tab) makes no second copy for the coordinator: the page says why, under the
topic's title, and the first personal link stays the one to edit."""

import pytest

from tests.conftest import csrf_token_from
from tests.meeting_pages_helpers import plan_series_meeting
from tests.workshops_helpers import text_of
from workshop.extensions import db
from workshop.models import Topic

TOPIC = {
    "submitter_name": "Åse Ødegård",
    "department": "Asylavdelingen",
    "title": "Ventetid på mottak",
    "description": "Kan vi sammenligne tallene?",
    "purpose": "decision",
}


@pytest.fixture
def planned(app, owner):
    return plan_series_meeting(app, owner)


def topics_sent_in(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [(t.title, t.description) for t in db.session.scalars(db.select(Topic))]


def test_sending_the_same_topic_again_after_the_back_button_makes_no_second_copy(app, planned):
    browser = app.test_client()
    url = f"/submit/{planned.submission_code}"
    # The form as the back button shows it again: the same page, the same token, the same words.
    token = csrf_token_from(browser.get(url).get_data(as_text=True))
    first = browser.post(url, data={"csrf_token": token, **TOPIC})
    assert first.status_code == 303
    again = browser.post(url, data={"csrf_token": token, **TOPIC, "description": "Endret tekst"})
    assert again.status_code == 409
    page = text_of(again)
    assert "You have already sent in this topic." in page
    assert "use the personal link you got when you sent it" in page
    assert 'aria-invalid="true"' in again.get_data(as_text=True)  # on the title, read out with it
    assert topics_sent_in(app) == [("Ventetid på mottak", "Kan vi sammenligne tallene?")]
    # The first personal link still edits it.
    personal = first.headers["Location"].split("?")[0]
    token = csrf_token_from(browser.get(personal).get_data(as_text=True))
    edited = browser.post(
        personal, data={"csrf_token": token, **TOPIC, "description": "Endret tekst"}
    )
    assert edited.status_code == 303
    assert topics_sent_in(app) == [("Ventetid på mottak", "Endret tekst")]


def test_another_topic_or_another_department_with_the_same_title_is_sent_in(app, planned):
    browser = app.test_client()
    url = f"/submit/{planned.submission_code}"
    token = csrf_token_from(browser.get(url).get_data(as_text=True))
    for fields in (TOPIC, {**TOPIC, "title": "Språkhjelp"}, {**TOPIC, "department": "Mottak"}):
        response = browser.post(url, data={"csrf_token": token, **fields})
        assert response.status_code == 303, text_of(response)
    assert len(topics_sent_in(app)) == 3
