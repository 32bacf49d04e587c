"""Plenary and priorities in Chromium: a shared question reaches another group, two participants
place dots by keyboard, the facilitator closes and reveals, the projector shows the ranked bars,
and the annex exported to Word has the points ordered by votes with their counts."""

import re

import docx
from playwright.sync_api import expect

from tests.live_helpers import question_ids, said_last
from tests.test_live_browser import (  # noqa: F401 (fixtures)
    RECONNECT_TIMEOUT_MS,
    note,
    open_dashboard,
    open_participant,
    write_note,
)
from tests.test_room_browser import caught_up, in_room
from workshop.extensions import db
from workshop.models import Dot, Vote
from workshop.services import votes
from workshop.services.votes import VoteSettings


def dots_on(page, text: str):
    return page.locator("#vote-points li.vote-point", has_text=text)


def place_by_keyboard(page, text: str, times: int = 1) -> None:
    """Tab to the point's "Add a dot" button and press it: Enter once, then Space."""
    button = dots_on(page, text).get_by_role("button", name="Add a dot")
    button.focus()
    for index in range(times):
        button.press("Enter" if index % 2 == 0 else " ")


def test_shared_question_vote_by_keyboard_and_ranked_results_on_the_projector(
    browser,
    live_server,
    live_workshop,
    open_participant,  # noqa: F811
    open_dashboard,  # noqa: F811
):
    facilitator, workshop_id = live_workshop(sections=("International work",), questions=2)
    dashboard_context, dashboard = open_dashboard(facilitator, workshop_id)
    _context, ada = open_participant(workshop_id, "Ada", "Group 1")
    _context, bo = open_participant(workshop_id, "Bo", "Group 2")
    caught_up(ada)
    caught_up(bo)
    write_note(ada, "1", "Universities, if we keep the final say")
    write_note(bo, "1", "Ask the ombudsman first", "- and the NGOs")
    write_note(bo, "1", "A travel budget")
    for page, text in ((ada, "Universities"), (bo, "ombudsman"), (bo, "travel")):
        expect(note(page, text)).to_contain_text("Saved")
    # Nothing of another group before it is shared.
    expect(bo.locator("#shared-section")).to_be_hidden()
    expect(bo.get_by_text("Universities, if we keep the final say")).to_have_count(0)

    # A plenary step; the facilitator shares question 1 as the groups wrote it.
    dashboard.get_by_role("button", name="Start the plan").click()
    dashboard.get_by_role("button", name="Next step").click()
    expect(bo.locator("#step-title")).to_have_text("Feedback in plenary")
    dashboard.get_by_label("The groups' notes as written").first.check()
    dashboard.locator("#share-target").select_option(label="1 Question 1 of International work?")
    dashboard.get_by_role("button", name="Share", exact=True).click()
    expect(dashboard.locator("#share-now")).to_contain_text("the groups' notes of 1 Question 1")

    shared = bo.locator("#shared-section")
    expect(shared).to_be_visible()
    group_1 = shared.locator("section.shared-group", has=bo.get_by_role("heading", name="Group 1"))
    expect(group_1).to_contain_text("Universities, if we keep the final say")
    expect(group_1).to_contain_text("Ada")  # a named workshop: authors shown
    # Said with the step when both come within a moment (both are read, in order).
    expect(bo.locator("#announcer")).to_have_text(
        re.compile(r"^(Now: Feedback in plenary\. )?The facilitator shares every group's points\.$")
    )

    # A vote on question 1's notes: 5 dots each, at most 3 on one point.
    dashboard.get_by_label("The groups' notes as written").nth(1).check()
    dashboard.locator("#vote-target").select_option(label="1 Question 1 of International work?")
    # Settings out of range are refused on the spot, with the reason, and nothing opens.
    dashboard.get_by_label("Dots per participant").fill("2")
    dashboard.get_by_role("button", name="Open the vote").click()
    expect(dashboard.locator("#vote-cap-error")).to_have_text(
        "Give a whole number from 1 to the dots per participant."
    )
    expect(dashboard.get_by_label("Most dots on one point")).to_be_focused()
    expect(ada.locator("#vote-section")).to_be_hidden()
    dashboard.get_by_label("Dots per participant").fill("5")
    dashboard.get_by_role("button", name="Open the vote").click()
    expect(ada.locator("#dots-left")).to_have_text("5 of 5 dots left")
    expect(ada.locator("#announcer")).to_have_text(said_last("A vote is open: place your dots."))
    expect(dashboard.locator("#vote-cap-error")).to_be_hidden()
    # The open vote stands above the shared points, where a participant sees it first.
    vote_top = ada.locator("#vote-section").bounding_box()["y"]
    assert vote_top < ada.locator("#shared-section").bounding_box()["y"]

    place_by_keyboard(ada, "ombudsman", 3)
    place_by_keyboard(ada, "Universities", 1)
    expect(ada.locator("#dots-left")).to_have_text("1 of 5 dots left")
    expect(dots_on(ada, "ombudsman")).to_contain_text("Your dots: 3")
    # A fourth dot on one point is refused before it goes anywhere, and said why.
    place_by_keyboard(ada, "ombudsman", 1)
    expect(ada.locator("#announcer")).to_have_text("At most 3 dots on one point.")
    place_by_keyboard(bo, "ombudsman", 2)
    place_by_keyboard(bo, "Universities", 1)
    expect(bo.locator("#dots-left")).to_have_text("2 of 5 dots left")
    # Taking one back, by keyboard too.
    back = dots_on(bo, "Universities").get_by_role("button", name="Take back a dot")
    back.focus()
    back.press("Enter")
    expect(bo.locator("#dots-left")).to_have_text("3 of 5 dots left")

    # The facilitator sees the participation and the totals live, closes and reveals.
    expect(dashboard.locator("#vote-participation")).to_have_text("2 people have placed dots.")
    bars = dashboard.locator("#vote-totals .vote-bar-row")
    expect(bars.first).to_contain_text("Ask the ombudsman first")
    expect(bars.first.locator(".vote-bar-dots")).to_have_text("5 dots")
    # A named workshop: the facilitator sees each group's dots, never a person's.
    expect(bars.first.locator(".vote-bar-groups")).to_contain_text("Group 1: 3")
    expect(bars.first.locator(".vote-bar-groups")).to_contain_text("Group 2: 2")
    # Without running totals, participants see none until the reveal.
    expect(ada.locator("#vote-results")).to_be_hidden()

    # Own dots survive a reload.
    ada.reload()
    expect(ada.locator("#connection-state")).to_have_text("Online")
    expect(dots_on(ada, "ombudsman")).to_contain_text("Your dots: 3")
    expect(ada.locator("#dots-left")).to_have_text("1 of 5 dots left")

    dashboard.get_by_role("button", name="Close the vote").click()
    expect(ada.locator("#vote-state")).to_have_text("The vote is closed. The results come soon.")
    projector = dashboard_context.new_page()
    projector.goto(f"{live_server.url}/workshops/{workshop_id}/projector")
    expect(projector.locator("#connection-state")).to_have_text("Online")
    dashboard.get_by_role("button", name="Reveal the results").click()

    ranked = projector.locator("#projector-results .vote-bar-row")
    expect(ranked).to_have_count(3)
    expect(ranked.nth(0)).to_contain_text("Ask the ombudsman first")
    expect(ranked.nth(0).locator(".vote-bar-dots")).to_have_text("5 dots")
    expect(ranked.nth(1)).to_contain_text("Universities, if we keep the final say")
    expect(ranked.nth(1).locator(".vote-bar-dots")).to_have_text("1 dot")
    expect(ranked.nth(2).locator(".vote-bar-dots")).to_have_text("0 dots")
    # The bar is the dots; the share of voters who chose the point is said in words beside it,
    # under a heading that is not repeated in the caption.
    expect(ranked.nth(0).locator(".vote-bar-detail")).to_contain_text("chosen by 100% of voters")
    expect(projector.locator("#projector-results h2")).to_have_text("Results")
    expect(projector.locator("#projector-results figcaption")).to_have_text("2 people voted.")
    # The same numbers as a table for screen readers; the bars are hidden from them.
    table = projector.locator("#projector-results table.vote-table")
    expect(table.locator("tbody tr").first).to_contain_text("Ask the ombudsman first")
    expect(table.locator("tbody tr").first.locator("td").nth(2)).to_have_text("100%")
    expect(projector.locator("#projector-results .vote-bars")).to_have_attribute(
        "aria-hidden", "true"
    )
    expect(bo.locator("#vote-results .vote-bar-row").first).to_contain_text("ombudsman")
    # The table hidden for the eyes does not widen the pages it is on (no sideways scroll).
    for page in (projector, dashboard, bo):
        assert fits_its_width(page)

    # The annex: its page shows the same ranked bars; order question 1 by votes, mark the top
    # one, show the votes in the documents, and export to Word.
    annex = dashboard_context.new_page()
    annex.goto(f"{live_server.url}/workshops/{workshop_id}/annex")
    votes = annex.locator("#votes")
    expect(votes.locator(".vote-bar-row").first).to_contain_text("Ask the ombudsman first")
    expect(votes.locator(".vote-bar-row").first.locator(".vote-bar-dots")).to_have_text("5 dots")
    expect(votes.locator(".vote-bar-row").first).to_contain_text("chosen by 100% of voters")
    expect(votes.locator("figcaption")).to_have_text("2 people voted.")
    votes.get_by_label("Order the points of").select_option(index=1)
    votes.get_by_label("Mark the top points").fill("1")
    votes.get_by_role("button", name="Order by votes").click()
    expect(annex.locator(".flash")).to_contain_text("The points are ordered by votes.")
    votes.get_by_label("Show each point's votes in Word, PDF, Markdown and HTML").check()
    votes.get_by_role("button", name="Save the votes setting").click()
    expect(annex.locator(".flash")).to_contain_text("The votes setting is saved.")
    first_point = annex.locator("section.annex-question").first.locator(".annex-point").first
    expect(first_point).to_contain_text("Ask the ombudsman first")
    expect(first_point).to_contain_text("5 votes")
    expect(first_point).to_contain_text("Top point")
    assert fits_its_width(annex)

    with annex.expect_download() as download:
        annex.get_by_role("link", name="Word").first.click()
    paragraphs = [p.text for p in docx.Document(download.value.path()).paragraphs]
    points = [text for text in paragraphs if "vote" in text]
    assert points[0].startswith("Ask the ombudsman first") and "5 votes" in points[0]
    assert points[1].startswith("Universities, if we keep the final say") and "1 vote" in points[1]
    assert "0 votes" in points[2]

    # Approved and published: the participants' pages offer it, read only, with its downloads.
    annex.get_by_role("button", name="Approve version 1").click()
    expect(annex.locator(".flash")).to_contain_text("The annex is approved.")
    annex.locator("#publication").get_by_label("Include the vote results").check()
    annex.locator("#publication").get_by_role("button", name="Publish to participants").click()
    expect(annex.locator("#publication")).to_contain_text("Version 1 is published")
    published = bo.locator("#published-section")
    expect(published).to_contain_text("Version 1 of the annex is approved and published.")
    expect(published.get_by_role("link", name="Download as Word")).to_have_attribute(
        "href", f"/w/{workshop_id}/annex/docx"
    )
    published.get_by_role("link", name="Read the annex").click()
    results = bo.get_by_role("region", name="Results of the vote")
    expect(results.locator(".vote-bar-row").first).to_contain_text("Ask the ombudsman first")
    expect(results.locator("table.vote-table tbody tr").first).to_contain_text("5")


def test_dots_placed_offline_survive_a_reload_and_a_vote_closed_meanwhile_refuses_them(
    app,
    make_workshop,
    open_participant,  # noqa: F811
):
    workshop_id = make_workshop(status="live", questions=1)
    ada_context, ada = open_participant(workshop_id, "Ada", "Group 1")
    write_note(ada, "1", "Universities")
    write_note(ada, "1", "The ombudsman")
    expect(note(ada, "ombudsman")).to_contain_text("Saved")
    question_id = question_ids(app, workshop_id)[0]
    in_room(app, workshop_id, votes.open_vote, VoteSettings("raw", "question", question_id))
    expect(ada.locator("#dots-left")).to_have_text("5 of 5 dots left")
    place_by_keyboard(ada, "Universities")
    expect(dots_on(ada, "Universities")).to_contain_text("Your dots: 1")
    expect(dots_on(ada, "Universities")).not_to_contain_text("waiting to be sent")
    expect(ada.locator("html")).to_have_attribute("data-offline-ready", "true")

    ada_context.set_offline(True)
    expect(ada.locator("#connection-state")).to_have_text("Offline")
    place_by_keyboard(ada, "ombudsman", 2)
    expect(dots_on(ada, "ombudsman")).to_contain_text("Your dots: 2 · waiting to be sent")
    expect(ada.locator("#dots-left")).to_have_text("2 of 5 dots left")
    # Reloaded without network: the vote, the saved dot and the waiting ones are all still there.
    ada.reload()
    expect(ada.locator("#connection-state")).to_have_text("Offline")
    expect(dots_on(ada, "Universities")).to_contain_text("Your dots: 1")
    expect(dots_on(ada, "ombudsman")).to_contain_text("Your dots: 2 · waiting to be sent")
    expect(ada.locator("#waiting-banner")).to_contain_text("2 changes are waiting to be sent")

    # The facilitator closes the vote while the two dots wait: they are refused, with the reason.
    in_room(app, workshop_id, votes.close_vote)
    ada_context.set_offline(False)
    expect(ada.locator("#connection-state")).to_have_text("Online", timeout=RECONNECT_TIMEOUT_MS)
    expect(ada.locator("#vote-state")).to_have_text("The vote is closed. The results come soon.")
    refused = ada.locator("#vote-refused li")
    expect(refused).to_have_count(2)
    expect(refused.first).to_contain_text("A dot on “The ombudsman” was not counted")
    expect(ada.locator("#announcer")).to_contain_text("was not counted")
    expect(ada.locator("#dots-left")).to_be_hidden()
    assert counted_dots(app, workshop_id) == 1
    refused.first.get_by_role("button", name="Dismiss").click()
    expect(refused).to_have_count(1)
    expect(refused.first.get_by_role("button", name="Dismiss")).to_be_focused()
    refused.first.get_by_role("button", name="Dismiss").press("Enter")
    expect(refused).to_have_count(0)
    expect(ada.get_by_role("heading", name="Vote")).to_be_focused()
    expect(ada.locator("#waiting-banner")).to_be_hidden()


def counted_dots(app, workshop_id: int) -> int:
    with app.app_context():
        statement = db.select(db.func.count(Dot.id)).where(
            Dot.vote_id.in_(db.select(Vote.id).where(Vote.workshop_id == workshop_id)),
            Dot.removed_at.is_(None),
        )
        return db.session.scalar(statement)


def fits_its_width(page) -> bool:
    """Nothing on the page runs past the window's right edge."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
