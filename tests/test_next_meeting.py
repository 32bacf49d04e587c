"""Duplicating a workshop for the next meeting: the new meeting's date, never the old one, and
"(copy)" in the meeting's language."""

import datetime

import pytest

from tests.workshops_helpers import api_as, post_form, text_of
from workshop.extensions import db
from workshop.models import Workshop


@pytest.fixture
def api(app, client, owner):
    """The API as a client whose interface language is English."""
    return api_as(app, client, owner, **{"Accept-Language": "en"})


@pytest.fixture
def last_meeting(app, owner, make_workshop):
    """A Danish workshop held on 14 March 2025."""
    workshop_id = make_workshop(owner_id=owner, title="Netværksmøde", language="da")
    with app.app_context():
        db.session.get(Workshop, workshop_id).date = datetime.date(2025, 3, 14)
        db.session.commit()
    return workshop_id


def workshops_in_order(app) -> list[Workshop]:
    with app.app_context():
        rows = db.session.scalars(db.select(Workshop).order_by(Workshop.id)).all()
        db.session.expunge_all()
        return list(rows)


# --- API ---


def test_api_copy_takes_the_new_meetings_date(api, last_meeting):
    response = api("post", f"/workshops/{last_meeting}/duplicate", json={"date": "2025-06-12"})
    assert response.status_code == 201
    copy = response.get_json()
    assert copy["date"] == "2025-06-12"
    assert copy["title"] == "Netværksmøde (kopi)"


def test_api_copy_without_a_date_has_none_rather_than_the_old_one(api, last_meeting):
    response = api("post", f"/workshops/{last_meeting}/duplicate")
    assert response.status_code == 201
    assert response.get_json()["date"] is None
    assert api("get", f"/workshops/{last_meeting}").get_json()["date"] == "2025-03-14"


def test_api_refuses_a_bad_date_and_copies_nothing(app, api, last_meeting):
    response = api("post", f"/workshops/{last_meeting}/duplicate", json={"date": "12/06/2025"})
    assert response.status_code == 400
    assert "date" in response.get_json()["error"]["details"]["fields"]
    assert len(workshops_in_order(app)) == 1


def test_new_annex_header_shows_the_new_date_not_the_previous_meetings(api, last_meeting):
    copy = api("post", f"/workshops/{last_meeting}/duplicate", json={"date": "2025-06-12"})
    annex = api("get", f"/workshops/{copy.get_json()['id']}/annex").get_json()
    assert annex["header"]["date"] == "2025-06-12"


# --- pages ---


def test_duplicate_page_asks_for_the_new_meetings_date(app, client, owner, login_as, last_meeting):
    login_as(owner)
    url = f"/workshops/{last_meeting}/duplicate"
    page = client.get(url, headers={"Accept-Language": "en"})
    assert '<label for="date">Date of the new meeting</label>' in page.get_data(as_text=True)
    assert "the copy never keeps the old date" in text_of(page)
    response = post_form(client, url, url, {"date": "2025-06-12"})
    assert response.status_code == 302
    _original, copy = workshops_in_order(app)
    assert copy.date == datetime.date(2025, 6, 12)
    assert copy.title == "Netværksmøde (kopi)"


def test_duplicate_page_explains_a_bad_date_and_copies_nothing(
    app, client, owner, login_as, last_meeting
):
    login_as(owner)
    url = f"/workshops/{last_meeting}/duplicate"
    response = post_form(client, url, url, {"date": "next Tuesday"})
    assert response.status_code == 400
    assert "Enter a date as YYYY-MM-DD" in text_of(response)
    assert len(workshops_in_order(app)) == 1
