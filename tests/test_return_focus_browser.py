"""Facilitator pages whose forms post and come back (groups, outline, plan), in Chromium: the
outcome stands where the keyboard is, not at the top of the page."""

import re

from playwright.sync_api import expect

from tests.test_workshops_browser import logged_in, owner_of

FLASH = ".flashes[role=status]"


def flash_is_right_before(page, selector: str) -> bool:
    """Whether the outcome's live region is the element just before `selector`'s."""
    return page.evaluate(
        "s => document.querySelector(s).previousElementSibling?.matches('.flashes')", selector
    )


def test_created_groups_take_the_focus_with_the_outcome_above_them(
    app, browser, live_server, make_workshop
):
    workshop_id = make_workshop(groups=0)
    page = logged_in(app, browser, live_server, owner_of(app, workshop_id))
    page.goto(f"{live_server.url}/workshops/{workshop_id}/groups")
    page.get_by_label("How many groups").fill("4")
    page.get_by_label("How many groups").press("Enter")

    page.wait_for_url(re.compile(r"#groups$"))
    groups = page.get_by_role("list", name="Groups")
    expect(groups).to_be_focused()
    expect(page.locator(FLASH)).to_have_text("4 groups are created.")
    assert flash_is_right_before(page, "#groups")


def test_a_renamed_group_holds_the_focus_and_says_it_was_renamed(
    app, browser, live_server, make_workshop
):
    workshop_id = make_workshop(groups=3)
    page = logged_in(app, browser, live_server, owner_of(app, workshop_id))
    page.goto(f"{live_server.url}/workshops/{workshop_id}/groups")
    third = page.locator("li.group-row").nth(2)
    third.get_by_label("Name").fill("Regional offices")
    third.get_by_label("Name").press("Enter")

    page.wait_for_url(re.compile(r"#group-\d+$"))
    renamed = page.locator("li.group-row").filter(has_text="Regional offices")
    expect(renamed).to_be_focused()
    # In the renamed group's row, below the two above it, not at the top of the page.
    expect(renamed.locator(FLASH)).to_be_visible()
    expect(page.locator(FLASH)).to_have_count(1)


def test_after_adding_a_question_the_next_box_follows_the_outcome(
    app, browser, live_server, make_workshop
):
    workshop_id = make_workshop(sections=("International work", "National work"))
    page = logged_in(app, browser, live_server, owner_of(app, workshop_id))
    page.goto(f"{live_server.url}/workshops/{workshop_id}/outline")
    page.locator("summary", has_text="Add a question").nth(1).click()
    box = page.get_by_role("textbox", name="Question", exact=True)
    box.fill("Who are our partners?")
    page.get_by_role("button", name="Add the question").click()

    page.wait_for_url(re.compile(r"#q\d+-text$"))
    next_box = page.get_by_role("textbox", name="Question", exact=True)
    expect(next_box).to_be_focused()
    expect(next_box).to_have_value("")
    # Above the box's label, so the label still stands over its box.
    field = page.locator(".field", has=next_box)
    assert page.evaluate(
        "f => f.previousElementSibling?.matches('.flashes')", field.element_handle()
    )
    expect(page.locator(FLASH)).to_have_text("The question is added.")
