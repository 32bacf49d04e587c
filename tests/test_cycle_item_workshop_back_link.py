"""The workshop made for an agenda item leads back to its meeting (to the item), so the secretary
preparing the group work finds the way back to the agenda; another workshop leads to the list.
It takes the meeting's place, as it takes its date (its details said "Place —")."""

import re

import pytest

from tests.conftest import csrf_token_from
from tests.meeting_pages_helpers import plan_series_meeting
from tests.workshops_helpers import text_of
from workshop.extensions import db
from workshop.models import AgendaItem, Facilitator, Meeting, Workshop
from workshop.services import agenda


@pytest.fixture
def item_workshop(app, owner):
    planned = plan_series_meeting(app, owner, language="nb")
    with app.app_context():
        meeting = db.session.get(Meeting, planned.meeting_id)
        item = agenda.add_item(meeting, {"title": "Strategi for mottak"})
        workshop = agenda.create_item_workshop(item, db.session.get(Facilitator, owner))
        return planned.meeting_id, item.id, workshop.id


def back_link(response) -> tuple[str, str]:
    html = response.get_data(as_text=True)
    found = re.search(
        r'<p class="back-link"><a href="([^"]+)">.*?<span dir="auto">([^<]*)</span>', html
    )
    assert found, html[:2000]
    return found.group(1), found.group(2)


def test_an_items_workshop_leads_back_to_the_item_on_its_meeting(
    client, login_as, owner, item_workshop
):
    meeting_id, item_id, workshop_id = item_workshop
    login_as(owner)
    page = client.get(f"/workshops/{workshop_id}")
    assert page.status_code == 200
    assert back_link(page) == (f"/meetings/{meeting_id}#item-{item_id}", "Network meeting 1/2027")


def test_a_co_facilitator_who_does_not_run_the_meeting_is_led_to_the_workshops(
    app, client, login_as, owner, make_facilitator, item_workshop
):
    _meeting_id, _item_id, workshop_id = item_workshop
    helper = make_facilitator(email="helper@example.org")
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        workshop.co_facilitators.append(db.session.get(Facilitator, helper))
        db.session.commit()
    login_as(helper)
    page = client.get(f"/workshops/{workshop_id}")
    assert page.status_code == 200, text_of(page)
    assert back_link(page)[0] == "/workshops"


def test_an_items_workshop_takes_the_meetings_place(app, client, login_as, owner):
    planned = plan_series_meeting(app, owner, language="nb")
    with app.app_context():
        meeting = db.session.get(Meeting, planned.meeting_id)
        meeting.place = "Møterom Ålesund, 3. etg."
        db.session.commit()
        item = agenda.add_item(meeting, {"title": "Strategi for mottak"})
        item_id = item.id
    login_as(owner)
    page = client.get(f"/meetings/{planned.meeting_id}")
    made = client.post(
        f"/meetings/{planned.meeting_id}/items/{item_id}/workshop",
        data={"csrf_token": csrf_token_from(page.get_data(as_text=True))},
    )
    assert made.status_code == 303, text_of(made)
    with app.app_context():
        workshop = db.session.get(AgendaItem, item_id).workshop
        workshop_id = workshop.id
        assert workshop.place == "Møterom Ålesund, 3. etg."
    assert "Møterom Ålesund, 3. etg." in text_of(client.get(f"/workshops/{workshop_id}"))
