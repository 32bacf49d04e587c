"""A vote's results as the room sees them, in Chromium: on the projector they fit the screen (or
say how many more there are) and the join code stays in a corner; on a phone the results come
before the voting cards, which are grouped by question; sub-points are nested everywhere; the
dashboard says the participation once, with no percentages before anyone voted."""

import uuid

import pytest
from playwright.sync_api import expect

from tests.live_helpers import (
    add_note,
    facilitator_email,
    join_code,
    join_in_browser,
    log_in_in_browser,
    question_ids,
    said_last,
)
from tests.test_live_browser import open_dashboard  # noqa: F401 (fixture)
from tests.test_room_browser import in_room
from workshop.extensions import db
from workshop.models import Group, Participant, Workshop
from workshop.services import groups, lifecycle, room, shares, votes
from workshop.services.room_state import plan_for
from workshop.services.votes import Voter, VoteSettings

SUB_POINT_NOTE = "Be open about every funder on the website.\n- Funding ceiling per partner"


@pytest.fixture
def vote_over(app, live_workshop, make_participant):
    """A live workshop in its plenary whose raw vote is open on `points` notes spread over its
    questions (the first note has a sub-point); returns (facilitator id, workshop id)."""

    def make(points: int, questions: int = 2):
        facilitator, workshop_id = live_workshop(questions=questions)
        writer, _token = make_participant(workshop_id, 0, "Bo")
        ids = question_ids(app, workshop_id)
        for index in range(points):
            text = SUB_POINT_NOTE if index == 0 else f"Point number {index + 1} of the groups"
            add_note(app, workshop_id, writer, ids[index % questions], text)
        in_room(app, workshop_id, room.start_plan)
        in_room(app, workshop_id, room.go_to_step, plenary_step_id(app, workshop_id))
        in_room(app, workshop_id, votes.open_vote, VoteSettings("raw", "all"))
        return facilitator, workshop_id

    return make


def plenary_step_id(app, workshop_id: int) -> int:
    """The plan's last step: by default the plenary after one round per section."""
    with app.app_context():
        return plan_for(db.session.get(Workshop, workshop_id)).steps[-1].id


def place_dots(app, workshop_id: int, voter_id: int, count: int) -> None:
    """A voter's dots on the vote's first points, one each, through the dots service."""
    with app.app_context():
        voter = Voter.of(db.session.get(Participant, voter_id))
        vote = votes.the_vote(db.session.get(Workshop, workshop_id))
        point_ids = [point.id for point in vote.points][:count]
        for point_id in point_ids:
            votes.place_dot(voter, str(uuid.uuid4()), point_id)


def reveal(app, workshop_id: int) -> None:
    in_room(app, workshop_id, votes.close_vote)
    in_room(app, workshop_id, votes.reveal_vote)


def open_projector(browser, live_server, app, facilitator: int, workshop_id: int, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    log_in_in_browser(page, live_server.url, facilitator_email(app, facilitator))
    page.goto(f"{live_server.url}/workshops/{workshop_id}/projector")
    expect(page.locator("#connection-state")).to_have_text("Online")
    return page


# Where the screen's room for the vote ends: at the join band, or the window's bottom without it.
SCREEN_BOTTOM = """(() => { const band = document.getElementById('join-band');
    return band.offsetParent ? band.getBoundingClientRect().top : window.innerHeight; })()"""


def bars_within_screen(page) -> list[dict]:
    """The bars shown, each with whether it lies wholly inside the window, above the join band."""
    return page.evaluate(
        f"""() => {{ const bottom = {SCREEN_BOTTOM};
          return [...document.querySelectorAll('#projector-results .vote-bar-row')]
            .filter((row) => row.offsetParent !== null)
            .map((row) => {{ const box = row.getBoundingClientRect();
              return {{inside: box.top >= 0 && box.bottom <= bottom
                && box.right <= window.innerWidth}}; }}); }}"""
    )


def test_projector_fits_ten_ranked_bars_on_full_hd_and_720p_and_keeps_the_join_code(
    app, browser, live_server, make_participant, vote_over
):
    facilitator, workshop_id = vote_over(10)
    for name in ("Ada", "Cy", "Di"):
        place_dots(app, workshop_id, make_participant(workshop_id, 1, name)[0], 5)
    projector = open_projector(browser, live_server, app, facilitator, workshop_id, (1920, 1080))
    # The steps have begun: the join box is gone, the code stays up in the band at the foot.
    header_join = projector.locator("#join-band")
    expect(header_join).to_be_visible()
    expect(header_join).to_contain_text(join_code(app, workshop_id))
    expect(projector.locator("#projector-welcome")).to_be_hidden()

    reveal(app, workshop_id)
    expect(projector.locator("#projector-results .vote-bar-row")).to_have_count(10)
    assert bars_within_screen(projector) == [{"inside": True}] * 10
    expect(projector.locator(".vote-more")).to_be_hidden()
    # The sub-point is a nested list item, not a "- " line.
    first = projector.locator("#projector-results .vote-bar-row").first
    expect(first.locator(".vote-bar-text li")).to_have_text("Funding ceiling per partner")
    expect(first).not_to_contain_text("- Funding")

    projector.set_viewport_size({"width": 1280, "height": 720})
    projector.wait_for_function(
        f"""() => {{ const bottom = {SCREEN_BOTTOM};
          return [...document.querySelectorAll('#projector-results .vote-bar-row')]
            .every((row) => row.getBoundingClientRect().bottom <= bottom); }}"""
    )
    assert bars_within_screen(projector) == [{"inside": True}] * 10

    # A closed workshop takes nobody in: the code goes, without a reload.
    in_room(app, workshop_id, lifecycle.change_status, "closed")
    expect(header_join).to_be_hidden()


def test_revealed_results_take_the_projector_from_the_shared_points(
    app, browser, live_server, make_participant, vote_over
):
    facilitator, workshop_id = vote_over(4)
    in_room(app, workshop_id, shares.set_share, "raw", "all", None)
    place_dots(app, workshop_id, make_participant(workshop_id, 1, "Ada")[0], 3)
    projector = open_projector(browser, live_server, app, facilitator, workshop_id, (1920, 1080))
    # While the room votes, the shared points stay up beside the vote.
    expect(projector.locator("#projector-share")).to_be_visible()
    reveal(app, workshop_id)
    expect(projector.locator("#projector-results .vote-bar-row")).to_have_count(4)
    expect(projector.locator("#projector-share")).to_be_hidden()
    assert bars_within_screen(projector) == [{"inside": True}] * 4


def test_projector_shows_the_top_bars_and_says_how_many_more_when_not_all_fit(
    app, browser, live_server, make_participant, vote_over
):
    facilitator, workshop_id = vote_over(40)
    place_dots(app, workshop_id, make_participant(workshop_id, 1, "Ada")[0], 5)
    projector = open_projector(browser, live_server, app, facilitator, workshop_id, (1920, 1080))
    reveal(app, workshop_id)
    more = projector.locator("#projector-results .vote-more")
    expect(more).to_be_visible()
    shown = bars_within_screen(projector)
    assert 10 <= len(shown) < 40 and all(bar["inside"] for bar in shown)
    expect(more).to_have_text(f"+{40 - len(shown)} more points")
    assert projector.locator(".vote-more").bounding_box()["y"] < 1080
    # The table for screen readers keeps every point.
    expect(projector.locator("#projector-results table.vote-table tbody tr")).to_have_count(40)


def test_phone_shows_cards_by_question_and_after_the_reveal_the_results_first(
    app, browser, live_server, make_participant, vote_over
):
    _facilitator, workshop_id = vote_over(6)
    place_dots(app, workshop_id, make_participant(workshop_id, 1, "Ada")[0], 3)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    join_in_browser(page, live_server.url, join_code(app, workshop_id), "Kari", "Group 1")
    expect(page.locator("#connection-state")).to_have_text("Online")

    # Points of two questions mixed in one vote: each card stands under its question.
    questions = page.locator("#vote-points section.vote-question")
    expect(questions).to_have_count(2)
    expect(questions.first.locator(".vote-question-heading")).to_have_text(
        "1 Question 1 of International work?"
    )
    expect(questions.nth(1).locator("li.vote-point")).to_have_count(3)
    expect(questions.nth(1).locator("li.vote-point").first).to_contain_text("Point number 2")

    reveal(app, workshop_id)
    results = page.locator("#vote-results")
    expect(results.locator(".vote-bar-row")).to_have_count(6)
    cards = page.locator("#vote-points li.vote-point")
    assert results.bounding_box()["y"] < cards.first.bounding_box()["y"]
    # The results begin within the first screen of the vote, not screens further down.
    page.locator("#vote-heading").scroll_into_view_if_needed()
    assert results.bounding_box()["y"] - page.locator("#vote-heading").bounding_box()["y"] < 400
    expect(page.get_by_role("heading", name="Your dots", exact=True)).to_be_visible()
    sub_point = results.locator(".vote-bar-row", has_text="Be open").locator(".vote-bar-text li")
    expect(sub_point).to_have_text("Funding ceiling per partner")
    expect(results.locator(".vote-bar-row").first).not_to_contain_text("- Funding")


def test_dashboard_says_participation_once_no_percent_before_a_dot_and_locks_by_action(
    open_dashboard,  # noqa: F811
    vote_over,
):
    facilitator, workshop_id = vote_over(8, questions=8)
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    expect(dashboard.locator("#vote-participation")).to_have_text("Nobody has placed dots yet.")
    totals = dashboard.locator("#vote-totals")
    expect(totals.locator(".vote-bar-row")).to_have_count(8)
    expect(totals).not_to_contain_text("%")
    expect(totals.locator("figcaption")).to_have_count(0)
    expect(totals.locator(".vote-bar-row").first.locator(".vote-bar-text li")).to_have_text(
        "Funding ceiling per partner"
    )

    # The plenary's eight questions do not fit its list: it says that more lie below.
    hint = dashboard.locator("#plenary-scroll-hint")
    expect(hint).to_have_text("More questions below: scroll the list.")
    dashboard.locator("#plenary-list").evaluate("(list) => list.scrollTo(0, list.scrollHeight)")
    expect(hint).to_be_hidden()

    # A lock's button says what pressing it does, and what it did is said aloud.
    panel = dashboard.locator("#questions-panel")
    panel.locator("summary").click()
    panel.get_by_role("button", name="Lock question 2", exact=True).click()
    unlock = panel.get_by_role("button", name="Unlock question 2", exact=True)
    expect(unlock).to_have_text("Unlock")
    expect(unlock).not_to_have_attribute("aria-pressed", "true")
    question = panel.locator(".panel-question", has_text="Question 2 of International work?")
    expect(question.locator(".panel-state")).to_have_text("locked")
    expect(dashboard.locator("#announcer")).to_have_text(said_last("Locked: question 2."))
    unlock.click()
    expect(panel.get_by_role("button", name="Lock question 2", exact=True)).to_have_text("Lock")
    expect(question.locator(".panel-state")).to_be_hidden()

    # Locked through its section, the question says so beside its own "Lock" (which would lock
    # it alone, to stay locked when the section opens).
    section = question.locator("xpath=ancestor::li[contains(@class, 'panel-section')][1]")
    section.locator(":scope > button.lock-button").click()
    expect(question.locator(".panel-state")).to_have_text("locked with its section")
    expect(panel.get_by_role("button", name="Lock question 2", exact=True)).to_be_visible()
    panel.get_by_role("button", name="Lock question 2", exact=True).click()
    expect(question.locator(".panel-state")).to_have_text("locked")


def test_phone_of_a_group_given_one_question_names_every_question_of_a_later_vote(
    app, browser, live_server, make_facilitator, make_workshop, make_participant
):
    workshop_id = make_workshop(owner_id=make_facilitator(), status="live", questions=2)
    writer, _token = make_participant(workshop_id, 1, "Bo")
    ids = question_ids(app, workshop_id)
    for index, question_id in enumerate(ids):
        add_note(app, workshop_id, writer, question_id, f"Point number {index + 1} of the groups")
    with app.app_context():
        first = db.session.scalars(db.select(Group).where(Group.workshop_id == workshop_id)).first()
        groups.choose_group_questions(first, False, [ids[0]])
        group_name = first.name
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    join_in_browser(page, live_server.url, join_code(app, workshop_id), "Kari", group_name)
    expect(page.locator("#connection-state")).to_have_text("Online")

    # Opened after the page loaded, the vote spans both questions; the page knew only its
    # group's first, yet names the second by its number and text, with no share to borrow from.
    in_room(app, workshop_id, votes.open_vote, VoteSettings("raw", "all"))
    headings = page.locator("#vote-points .vote-question-heading")
    expect(headings).to_have_text(
        ["1 Question 1 of International work?", "2 Question 2 of International work?"]
    )
