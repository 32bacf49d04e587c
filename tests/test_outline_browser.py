"""In Chromium, by keyboard alone: paste the outline, move a question, create the groups."""

import re

from playwright.sync_api import expect

from tests.live_helpers import log_in_in_browser
from tests.outline_helpers import ISSUE_EXAMPLE, outline_as_text


def test_facilitator_prepares_outline_and_groups_by_keyboard(
    app, browser, live_server, make_facilitator, make_workshop
):
    # Its own context (not pytest-playwright's `page`, whose base_url fixture warns).
    page = browser.new_context().new_page()
    owner = make_facilitator(email="kari@example.org")
    workshop_id = make_workshop(owner_id=owner, sections=(), groups=0)
    log_in_in_browser(page, live_server.url, "kari@example.org")
    page.goto(f"{live_server.url}/workshops/{workshop_id}/outline")

    page.get_by_role("textbox", name="Outline as text").fill(ISSUE_EXAMPLE)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Import the outline")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("The outline is imported.")).to_be_visible()
    national = page.get_by_role("region", name="Questions on the national strategy")
    expect(national.get_by_role("heading", name="A. In the world we live in")).to_be_visible()

    # The visible "Move down" plus hidden words saying which question it moves.
    move_down = page.get_by_role("button", name=re.compile(r"^Move down\W+Who can the institute"))
    move_down.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Moved down.")).to_be_visible()
    assert outline_as_text(app, workshop_id).splitlines()[1:3] == [
        "1. What is essential due diligence for such efforts?",
        "2. Who can the institute work for and keep its independence and legitimacy: "
        "countries, companies etc.?",
    ]
    expect(page.locator(".question:target")).to_contain_text("Who can the institute work for")

    page.goto(f"{live_server.url}/workshops/{workshop_id}/groups")
    page.get_by_label("How many groups").fill("3")
    page.get_by_label("How many groups").press("Enter")
    expect(page.get_by_text("3 groups are created.")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^Group \d$"))).to_have_count(3)


def test_after_adding_a_question_the_keyboard_is_in_the_box_for_the_next(
    app, browser, live_server, make_facilitator, make_workshop
):
    page = browser.new_context().new_page()
    owner = make_facilitator(email="kari@example.org")
    workshop_id = make_workshop(owner_id=owner, sections=("International work",), questions=0)
    log_in_in_browser(page, live_server.url, "kari@example.org")
    page.goto(f"{live_server.url}/workshops/{workshop_id}/outline")

    page.get_by_text("Add a question").first.focus()
    page.keyboard.press("Enter")  # opens the form
    page.keyboard.press("Tab")
    box = page.get_by_role("textbox", name="Question", exact=True)
    expect(box).to_be_focused()
    page.keyboard.type("Who can the institute work for?")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Add the question")).to_be_focused()
    page.keyboard.press("Enter")

    # Back on the page with the form open: the keyboard is in its box, not at the top of the page
    # (nor on the summary, where Enter would close the form), so the next question follows at once.
    expect(page.get_by_text("The question is added.")).to_be_visible()
    expect(box).to_be_focused()
    expect(box).to_be_in_viewport()
    page.keyboard.type("What is essential due diligence?")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("The question is added.")).to_be_visible()
    expect(box).to_be_focused()
    assert outline_as_text(app, workshop_id).splitlines()[1:] == [
        "1. Who can the institute work for?",
        "2. What is essential due diligence?",
    ]
