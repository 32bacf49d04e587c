"""The network-meeting pages through the test client, as the coordinator and the departments see
them: series and members, the agenda, topics sent in by link and decided, the members' page."""

import io
import re
from datetime import UTC, datetime, time

import docx
import pytest

from tests.conftest import csrf_token_from
from tests.meeting_pages_helpers import (
    add_item_with_approved_annex,
    plan_series_meeting,
    topic_statuses,
)
from tests.workshops_helpers import text_of
from workshop.extensions import db
from workshop.models import Meeting, Question, Series, Topic

TOPIC = {
    "submitter_name": "Rune Opphold",
    "department": "Residence department",
    "title": "Shared waiting times",
    "description": "Can we compare the figures?",
    "purpose": "decision",
}


@pytest.fixture
def planned(app, owner):
    return plan_series_meeting(app, owner)


@pytest.fixture
def representative(app):
    """A browser without an account (its own cookies); post() sends its page's CSRF token."""
    other = app.test_client()

    def post(url: str, data: dict):
        token = csrf_token_from(other.get(url).get_data(as_text=True))
        return other.post(url, data={"csrf_token": token, **data})

    other.post_form = post
    return other


def send_topic(representative, code: str, **fields) -> str:
    """Send in a topic by the meeting's link; returns the personal link's path."""
    response = representative.post_form(f"/submit/{code}", {**TOPIC, **fields})
    assert response.status_code == 303, text_of(response)
    return response.headers["Location"]


def topic_ids(app, meeting_id: int) -> list[int]:
    with app.app_context():
        statement = db.select(Topic.id).where(Topic.meeting_id == meeting_id).order_by(Topic.id)
        return list(db.session.scalars(statement))


def agenda_titles(app, meeting_id: int) -> list[str]:
    with app.app_context():
        return [item.title for item in db.session.get(Meeting, meeting_id).items]


def item_ids(app, meeting_id: int) -> list[int]:
    with app.app_context():
        return [item.id for item in db.session.get(Meeting, meeting_id).items]


def set_meeting(app, meeting_id: int, **changes) -> None:
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        for name, value in changes.items():
            setattr(meeting, name, value)
        db.session.commit()


# --- series and members ---


def test_coordinator_creates_a_network_group_with_three_members(app, client, coordinator):
    response = coordinator(
        "/series/new", {"name": "Migration network", "language": "nb", "rhythm_weeks": "13"}
    )
    assert response.status_code == 303
    # The next thing to do is adding the members: the page opens there, with the form open.
    series_page, anchor = response.headers["Location"].split("#")
    assert anchor == "members"
    empty = client.get(series_page).get_data(as_text=True)
    assert re.search(r'<details class="add" open>\s*<summary>Add a member</summary>', empty)
    for name, department in (
        ("Aase Asyl", "Asylum department"),
        ("Rune Opphold", "Residence department"),
        ("Mia Mottak", "Reception department"),
    ):
        added = coordinator(
            f"{series_page}/members", {"name": name, "department": department, "role": "member"}
        )
        assert added.status_code == 303
    page = text_of(client.get(series_page))
    assert "Aase Asyl Asylum department" in page
    assert "Mia Mottak Reception department" in page
    assert "No meeting is planned." in page
    # With members, the form folds away again behind its button.
    assert '<details class="add">\n      <summary>Add a member' in client.get(series_page).text


def test_a_member_email_that_is_not_an_email_is_refused_and_nothing_added(
    app, client, coordinator, planned
):
    response = coordinator(
        f"/series/{planned.series_id}/members",
        {"name": "Nora Nobody", "email": "not-an-email", "role": "member"},
    )
    assert response.status_code == 400
    assert "email address" in text_of(response)
    with app.app_context():
        names = [m.name for m in db.session.get(Series, planned.series_id).members]
    assert "Nora Nobody" not in names


def test_series_page_lists_planned_and_held_meetings_with_their_status(
    app, client, coordinator, planned
):
    coordinator(f"/meetings/{planned.meeting_id}/status", {"status": "held"})
    coordinator(
        f"/meetings/new?series_id={planned.series_id}",
        {"title": "Network meeting 2/2027", "date": "2027-06-10", "language": "en"},
    )
    page = text_of(client.get(f"/series/{planned.series_id}"))
    planned_part, held_part = page.split("Held and cancelled")
    # A meeting without a time says so, as one without a date does (on a phone: "Time: —").
    assert "Network meeting 2/2027 10 Jun 2027 — Planned" in planned_part
    assert "Planned" in planned_part
    assert "Network meeting 1/2027 11 Mar 2027 09:00 Held" in held_part


def test_facilitators_home_leads_to_the_network_groups(client, coordinator):
    assert 'href="/series"' in client.get("/workshops").get_data(as_text=True)


def test_another_facilitator_cannot_open_the_series_or_its_meeting(
    client, login_as, make_facilitator, planned
):
    login_as(make_facilitator())
    assert client.get(f"/series/{planned.series_id}").status_code == 404
    assert client.get(f"/meetings/{planned.meeting_id}").status_code == 404


# --- the agenda ---


def test_new_item_is_numbered_before_any_other_business_and_moves_up_by_a_button(
    app, client, coordinator, planned
):
    response = coordinator(
        f"/meetings/{planned.meeting_id}/items",
        {"title": "Budget 2027", "duration_minutes": "20", "purpose": "decision"},
    )
    assert response.status_code == 303
    response = client.get(f"/meetings/{planned.meeting_id}")
    html, page = response.get_data(as_text=True), text_of(response)
    # No time for an item after one without a duration; no dangling separators.
    assert "4. Budget 2027 20 minutes · Decision" in page
    assert "5. Any other business" in page
    # The first item cannot move up, nor the last down.
    buttons = re.findall(r'value="(up|down)" class="secondary"( disabled)?', html)
    assert buttons[0] == ("up", " disabled") and buttons[-1] == ("down", " disabled")
    assert all(not disabled for _direction, disabled in buttons[1:-1])
    budget = item_ids(app, planned.meeting_id)[3]
    moved = coordinator(f"/meetings/{planned.meeting_id}/items/{budget}/move", {"direction": "up"})
    assert moved.headers["Location"].endswith(f"#item-{budget}")
    assert agenda_titles(app, planned.meeting_id)[2] == "Budget 2027"
    assert "Moved up." in text_of(client.get(moved.headers["Location"]))


def test_an_item_of_a_held_meeting_cannot_be_moved(app, client, coordinator, planned):
    before = agenda_titles(app, planned.meeting_id)
    coordinator(f"/meetings/{planned.meeting_id}/status", {"status": "held"})
    first = item_ids(app, planned.meeting_id)[0]
    response = coordinator(
        f"/meetings/{planned.meeting_id}/items/{first}/move",
        {"direction": "down"},
        follow_redirects=True,
    )
    assert "This meeting has been held: its agenda can no longer be changed." in text_of(response)
    assert agenda_titles(app, planned.meeting_id) == before


def test_standing_item_is_edited_and_gets_a_numbered_attachment(app, client, coordinator, planned):
    reports = item_ids(app, planned.meeting_id)[2]
    base = f"/meetings/{planned.meeting_id}/items/{reports}"
    assert (
        coordinator(base, {"title": "Reports", "presenter": "Each department"}).status_code == 303
    )
    coordinator(
        f"{base}/attachments", {"title": "Annual report", "url": "https://example.org/r.pdf"}
    )
    refused = coordinator(
        f"{base}/attachments", {"title": "Bad link", "url": "javascript:alert(1)"}
    )
    assert refused.status_code == 400
    page = text_of(client.get(f"/meetings/{planned.meeting_id}"))
    assert "3. Reports standing item" in page
    assert "Attachment 3.1: Annual report" in page
    assert "Bad link" not in page


def test_an_item_gets_its_own_workshop_with_a_join_code(app, client, coordinator, planned):
    first = item_ids(app, planned.meeting_id)[0]
    coordinator(f"/meetings/{planned.meeting_id}/items/{first}/workshop", {})
    with app.app_context():
        workshop = db.session.get(Meeting, planned.meeting_id).items[0].workshop
        title, code = workshop.title, workshop.join_code
    page = text_of(client.get(f"/meetings/{planned.meeting_id}"))
    assert f"Discussed in groups: {title} · Join code: {code}" in page


# --- topics sent in ---


def test_a_representative_sends_in_a_topic_by_code_and_keeps_a_personal_link(
    app, client, representative, planned
):
    response = representative.post_form("/submit", {"code": planned.submission_code.lower()})
    assert response.headers["Location"].endswith(f"/submit/{planned.submission_code}")
    personal = send_topic(representative, planned.submission_code)
    page = text_of(representative.get(personal))
    assert "Thank you: your topic is sent in." in page
    assert "Keep this personal link" in page
    assert "Submitted" in page and "Shared waiting times" in page
    # The link alone opens it, in any browser; it tells no other site where it was.
    fresh = app.test_client().get(personal.split("?")[0])
    assert "Shared waiting times" in text_of(fresh)
    assert fresh.headers["Referrer-Policy"] == "no-referrer"


def test_an_old_submission_link_says_it_was_replaced(app, coordinator, representative, planned):
    old = planned.submission_code
    coordinator(f"/meetings/{planned.meeting_id}/submission-code", {})
    with app.app_context():
        assert db.session.get(Meeting, planned.meeting_id).submission_code != old
    page = representative.get(f"/submit/{old}")
    assert page.status_code == 410
    assert "This submission code has been replaced by a new one." in text_of(page)


def test_a_wrong_submission_code_is_refused_and_guessing_is_limited(app, representative):
    app.config["JOIN_ATTEMPTS_PER_MINUTE"] = 2
    for _attempt in range(2):
        response = representative.post_form("/submit", {"code": "WRONG1"})
        assert response.status_code == 404
        assert "This submission code is not valid." in text_of(response)
    response = representative.post_form("/submit", {"code": "WRONG2"})
    assert response.status_code == 429
    assert "You have typed too many wrong submission codes" in text_of(response)


def test_an_empty_or_oversized_topic_is_refused_and_nothing_is_kept(app, representative, planned):
    empty = representative.post_form(f"/submit/{planned.submission_code}", {**TOPIC, "title": ""})
    assert empty.status_code == 400
    assert "Enter a title for the topic." in text_of(empty)
    oversized = representative.post_form(
        f"/submit/{planned.submission_code}", {**TOPIC, "description": "x" * 3001}
    )
    assert oversized.status_code == 400
    assert "At most 3,000 characters." in text_of(oversized)
    assert topic_statuses(app, planned.meeting_id) == []


def test_submitter_edits_until_the_deadline_and_not_after(app, representative, planned):
    set_meeting(app, planned.meeting_id, submission_deadline=datetime(2027, 3, 1, 12, tzinfo=UTC))
    app.config["CLOCK"] = lambda: datetime(2027, 2, 20, tzinfo=UTC)
    personal = send_topic(representative, planned.submission_code).split("?")[0]
    edited = representative.post_form(personal, {**TOPIC, "title": "Waiting times, 2026"})
    assert edited.status_code == 303
    app.config["CLOCK"] = lambda: datetime(2027, 3, 2, tzinfo=UTC)
    page = text_of(representative.get(personal))
    assert "Waiting times, 2026" in page
    assert "can no longer be edited" in page and "Edit your topic" not in page
    late = representative.post_form(personal, {**TOPIC, "title": "Too late"})
    assert late.status_code == 409
    assert "The deadline for sending in topics to this meeting has passed." in text_of(late)
    assert topic_statuses(app, planned.meeting_id) == [("Waiting times, 2026", "submitted")]
    # The form's page says it is closed, not "can be sent in until" above that.
    closed = text_of(representative.get(f"/submit/{planned.submission_code}"))
    assert "This meeting no longer takes topics" in closed
    assert "can be sent in and edited until" not in closed
    assert "The deadline for topics was 1 Mar 2027" in closed
    assert "can be sent in and edited until" not in page


def test_a_held_meeting_takes_no_topics(app, coordinator, representative, planned):
    coordinator(f"/meetings/{planned.meeting_id}/status", {"status": "held"})
    page = representative.get(f"/submit/{planned.submission_code}")
    assert "This meeting no longer takes topics" in text_of(page)
    assert 'name="title"' not in page.get_data(as_text=True)
    refused = representative.post(
        f"/submit/{planned.submission_code}",
        data={"csrf_token": csrf_token_from(page.get_data(as_text=True)), **TOPIC},
    )
    assert refused.status_code == 409
    assert topic_statuses(app, planned.meeting_id) == []


def test_declining_needs_a_reason_that_the_submitter_then_sees_escaped(
    app, client, coordinator, representative, planned
):
    personal = send_topic(representative, planned.submission_code, title="<b>Bold</b> idea")
    (topic,) = topic_ids(app, planned.meeting_id)
    review = f"/meetings/{planned.meeting_id}/topics/{topic}/decline"
    without = coordinator(review, {f"t{topic}-reason": " "})
    assert without.status_code == 400
    assert "Give a reason: the submitter sees it." in text_of(without)
    assert "&lt;b&gt;Bold&lt;/b&gt; idea" in without.get_data(as_text=True)
    coordinator(review, {f"t{topic}-reason": "Covered by <i>item 3</i>."})
    page = representative.get(personal.split("?")[0])
    assert "Declined" in text_of(page)
    assert "Covered by &lt;i&gt;item 3&lt;/i&gt;." in page.get_data(as_text=True)


def test_topic_accepted_as_a_question_in_an_items_workshop_outline(
    app, coordinator, representative, planned
):
    send_topic(representative, planned.submission_code)
    (topic,) = topic_ids(app, planned.meeting_id)
    reports = item_ids(app, planned.meeting_id)[2]
    coordinator(f"/meetings/{planned.meeting_id}/items/{reports}/workshop", {})
    coordinator(f"/meetings/{planned.meeting_id}/topics/{topic}/accept", {"item_id": reports})
    with app.app_context():
        questions = [q.text for q in db.session.scalars(db.select(Question))]
    assert questions == ["Shared waiting times"]
    assert topic_statuses(app, planned.meeting_id) == [("Shared waiting times", "accepted")]


def test_a_deferred_topic_comes_to_the_next_meeting_planned_from_this_one(
    app, client, coordinator, representative, planned
):
    personal = send_topic(representative, planned.submission_code)
    (topic,) = topic_ids(app, planned.meeting_id)
    coordinator(f"/meetings/{planned.meeting_id}/topics/{topic}/defer")
    assert "carried over to the next meeting" in text_of(representative.get(personal))
    form = client.get(f"/meetings/{planned.meeting_id}/next")
    assert 'value="2027-06-10"' in form.get_data(as_text=True)  # 13 weeks on
    response = coordinator(f"/meetings/{planned.meeting_id}/next", {"date": "2027-06-10"})
    following = int(response.headers["Location"].rsplit("/", 1)[1])
    review = text_of(client.get(f"/meetings/{following}/topics"))
    assert "Shared waiting times" in review and "carried over from an earlier meeting" in review
    # The meeting it was sent to still says where it went.
    earlier = text_of(client.get(f"/meetings/{planned.meeting_id}/topics"))
    assert "Deferred to a later meeting Shared waiting times (Rune Opphold) →" in earlier
    assert "Submitted" in text_of(representative.get(personal))


# --- the members' page ---


@pytest.fixture
def members_link(app, client, coordinator, owner, planned):
    add_item_with_approved_annex(app, planned.meeting_id, owner, "Publish the figures monthly")
    coordinator(f"/meetings/{planned.meeting_id}/publish")
    made = coordinator(f"/series/{planned.series_id}/members-link", follow_redirects=True)
    page = made.get_data(as_text=True)
    start = page.index('id="members-link-url">') + len('id="members-link-url">')
    return page[start : page.index("<", start)].replace("http://localhost", "")


def test_members_page_shows_published_agenda_and_annex_but_no_contact_data(app, members_link):
    visitor = app.test_client()
    page = visitor.get(members_link)
    assert page.status_code == 200
    text = text_of(page)
    assert "Network meeting 1/2027" in text and "4. Shared waiting-time figures" in text
    assert "aase@example.org" not in text and "rune@example.org" not in text
    annex_link = page.get_data(as_text=True).split('href="')[1:]
    word = next(link.split('"')[0] for link in annex_link if "format=docx" in link)
    download = visitor.get(word.replace("&amp;", "&"))
    assert download.status_code == 200
    paragraphs = [p.text for p in docx.Document(io.BytesIO(download.data)).paragraphs]
    assert "Publish the figures monthly" in paragraphs


def test_an_unpublished_meeting_is_not_on_the_members_page(app, coordinator, members_link, planned):
    coordinator(f"/meetings/{planned.meeting_id}/unpublish")
    text = text_of(app.test_client().get(members_link))
    assert "No meeting has been published yet." in text
    assert "Shared waiting-time figures" not in text


def test_a_revoked_members_link_opens_nothing(app, coordinator, members_link, planned):
    coordinator(f"/series/{planned.series_id}/members-link/revoke")
    assert app.test_client().get(members_link).status_code == 404


def test_a_meeting_with_topics_is_not_deleted_and_the_coordinator_is_told_why(
    app, client, coordinator, representative, planned
):
    send_topic(representative, planned.submission_code)
    response = coordinator(f"/meetings/{planned.meeting_id}/delete", follow_redirects=True)
    assert "so it cannot be deleted. Cancel it instead" in text_of(response)
    assert topic_statuses(app, planned.meeting_id) == [("Shared waiting times", "submitted")]


def test_coordinator_edits_the_standing_items_that_new_meetings_start_with(
    app, client, coordinator, planned
):
    page = client.get(f"/series/{planned.series_id}/standing-items")
    assert 'value="Approval of the agenda"' in page.get_data(as_text=True)
    rows = {
        "rows": "6",
        "s0-title": "Approval of the agenda",
        "s1-title": "Approval of the minutes of the last meeting",
        "s1-remove": "1",
        "s2-title": "Round of the departments",
        "s2-duration_minutes": "30",
        "s3-title": "Any other business",
        "s3-at_end": "y",
        "s4-title": "Next meetings",
        "s4-at_end": "y",
        "s5-title": "Budget follow-up",
    }
    too_long = coordinator(
        f"/series/{planned.series_id}/standing-items", {**rows, "s5-duration_minutes": "601"}
    )
    assert too_long.status_code == 400
    assert "Enter minutes from 0 to 600." in text_of(too_long)
    saved = coordinator(f"/series/{planned.series_id}/standing-items", rows)
    assert saved.status_code == 303
    created = coordinator(
        f"/meetings/new?series_id={planned.series_id}",
        {"title": "Network meeting 2/2027", "language": "en"},
    )
    following = int(created.headers["Location"].rsplit("/", 1)[1])
    assert agenda_titles(app, following) == [
        "Approval of the agenda",
        "Round of the departments",
        "Budget follow-up",
        "Any other business",
        "Next meetings",
    ]


def test_a_new_meeting_of_a_group_starts_from_its_usual_time_and_place(
    app, client, coordinator, planned
):
    with app.app_context():
        series = db.session.get(Series, planned.series_id)
        series.default_start_time, series.default_end_time = time(10, 0), time(12, 0)
        series.default_place = "Town hall, room 2"
        db.session.commit()
    form = client.get(f"/meetings/new?series_id={planned.series_id}").get_data(as_text=True)
    filled = dict(
        re.findall(r'<input[^>]*name="(start_time|end_time|place)"[^>]*value="([^"]*)"', form)
    )
    assert filled == {"start_time": "10:00", "end_time": "12:00", "place": "Town hall, room 2"}

    created = coordinator(
        f"/meetings/new?series_id={planned.series_id}",
        {"title": "Network meeting 2/2027", "language": "en", **filled},
    )
    meeting_page = text_of(client.get(created.headers["Location"]))
    assert "10:00" in meeting_page and "Town hall, room 2" in meeting_page


def test_members_page_lists_earlier_meetings_after_the_latest(
    app, client, coordinator, members_link, planned
):
    earlier = coordinator(
        f"/meetings/new?series_id={planned.series_id}",
        {"title": "Network meeting 4/2026", "date": "2026-12-03", "language": "en"},
    )
    coordinator(f"{earlier.headers['Location']}/publish")
    text = text_of(app.test_client().get(members_link))
    latest, earlier_part = text.split("Earlier meetings")
    assert "Latest meeting Network meeting 1/2027" in latest
    assert "Network meeting 4/2026" in earlier_part


def test_a_meeting_outside_a_group_is_planned_and_listed(app, client, coordinator):
    created = coordinator(
        "/meetings/new", {"title": "Strategy day", "date": "2027-01-20", "language": "da"}
    )
    assert created.status_code == 303
    meeting_page = text_of(client.get(created.headers["Location"]))
    assert "The agenda is empty." in meeting_page
    assert "Plan the next meeting" not in meeting_page
    listed = text_of(client.get("/series"))
    assert "Meetings outside a group" in listed and "Strategy day" in listed


def test_owner_adds_a_coordinator_who_then_runs_the_series(
    app, client, coordinator, login_as, make_facilitator, planned
):
    colleague = make_facilitator(email="colleague@example.org", name="Cora Colleague")
    unknown = coordinator(f"/series/{planned.series_id}/coordinators", {"email": "x@example.org"})
    assert unknown.status_code == 400
    assert "No facilitator has this email address." in text_of(unknown)
    added = coordinator(
        f"/series/{planned.series_id}/coordinators", {"email": "colleague@example.org"}
    )
    assert added.status_code == 303
    login_as(colleague)
    page = text_of(client.get(f"/meetings/{planned.meeting_id}"))
    assert "Network meeting 1/2027" in page


def test_a_representative_sends_in_a_topic_in_norwegian(app, planned):
    norwegian = app.test_client()
    norwegian.environ_base["HTTP_ACCEPT_LANGUAGE"] = "nb"
    url = f"/submit/{planned.submission_code}"
    form = norwegian.get(url)
    assert "Send inn saken" in text_of(form)
    token = csrf_token_from(form.get_data(as_text=True))
    sent = norwegian.post(url, data={"csrf_token": token, **TOPIC}, follow_redirects=True)
    assert "Takk: saken din er sendt inn." in text_of(sent)
    assert "Koordinatoren har ikke avgjort saken din ennå." in text_of(sent)


def test_each_label_of_a_network_groups_pages_names_its_own_field(
    app, client, coordinator, planned
):
    """Two forms on one page (a member and a coordinator; an item and its attachment) used the
    same ids, so a label named the other form's field."""
    item = item_ids(app, planned.meeting_id)[2]
    for path in (f"/series/{planned.series_id}", f"/meetings/{planned.meeting_id}/items/{item}"):
        page = client.get(path).get_data(as_text=True)
        ids = re.findall(r'\sid="([^"]+)"', page)
        assert sorted({i for i in ids if ids.count(i) > 1}) == [], path
        for target in re.findall(r'<label[^>]*\sfor="([^"]+)"', page):
            assert f'id="{target}"' in page, (path, target)
    series_page = client.get(f"/series/{planned.series_id}").get_data(as_text=True)
    assert re.search(r'<label[^>]*for="coordinator-email"[^>]*>The coordinator', series_page)
    added = coordinator(f"/series/{planned.series_id}/coordinators", {"email": "nobody@x.org"})
    assert 'id="coordinator-email-errors"' in added.get_data(as_text=True)  # errors by its field


def test_the_meeting_form_offers_the_browsers_own_pickers_without_a_contrary_format_hint(
    client, coordinator, planned
):
    edit_url = f"/meetings/{planned.meeting_id}/edit"
    form = client.get(edit_url).get_data(as_text=True)

    def input_type(name: str) -> str:
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', form).group(0)
        return re.search(r'type="([^"]+)"', tag).group(1)

    kinds = {name: input_type(name) for name in ("date", "start_time", "submission_deadline")}
    assert kinds == {"date": "date", "start_time": "time", "submission_deadline": "datetime-local"}
    # Each picker shows the reader's own format: a hint saying "YYYY-MM-DD" contradicted it.
    assert "Format:" not in text_of(client.get(edit_url))

    # What the date-and-time picker sends is what the form takes, and shows again.
    fields = {"title": "Network meeting 1/2027", "language": "en", "date": "2027-03-11"}
    saved = coordinator(edit_url, {**fields, "submission_deadline": "2027-03-01T12:00"})
    assert saved.status_code == 303
    assert 'value="2027-03-01T12:00"' in client.get(edit_url).get_data(as_text=True)

    # A deadline after the meeting's day is refused and said why; nothing is changed.
    late = coordinator(edit_url, {**fields, "submission_deadline": "2027-03-12T09:00"})
    assert late.status_code == 400
    assert "The deadline for topics must be on or before the day of the meeting." in text_of(late)
    assert 'value="2027-03-01T12:00"' in client.get(edit_url).get_data(as_text=True)
