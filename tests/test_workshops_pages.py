"""Workshop pages: list, create, the workshop's home, edit, status, duplicate, delete, sharing."""

import re
import threading

import pytest
import socketio
from sqlalchemy import select

from tests.realtime_helpers import CONNECT_WAIT
from tests.workshops_helpers import csrf_token_of, post_form, text_of
from workshop.extensions import db
from workshop.models import Change, Facilitator, Group, Participant, Question, Workshop
from workshop.models.workshop import LONG_TEXT_MAX, TITLE_MAX

RTL_AND_EMOJI = "Møte om æøå — مرحبا 🎉"


def settings(**overrides) -> dict:
    return {
        "title": "Strategy afternoon",
        "theme": "Independence",
        "date": "2025-03-14",
        "place": "Oslo",
        "language": "nb",
        "document_number": "2025/17",
        "reference": "Ref. 9",
        "annex_title": "Annex 1 — notes from the group discussions",
        "annex_intro": "The groups discussed:\nthe strategy.",
        "anonymity": "anonymous_to_peers",
        "group_mode": "balanced_random",
        **overrides,
    }


def stored(app, workshop_id: int) -> Workshop | None:
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        if workshop is not None:
            db.session.expunge(workshop)
        return workshop


def workshop_ids(app) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(Workshop.id).order_by(Workshop.id)))


@pytest.fixture
def owner(make_facilitator, login_as):
    """A logged-in facilitator; returns their id."""
    facilitator_id = make_facilitator(email="owner@example.org", name="Olga Owner")
    login_as(facilitator_id)
    return facilitator_id


# --- logged out, other people's workshops ---


@pytest.mark.parametrize(
    "url",
    [
        "/workshops",
        "/workshops/new",
        "/workshops/1",
        "/workshops/1/edit",
        "/workshops/1/duplicate",
        "/workshops/1/delete",
        "/workshops/1/sharing",
        "/workshops/1/status-card",
    ],
)
def test_pages_send_visitors_who_are_not_logged_in_to_the_login(client, make_workshop, url):
    make_workshop()
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_facilitator_cannot_open_or_change_someone_elses_workshop(
    client, app, owner, make_workshop
):
    theirs = make_workshop(title="Secret strategy")
    for url in ("", "/edit", "/duplicate", "/delete", "/sharing", "/status-card"):
        response = client.get(f"/workshops/{theirs}{url}")
        assert response.status_code == 404
        assert "Secret strategy" not in response.get_data(as_text=True)
    token = csrf_token_of(client, "/workshops")
    for url, data in (
        ("/edit", settings(title="Hijacked")),
        ("/status", {"status": "live"}),
        ("/duplicate", {}),
        ("/delete", {}),
        ("/sharing", {"email": "owner@example.org"}),
    ):
        response = client.post(f"/workshops/{theirs}{url}", data={"csrf_token": token, **data})
        assert response.status_code == 404
    workshop = stored(app, theirs)
    assert (workshop.title, workshop.status) == ("Secret strategy", "draft")
    assert workshop_ids(app) == [theirs]


def test_unknown_workshop_is_a_404(client, owner):
    assert client.get("/workshops/999").status_code == 404


# --- list and create ---


def test_list_shows_own_and_shared_workshops(client, app, owner, make_facilitator, make_workshop):
    make_workshop(owner_id=owner, title="My workshop")
    colleague = make_facilitator(name="Cato Colleague")
    shared = make_workshop(owner_id=colleague, title="Shared with me")
    make_workshop(owner_id=colleague, title="Not shared")
    with app.app_context():
        workshop = db.session.get(Workshop, shared)
        workshop.co_facilitators.append(db.session.get(Facilitator, owner))
        db.session.commit()
    page = text_of(client.get("/workshops"))
    assert "My workshop" in page
    assert "Shared with me" in page
    assert "Cato Colleague" in page
    assert "Not shared" not in page


def test_empty_list_invites_to_create_a_workshop(client, owner):
    page = client.get("/workshops")
    assert "You have no workshops yet." in text_of(page)
    assert 'href="/workshops/new"' in page.get_data(as_text=True)


def test_new_workshop_form_has_labels_and_translated_choices(client, owner):
    html = client.get("/workshops/new", headers={"Accept-Language": "nb"}).get_data(as_text=True)
    for name in (
        "title",
        "theme",
        "date",
        "place",
        "language",
        "document_number",
        "reference",
        "annex_title",
        "annex_intro",
        "group_mode",
    ):
        assert f'<label for="{name}"' in html, name
    # Anonymity's options are long: radios under a legend, each with its own label.
    legend = r'<fieldset class="field choices" id="anonymity">\s*<legend>Anonymitet</legend>'
    assert re.search(legend, html)
    for index in range(3):
        assert f'<label for="anonymity-{index}"' in html
    for value in (
        "da",
        "nb",
        "en",
        "named",
        "anonymous_to_peers",
        "anonymous",
        "assigned",
        "self_select",
        "balanced_random",
    ):
        assert f'value="{value}"' in html, value
    # The meeting's language defaults to the interface language.
    assert re.search(r'<option selected value="nb">|<option value="nb" selected', html)


def test_facilitator_creates_a_workshop_with_every_setting(client, app, owner):
    response = post_form(client, "/workshops/new", "/workshops/new", settings())
    assert response.status_code == 302
    [workshop_id] = workshop_ids(app)
    assert response.headers["Location"].endswith(f"/workshops/{workshop_id}")
    workshop = stored(app, workshop_id)
    assert workshop.owner_id == owner
    assert workshop.status == "draft"
    assert str(workshop.date) == "2025-03-14"
    assert (workshop.anonymity, workshop.group_mode, workshop.language) == (
        "anonymous_to_peers",
        "balanced_random",
        "nb",
    )
    assert workshop.annex_intro == "The groups discussed:\nthe strategy."


def test_non_ascii_settings_round_trip_through_the_pages(client, app, owner):
    post_form(
        client,
        "/workshops/new",
        "/workshops/new",
        settings(title=RTL_AND_EMOJI, place="Tromsø 🏔", annex_intro="שלום\nÆØÅ"),
    )
    [workshop_id] = workshop_ids(app)
    workshop = stored(app, workshop_id)
    assert (workshop.title, workshop.place, workshop.annex_intro) == (
        RTL_AND_EMOJI,
        "Tromsø 🏔",
        "שלום\nÆØÅ",
    )
    home = client.get(f"/workshops/{workshop_id}").get_data(as_text=True)
    assert RTL_AND_EMOJI in home
    edit = client.get(f"/workshops/{workshop_id}/edit").get_data(as_text=True)
    assert f'value="{RTL_AND_EMOJI}"' in edit


def test_user_text_is_escaped_on_every_page(client, app, owner):
    script = "<script>alert('x')</script>"
    post_form(client, "/workshops/new", "/workshops/new", settings(title=script, place=script))
    [workshop_id] = workshop_ids(app)
    for url in (
        "/workshops",
        f"/workshops/{workshop_id}",
        f"/workshops/{workshop_id}/edit",
        f"/workshops/{workshop_id}/delete",
    ):
        html = client.get(url).get_data(as_text=True)
        assert script not in html, url
        assert "&lt;script&gt;" in html, url


@pytest.mark.parametrize(("field", "limit"), [("title", TITLE_MAX), ("annex_intro", LONG_TEXT_MAX)])
def test_oversize_field_is_refused_stating_the_limit(client, app, owner, field, limit):
    response = post_form(
        client, "/workshops/new", "/workshops/new", settings(**{field: "x" * (limit + 1)})
    )
    assert response.status_code == 200
    assert f"At most {limit:,} characters." in text_of(response)
    assert workshop_ids(app) == []


def test_missing_title_and_bad_date_are_explained(client, app, owner):
    response = post_form(
        client, "/workshops/new", "/workshops/new", settings(title="  ", date="14.03.2025")
    )
    page = text_of(response)
    assert "Enter a title." in page
    assert "Enter a date as YYYY-MM-DD" in page
    assert workshop_ids(app) == []


def test_creating_without_csrf_token_is_rejected(client, app, owner):
    response = client.post("/workshops/new", data=settings())
    assert response.status_code == 400
    assert workshop_ids(app) == []


# --- the workshop's home ---


def test_home_links_to_every_part_of_the_workshop(client, owner, make_workshop):
    workshop_id = make_workshop(owner_id=owner, questions=3, groups=2)
    response = client.get(f"/workshops/{workshop_id}")
    html = response.get_data(as_text=True)
    for path in (
        "outline",
        "groups",
        "join-sheet",
        "participants",
        "live",
        "annex",
        "edit",
        "duplicate",
        "sharing",
        "delete",
    ):
        assert f'href="/workshops/{workshop_id}/{path}"' in html, path
    page = text_of(response)
    assert "3 questions" in page
    assert "2 groups" in page


def test_the_page_says_before_going_live_what_participants_would_miss(client, owner, make_workshop):
    empty = text_of(
        client.get(f"/workshops/{make_workshop(owner_id=owner, questions=0, groups=0)}")
    )
    assert "No questions yet: participants would have nothing to write under." in empty
    assert "No groups yet: nobody can join until there are groups." in empty
    no_groups = make_workshop(owner_id=owner, groups=0, status="live")
    html = client.get(f"/workshops/{no_groups}").get_data(as_text=True)
    assert "No groups yet" in html and "No questions yet" not in html
    assert f'<a href="/workshops/{no_groups}/groups">Create the groups</a>' in html
    ready = text_of(client.get(f"/workshops/{make_workshop(owner_id=owner)}"))
    assert "No groups yet" not in ready and "No questions yet" not in ready


def test_status_buttons_move_the_workshop_through_its_lifecycle(client, app, owner, make_workshop):
    workshop_id = make_workshop(owner_id=owner)
    home = f"/workshops/{workshop_id}"
    action = f"{home}/status"
    assert "Go live" in text_of(client.get(home))
    for status, next_buttons in (
        ("live", ("Close the workshop", "Back to draft")),
        ("closed", ("Reopen",)),
        ("live", ("Close the workshop",)),
    ):
        response = post_form(client, home, action, {"status": status})
        assert response.status_code == 302
        assert stored(app, workshop_id).status == status
        page = text_of(client.get(home))
        for button in next_buttons:
            assert button in page
    with app.app_context():
        kinds = db.session.scalars(
            select(Change.payload).where(Change.workshop_id == workshop_id).order_by(Change.seq)
        ).all()
    assert kinds == [{"status": "live"}, {"status": "closed"}, {"status": "live"}]


def test_the_status_card_alone_is_the_pages_own_with_buttons_that_work(
    client, app, owner, make_workshop
):
    """What the workshop's page fetches to follow a status changed elsewhere
    (static/js/status-card.js): the same card, and its forms post with their own token."""
    workshop_id = make_workshop(owner_id=owner, status="live")
    card = f"/workshops/{workshop_id}/status-card"
    shown = text_of(client.get(card))
    assert shown.startswith("Status: Live Participants can join and write notes.")
    assert "Close the workshop" in shown and "Reopen" not in shown
    assert shown in text_of(client.get(f"/workshops/{workshop_id}"))
    response = post_form(client, card, f"/workshops/{workshop_id}/status", {"status": "closed"})
    assert response.status_code == 302
    assert stored(app, workshop_id).status == "closed"
    assert "Reopen" in text_of(client.get(card))


def test_going_live_on_the_page_reaches_participants_already_connected(
    app, client, owner, make_workshop, make_participant, live_server
):
    workshop_id = make_workshop(owner_id=owner)
    _participant_id, participant_token = make_participant(workshop_id)
    arrived = threading.Event()
    received = []

    participant = socketio.Client(reconnection=False)

    @participant.on("workshop:status")
    def on_status(data):
        received.append(data)
        arrived.set()

    participant.connect(
        live_server.url,
        auth={"token": participant_token},
        transports=["websocket"],
        wait_timeout=CONNECT_WAIT,
    )
    # A client catches up first; that is also when its live changes start (docs/realtime.md).
    participant.call("changes:since", {"seq": 0}, timeout=5)
    try:
        home = f"/workshops/{workshop_id}"
        post_form(client, home, f"{home}/status", {"status": "live"})
        assert arrived.wait(5), "the participant was not told the workshop is live"
        assert received[0]["status"] == "live"
        assert received[0]["seq"] == 1
    finally:
        participant.disconnect()


def test_wrong_status_move_is_explained_and_changes_nothing(client, app, owner, make_workshop):
    workshop_id = make_workshop(owner_id=owner)
    response = post_form(
        client,
        f"/workshops/{workshop_id}",
        f"/workshops/{workshop_id}/status",
        {"status": "closed"},
        follow_redirects=True,
    )
    assert "A workshop cannot go from Draft to Closed." in text_of(response)
    assert stored(app, workshop_id).status == "draft"


def test_status_change_without_csrf_token_is_rejected(client, app, owner, make_workshop):
    workshop_id = make_workshop(owner_id=owner)
    response = client.post(f"/workshops/{workshop_id}/status", data={"status": "live"})
    assert response.status_code == 400
    assert stored(app, workshop_id).status == "draft"


# --- edit ---


def test_facilitator_edits_the_workshop(client, app, owner, make_workshop):
    workshop_id = make_workshop(owner_id=owner)
    edit = f"/workshops/{workshop_id}/edit"
    assert 'value="Strategy workshop"' in client.get(edit).get_data(as_text=True)
    response = post_form(client, edit, edit, settings(title="Renamed", date=""))
    assert response.status_code == 302
    workshop = stored(app, workshop_id)
    assert (workshop.title, workshop.date, workshop.place) == ("Renamed", None, "Oslo")


def test_editing_without_csrf_token_is_rejected(client, app, owner, make_workshop):
    workshop_id = make_workshop(owner_id=owner)
    response = client.post(f"/workshops/{workshop_id}/edit", data=settings(title="Renamed"))
    assert response.status_code == 400
    assert stored(app, workshop_id).title == "Strategy workshop"


def test_co_facilitator_can_edit_but_not_delete(
    client, app, make_facilitator, make_workshop, login_as
):
    owner_id = make_facilitator()
    co_id = make_facilitator()
    workshop_id = make_workshop(owner_id=owner_id)
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        workshop.co_facilitators.append(db.session.get(Facilitator, co_id))
        db.session.commit()
    login_as(co_id)
    edit = f"/workshops/{workshop_id}/edit"
    assert post_form(client, edit, edit, settings(title="Edited by co")).status_code == 302
    home = client.get(f"/workshops/{workshop_id}").get_data(as_text=True)
    assert f'href="/workshops/{workshop_id}/delete"' not in home
    assert client.get(f"/workshops/{workshop_id}/delete").status_code == 403
    response = post_form(client, edit, f"/workshops/{workshop_id}/delete", {})
    assert response.status_code == 403
    assert stored(app, workshop_id).title == "Edited by co"


# --- duplicate and delete ---


def test_duplicate_asks_first_then_copies_outline_and_groups_without_participants(
    client, app, owner, make_workshop, make_participant
):
    workshop_id = make_workshop(owner_id=owner, title="Q1 network meeting", questions=4, groups=3)
    make_participant(workshop_id)
    confirm = client.get(f"/workshops/{workshop_id}/duplicate")
    # Everything left behind is named (a copy "by the facilitator's lists" starts without lists).
    assert (
        "Participants, the groups' lists of names, co-facilitators, notes and the annex are not "
        "copied." in text_of(confirm)
    )
    assert workshop_ids(app) == [workshop_id]
    response = post_form(
        client, f"/workshops/{workshop_id}/duplicate", f"/workshops/{workshop_id}/duplicate", {}
    )
    assert response.status_code == 302
    [_original, copy_id] = workshop_ids(app)
    assert response.headers["Location"].endswith(f"/workshops/{copy_id}")
    copy = stored(app, copy_id)
    assert copy.title == "Q1 network meeting (copy)"
    with app.app_context():
        assert db.session.query(Question).filter_by(workshop_id=copy_id).count() == 4
        assert db.session.query(Group).filter_by(workshop_id=copy_id).count() == 3
        assert db.session.query(Participant).filter_by(workshop_id=copy_id).count() == 0


def test_copy_title_follows_the_meetings_language_not_the_interface(
    client, app, owner, make_workshop
):
    workshop_id = make_workshop(owner_id=owner, title="Møte", language="nb")
    url = f"/workshops/{workshop_id}/duplicate"
    post_form(client, url, url, {}, headers={"Accept-Language": "en"})
    assert stored(app, workshop_ids(app)[-1]).title == "Møte (kopi)"


def test_delete_asks_for_confirmation_then_deletes(client, app, owner, make_workshop):
    workshop_id = make_workshop(owner_id=owner, title="To go", questions=2)
    confirm = client.get(f"/workshops/{workshop_id}/delete")
    assert confirm.status_code == 200
    assert "This cannot be undone." in text_of(confirm)
    assert "2 questions" in text_of(confirm)
    assert stored(app, workshop_id) is not None
    url = f"/workshops/{workshop_id}/delete"
    response = post_form(client, url, url, {}, follow_redirects=True)
    assert "The workshop “To go” is deleted." in text_of(response)
    assert stored(app, workshop_id) is None


def test_delete_without_csrf_token_is_rejected(client, app, owner, make_workshop):
    workshop_id = make_workshop(owner_id=owner)
    assert client.post(f"/workshops/{workshop_id}/delete").status_code == 400
    assert stored(app, workshop_id) is not None


# --- sharing ---


def test_owner_shares_with_a_colleague_who_then_sees_the_workshop(
    client, app, owner, make_facilitator, make_workshop, login_as
):
    colleague = make_facilitator(email="colleague@example.org", name="Cato")
    workshop_id = make_workshop(owner_id=owner, title="Shared strategy")
    sharing = f"/workshops/{workshop_id}/sharing"
    response = post_form(
        client, sharing, sharing, {"email": "Colleague@Example.org"}, follow_redirects=True
    )
    assert "Cato can now run this workshop with you." in text_of(response)
    assert "colleague@example.org" in text_of(response)
    login_as(colleague)
    assert "Shared strategy" in text_of(client.get("/workshops"))
    assert client.get(f"/workshops/{workshop_id}").status_code == 200


def test_sharing_with_an_unknown_email_is_explained(client, app, owner, make_workshop):
    workshop_id = make_workshop(owner_id=owner)
    sharing = f"/workshops/{workshop_id}/sharing"
    response = post_form(client, sharing, sharing, {"email": "nobody@example.org"})
    assert "No facilitator has this email address." in text_of(response)
    with app.app_context():
        assert db.session.get(Workshop, workshop_id).co_facilitators == []
    # The owner's own address: said as such ("This facilitator owns the workshop" read as someone
    # else).
    own = post_form(client, sharing, sharing, {"email": "owner@example.org"})
    assert "That is your own address: you own this workshop. Enter a colleague's." in text_of(own)


def test_owner_removes_a_co_facilitator(client, app, owner, make_facilitator, make_workshop):
    colleague = make_facilitator(email="colleague@example.org")
    workshop_id = make_workshop(owner_id=owner)
    sharing = f"/workshops/{workshop_id}/sharing"
    post_form(client, sharing, sharing, {"email": "colleague@example.org"})
    remove = f"{sharing}/{colleague}/remove"
    assert client.post(remove).status_code == 400  # no CSRF token
    response = post_form(client, sharing, remove, {}, follow_redirects=True)
    assert "The workshop is not shared with anyone." in text_of(response)


def test_co_facilitator_sees_sharing_but_cannot_change_it(
    client, app, make_facilitator, make_workshop, login_as
):
    owner_id = make_facilitator(name="Olga")
    co_id = make_facilitator(email="co@example.org")
    other_id = make_facilitator(email="other@example.org")
    workshop_id = make_workshop(owner_id=owner_id)
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        workshop.co_facilitators.append(db.session.get(Facilitator, co_id))
        db.session.commit()
    login_as(co_id)
    sharing = f"/workshops/{workshop_id}/sharing"
    page = client.get(sharing)
    assert page.status_code == 200
    assert 'name="email"' not in page.get_data(as_text=True)
    assert post_form(client, sharing, sharing, {"email": "other@example.org"}).status_code == 403
    assert post_form(client, sharing, f"{sharing}/{co_id}/remove", {}).status_code == 403
    with app.app_context():
        assert [f.id for f in db.session.get(Workshop, workshop_id).co_facilitators] == [co_id]
    assert other_id


def test_every_page_of_a_workshop_leads_back_to_it_the_same_way(client, owner, make_workshop):
    workshop_id = make_workshop(owner_id=owner, title="Budget <hearing>", status="live")
    back = (
        f'<p class="back-link"><a href="/workshops/{workshop_id}">'
        '<span aria-hidden="true">←</span> <span dir="auto">Budget &lt;hearing&gt;</span></a></p>'
    )
    for page in ("edit", "plan", "outline", "groups", "annex", "participants", "live", "sharing"):
        html = client.get(f"/workshops/{workshop_id}/{page}").get_data(as_text=True)
        # One look, the arrow not read out, the title escaped.
        assert back in html, page
