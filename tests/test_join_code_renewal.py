"""A facilitator renews a workshop's join code (the old one leaked): the old code opens nothing and
says it was replaced (not counted as a guess), the new one works, and whoever joined before stays
in — on the pages and over the API."""

import uuid

import pytest

from tests.joining_helpers import join_code_of
from tests.workshops_helpers import bearer, csrf_token_of, make_api_token, text_of
from workshop.extensions import db
from workshop.models import Question


@pytest.fixture
def workshop_id(make_workshop, owner, login_as):
    """The logged-in owner's live workshop, with one group and one question."""
    login_as(owner)
    return make_workshop(owner_id=owner, status="live", groups=1, questions=1)


def renew(client, workshop_id: int, page: str = "", back: str = "show"):
    """Press "New join code" on a page that shows it (the workshop's page by default)."""
    page_url = page or f"/workshops/{workshop_id}"
    token = csrf_token_of(client, page_url)
    return client.post(
        f"/workshops/{workshop_id}/join-code",
        data={"csrf_token": token, "back": back},
        follow_redirects=True,
    )


def api_join(client, code: str, name: str = "Bo"):
    return client.post("/api/v1/join", json={"code": code, "name": name})


def question_id(app, workshop_id: int) -> int:
    with app.app_context():
        return db.session.scalars(
            db.select(Question.id).where(Question.workshop_id == workshop_id)
        ).first()


def test_a_renewed_join_code_refuses_the_old_code_and_keeps_whoever_joined(
    app, client, workshop_id
):
    old = join_code_of(app, workshop_id)
    stranger = app.test_client()
    joined = api_join(stranger, old, "Ada").get_json()
    token = joined["participant_token"]

    page = renew(client, workshop_id)

    new = join_code_of(app, workshop_id)
    assert new != old
    assert page.status_code == 200
    assert f"New join code: {new}. The old code no longer works." in text_of(page)
    # The old code opens nothing, and says why, as a link and over the API.
    refused = api_join(stranger, old)
    assert refused.status_code == 410
    assert refused.get_json()["error"]["code"] == "join_code_replaced"
    old_link = stranger.get(f"/j/{old}")
    assert old_link.status_code == 410
    assert "This join code has been replaced by a new one." in text_of(old_link)
    # The new code works, and the participant who joined before still writes.
    assert api_join(stranger, new).status_code == 201
    note = {
        "id": str(uuid.uuid4()),
        "question_id": question_id(app, workshop_id),
        "text": "Still in",
    }
    written = stranger.post("/api/v1/participant/notes", json=note, headers=bearer(token))
    assert written.status_code == 201, written.get_json()


def test_a_room_scanning_an_old_sheet_is_told_and_not_locked_out_of_the_new_code(
    app, client, workshop_id
):
    app.config["JOIN_ATTEMPTS_PER_MINUTE"] = 2
    app.config["JOIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE"] = 2
    old = join_code_of(app, workshop_id)
    renew(client, workshop_id)
    new = join_code_of(app, workshop_id)
    # Five phones behind the venue's one address follow the old sheet's QR code, one twice.
    phones = [app.test_client() for _phone in range(5)]
    for phone in [*phones, phones[0]]:
        page = phone.get(f"/j/{old}")
        assert page.status_code == 410
        assert "Ask the facilitator for the new code" in text_of(page)
    # Not one of them was a guess: every phone joins with the new code.
    for phone in phones:
        assert phone.get(f"/j/{new}").status_code == 200
    assert api_join(app.test_client(), new).status_code == 201


def test_a_deleted_workshops_old_codes_go_with_it(app, client, workshop_id):
    old = join_code_of(app, workshop_id)
    renew(client, workshop_id)
    token = csrf_token_of(client, f"/workshops/{workshop_id}/delete")

    deleted = client.post(
        f"/workshops/{workshop_id}/delete", data={"csrf_token": token}, follow_redirects=True
    )

    assert deleted.status_code == 200
    assert "is deleted" in text_of(deleted)
    assert api_join(app.test_client(), old).get_json()["error"]["code"] == "join_code_invalid"


def test_every_page_with_the_join_code_offers_a_new_one_and_comes_back(app, client, workshop_id):
    pages = {
        "show": f"/workshops/{workshop_id}",
        "live": f"/workshops/{workshop_id}/live",
        "sheet": f"/workshops/{workshop_id}/join-sheet",
    }
    for back, url in pages.items():
        html = client.get(url).get_data(as_text=True)
        assert f'action="/workshops/{workshop_id}/join-code"' in html, url
        assert "the current code stops working at once" in html, url
        page = renew(client, workshop_id, url, back)
        assert page.request.path == url
        code = join_code_of(app, workshop_id)
        assert code in page.get_data(as_text=True)


def test_only_the_workshops_facilitators_renew_its_code(
    app, client, workshop_id, make_facilitator, login_as
):
    code = join_code_of(app, workshop_id)
    token = csrf_token_of(client, f"/workshops/{workshop_id}")
    login_as(make_facilitator())  # another facilitator, same browser session's CSRF token

    response = client.post(f"/workshops/{workshop_id}/join-code", data={"csrf_token": token})

    assert response.status_code == 404
    anonymous = app.test_client().post(f"/workshops/{workshop_id}/join-code")
    assert anonymous.status_code in (302, 400)
    assert join_code_of(app, workshop_id) == code


def test_renewing_without_the_forms_csrf_token_is_refused(app, client, workshop_id):
    code = join_code_of(app, workshop_id)

    response = client.post(f"/workshops/{workshop_id}/join-code", data={"back": "show"})

    assert response.status_code == 400
    assert join_code_of(app, workshop_id) == code


def test_the_api_renews_the_code_for_the_workshops_facilitators_only(
    app, client, workshop_id, owner, make_facilitator
):
    old = join_code_of(app, workshop_id)
    headers = bearer(make_api_token(app, owner))

    renewed = client.post(f"/api/v1/workshops/{workshop_id}/join-code", headers=headers)

    assert renewed.status_code == 200
    body = renewed.get_json()
    assert body["code"] == join_code_of(app, workshop_id) != old
    assert body["url"].endswith(f"/j/{body['code']}")
    assert (
        client.get(f"/api/v1/workshops/{workshop_id}/join-info", headers=headers).get_json() == body
    )
    other = bearer(make_api_token(app, make_facilitator()))
    refused = client.post(f"/api/v1/workshops/{workshop_id}/join-code", headers=other)
    assert refused.status_code == 404
    assert client.post(f"/api/v1/workshops/{workshop_id}/join-code").status_code == 401
    assert join_code_of(app, workshop_id) == body["code"]


def test_a_display_links_projector_fetches_the_current_qr_code(app, client, workshop_id, owner):
    made = client.post(
        f"/api/v1/workshops/{workshop_id}/display-links",
        json={"name": "Room PC"},
        headers=bearer(make_api_token(app, owner)),
    ).get_json()
    display = app.test_client()

    qr = display.get(f"/display/{made['token']}/join-qr.svg")

    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml"
    assert qr.headers["Cache-Control"] == "no-store"
    assert "<svg" in qr.get_data(as_text=True)
    assert display.get("/display/wsd_nothing/join-qr.svg").status_code == 404
