"""The projector view and display links over HTTP: who may open it, what it shows, revoking."""

import re

from tests.live_helpers import add_note, join_code, question_ids
from tests.test_live_pages import page_data


def make_display_link(client, workshop_id: int, csrf_token, name: str = "Room PC"):
    """What the dashboard's "Make a display link" button does; returns the page it lands on."""
    token = csrf_token(f"/workshops/{workshop_id}/live")
    return client.post(
        f"/workshops/{workshop_id}/live/display-links",
        data={"csrf_token": token, "name": name},
        follow_redirects=True,
    )


def display_url_in(html: str) -> str:
    match = re.search(r"https?://[^\s<\"]+/display/(wsd_[\w-]+)", html)
    assert match, "the dashboard shows the new display link once"
    return f"/display/{match.group(1)}"


def test_facilitator_makes_a_display_link_that_opens_the_projector_without_login(
    app, client, login_as, make_facilitator, make_workshop, make_participant, csrf_token
):
    facilitator = make_facilitator()
    workshop_id = make_workshop(owner_id=facilitator, status="live", anonymity="anonymous")
    participant, _token = make_participant(workshop_id, name="Ada")
    add_note(app, workshop_id, participant, question_ids(app, workshop_id)[0], "Be <b>bold</b>")
    login_as(facilitator)

    dashboard = make_display_link(client, workshop_id, csrf_token).get_data(as_text=True)
    url = display_url_in(dashboard)
    response = app.test_client().get(url)  # another browser: no login, no cookies

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert join_code(app, workshop_id) in html
    assert "<svg" in html  # the QR code, made on the server
    # Read only: nothing on the page can change anything.
    assert "<form" not in html and "<textarea" not in html and "<input" not in html
    data = page_data(response)
    assert [note["text"] for note in data["notes"]] == ["Be <b>bold</b>"]
    assert "Be <b>bold</b>" not in html.split('id="live-data"')[0]
    # No author names in an anonymous workshop.
    assert all(not note.get("author_name") for note in data["notes"])
    assert data["room"]["room"]["plan"]["status"] == "draft"
    assert icon_of(app.test_client(), html) == 200  # the projector's tab has Workshop's icon


def test_revoked_display_link_no_longer_opens_the_projector(
    app, client, login_as, make_facilitator, make_workshop, csrf_token
):
    facilitator = make_facilitator()
    workshop_id = make_workshop(owner_id=facilitator, status="live")
    login_as(facilitator)
    html = make_display_link(client, workshop_id, csrf_token).get_data(as_text=True)
    url = display_url_in(html)
    link_id = re.search(r"/display-links/(\d+)/revoke", html).group(1)

    client.post(
        f"/workshops/{workshop_id}/live/display-links/{link_id}/revoke",
        data={"csrf_token": csrf_token(f"/workshops/{workshop_id}/live")},
    )

    assert app.test_client().get(url).status_code == 404
    assert app.test_client().get("/display/wsd_not-a-real-token").status_code == 404


def test_display_link_name_has_a_limit_with_a_clear_error(
    client, login_as, make_facilitator, make_workshop, csrf_token
):
    facilitator = make_facilitator()
    workshop_id = make_workshop(owner_id=facilitator)
    login_as(facilitator)

    html = make_display_link(client, workshop_id, csrf_token, name="x" * 101).get_data(as_text=True)

    assert "At most 100 characters." in html
    assert "/display/wsd_" not in html


def test_projector_needs_the_facilitator_of_the_workshop(
    client, login_as, make_facilitator, make_workshop
):
    workshop_id = make_workshop(owner_id=make_facilitator())
    assert client.get(f"/workshops/{workshop_id}/projector").status_code == 302  # to the login
    login_as(make_facilitator())
    assert client.get(f"/workshops/{workshop_id}/projector").status_code == 404
    assert client.post(f"/workshops/{workshop_id}/live/display-links").status_code in (400, 404)


def icon_of(client, html: str) -> int:
    """The status of the icon a page names (its browser tab's)."""
    match = re.search(r'<link rel="icon" type="image/svg\+xml" href="([^"]+)">', html)
    assert match, "the page names an icon"
    return client.get(match.group(1)).status_code


def test_the_new_display_link_is_a_link_to_open_or_copy_on_the_rooms_pc(
    app, client, login_as, make_facilitator, make_workshop, csrf_token
):
    # It was a long address in plain text, shown once: to be selected by hand to the last
    # character, with no "Open" or "Copy link address".
    facilitator = make_facilitator()
    workshop_id = make_workshop(owner_id=facilitator, status="live")
    login_as(facilitator)
    html = make_display_link(client, workshop_id, csrf_token).get_data(as_text=True)

    links = re.findall(r'<a href="(https?://[^"]+/display/wsd_[\w-]+)"[^>]*>\1</a>', html)
    assert len(links) == 1
    assert "Display link made. Open it on the room&#39;s PC (it is shown only now): <a" in html
    path = "/display/" + links[0].split("/display/")[1]
    assert app.test_client().get(path).status_code == 200
