"""The facilitator's pages in Chromium: read on a phone (nothing runs off the side), found from
the workshop list."""

import io
import re

from PIL import Image
from playwright.sync_api import expect

from tests.joining_helpers import join_code_of
from tests.live_helpers import facilitator_email, join_in_browser, log_in_in_browser
from tests.meeting_pages_helpers import plan_series_meeting
from workshop.extensions import db
from workshop.models import Workshop

PHONE = {"width": 390, "height": 844}
# Wider than a phone (its tables are tables again), narrower than a laptop.
SMALL_TABLET = {"width": 660, "height": 900}


def test_on_a_phone_each_detail_of_a_workshop_stands_over_its_value(
    app, browser, live_server, make_workshop
):
    workshop_id = make_workshop(title="Budget hearing")
    page = logged_in(app, browser, live_server, owner_of(app, workshop_id), viewport=PHONE)
    page.goto(f"{live_server.url}/workshops/{workshop_id}")

    details = page.get_by_role("region", name="Details")
    label = details.get_by_text("How participants get a group", exact=True)
    value = label.locator("xpath=following-sibling::dd[1]")
    label_box, value_box = label.bounding_box(), value.bounding_box()
    # The value has the width of the card below its label, not a sliver beside it.
    assert value_box["y"] >= label_box["y"] + label_box["height"]
    assert value_box["x"] == label_box["x"]
    assert value_box["width"] > PHONE["width"] / 2
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_workshop_list_names_the_network_groups_as_the_menu_does(
    app, browser, live_server, make_facilitator
):
    page = logged_in(app, browser, live_server, make_facilitator())
    page.goto(f"{live_server.url}/workshops")

    links = page.get_by_role("link", name="Network groups", exact=True)
    expect(links).to_have_count(2)  # the menu's and the page's own: one name, one place
    hrefs = {links.nth(index).get_attribute("href") for index in range(2)}
    assert len(hrefs) == 1
    links.last.click()
    expect(page.get_by_role("heading", name="Network groups", level=1)).to_be_visible()


def test_on_a_phone_the_pages_with_tables_do_not_scroll_sideways(
    app, browser, live_server, make_workshop
):
    workshop_id = make_workshop(title="A workshop with a title long enough to wrap", status="live")
    owner_id = owner_of(app, workshop_id)
    network = plan_series_meeting(app, owner_id)
    join_in_browser(
        browser.new_context().new_page(), live_server.url, join_code_of(app, workshop_id), "Ada"
    )
    page = logged_in(app, browser, live_server, owner_id, viewport=PHONE)

    for path in (
        "/workshops",
        f"/workshops/{workshop_id}/participants",
        f"/series/{network.series_id}",
        "/account",
    ):
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("table").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path


def test_a_link_field_is_as_wide_as_the_other_fields_of_its_form(
    app, browser, live_server, make_facilitator
):
    page = logged_in(app, browser, live_server, make_facilitator())
    page.goto(f"{live_server.url}/meetings/new")

    place = page.get_by_label("Place", exact=True).bounding_box()
    link = page.get_by_label("Online meeting link", exact=False).bounding_box()
    assert link["width"] == place["width"]


def logged_in(app, browser, live_server, facilitator_id: int, viewport=None):
    """A page of a browser of its own, logged in through the login page as the facilitator."""
    # Playwright's default window unless one is asked for (None would mean no viewport at all).
    page = browser.new_context(**({"viewport": viewport} if viewport else {})).new_page()
    log_in_in_browser(page, live_server.url, facilitator_email(app, facilitator_id))
    return page


def owner_of(app, workshop_id: int) -> int:
    with app.app_context():
        return db.session.get(Workshop, workshop_id).owner_id


def test_a_steps_questions_are_ticked_in_the_outline_by_keyboard(
    app, browser, live_server, make_workshop
):
    workshop_id = make_workshop(sections=("International work", "National work"))
    page = logged_in(app, browser, live_server, owner_of(app, workshop_id), viewport=PHONE)
    page.goto(f"{live_server.url}/workshops/{workshop_id}/plan")
    # No list to Ctrl-click: the outline's headings and questions, each a box to tick.
    assert page.locator("select[multiple]").count() == 0
    add = page.get_by_role("region", name="Add a step")
    add.get_by_label("Title (shown to everyone)").fill("Two questions")
    choice = add.get_by_role("group", name="Questions", exact=True)
    expect(choice).to_have_accessible_description(re.compile("None chosen: every question"))
    national = choice.get_by_role("group", name="National work")
    for text in ("Question 1 of National work?", "Question 3 of National work?"):
        box = national.get_by_label(text)
        box.focus()
        page.keyboard.press("Space")
        expect(box).to_be_checked()
    add.get_by_role("button", name="Add the step").click()

    added = page.locator("li.group-row").filter(has_text="Two questions")
    expect(added).to_contain_text("2 questions")
    added.locator("summary", has_text="Edit").click()
    # The step's own form shows what it has, in boxes of its own (one label, one box).
    ticked = added.get_by_role("checkbox", checked=True)
    expect(ticked).to_have_count(2)
    expect(added.get_by_label("Question 1 of National work?")).to_be_checked()
    expect(added.get_by_label("Question 2 of National work?")).not_to_be_checked()
    expect(add.get_by_label("Question 1 of National work?")).not_to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_table_that_goes_on_shows_a_shadow_where_more_lies(
    app, browser, live_server, make_workshop, make_participant
):
    # On a phone every facilitator's table is read row by row; on a small tablet, just too wide
    # for that, the roster of participants (its columns kept in line) goes on past its box.
    workshop_id = make_workshop(status="live")
    make_participant(workshop_id, name="Aase Asyl-Kristiansen")
    page = logged_in(app, browser, live_server, owner_of(app, workshop_id), viewport=SMALL_TABLET)
    page.goto(f"{live_server.url}/workshops/{workshop_id}/participants")
    table = page.locator("main .table-wrap").first
    assert table.evaluate("box => box.scrollWidth > box.clientWidth")  # its last columns
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_TABLET["width"]
    table.scroll_into_view_if_needed()

    def edge_shade(side: str) -> int:
        """How dark the box's edge is just inside its first row, where no text stands."""
        box, row = table.bounding_box(), table.locator("tbody tr").first.bounding_box()
        x = box["x"] + (2 if side == "left" else box["width"] - 3)
        shot = Image.open(
            io.BytesIO(
                page.screenshot(
                    clip={
                        "x": x,
                        "y": row["y"] + 2,
                        "width": 1,
                        "height": 1,
                    }
                )
            )
        )
        return 255 - min(shot.convert("L").getpixel((0, 0)), 255)

    # At the start: a shadow on the right (more lies there), none on the left.
    assert edge_shade("right") > 12 and edge_shade("left") < 4
    table.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    # At the end: the shadow is on the left.
    assert edge_shade("left") > 12 and edge_shade("right") < 4


def test_closing_a_workshop_on_its_page_asks_first_by_keyboard(
    app, browser, live_server, make_workshop
):
    """One click on "Close the workshop" (or "Back to draft") stopped every participant
    mid-sentence (the dashboard asks first). Now the page asks too; opening the question closes
    nothing."""
    workshop_id = make_workshop(status="live")
    page = logged_in(app, browser, live_server, owner_of(app, workshop_id))
    page.goto(f"{live_server.url}/workshops/{workshop_id}")
    status = page.get_by_role("region", name=re.compile("^Status"))
    question = status.get_by_text("Close the workshop for new notes?")
    expect(question).to_be_hidden()

    status.get_by_text("Close the workshop…").focus()
    page.keyboard.press("Enter")
    expect(question).to_be_visible()
    with app.app_context():
        assert db.session.get(Workshop, workshop_id).status == "live"  # only asked, not closed

    # Back to draft stops the typing too: asked the same way.
    status.get_by_text("Back to draft…").focus()
    page.keyboard.press("Enter")
    expect(status.get_by_text("Take the workshop back to draft?")).to_be_visible()
    expect(status.get_by_role("button", name="Yes, back to draft")).to_be_visible()

    status.get_by_role("button", name="Yes, close the workshop").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Reopen")).to_be_visible()
    with app.app_context():
        assert db.session.get(Workshop, workshop_id).status == "closed"


def test_on_a_phone_the_anonymity_choices_are_read_whole_and_chosen_by_keyboard(
    app, browser, live_server, make_facilitator
):
    """A select cut "Anonymous to other participants (facilitators see names)" at 390 px: the
    choice that matters most to participants could not be read. Now each is a radio with its
    whole text."""
    page = logged_in(app, browser, live_server, make_facilitator(), viewport=PHONE)
    page.goto(f"{live_server.url}/workshops/new")
    anonymity = page.get_by_role("group", name="Anonymity")
    middle = anonymity.get_by_role(
        "radio", name="Anonymous to other participants (facilitators see names)"
    )
    named = anonymity.get_by_role("radio", name="Named: everyone sees who wrote what")
    expect(named).to_be_checked()
    for label in anonymity.locator("label").all():
        assert label.evaluate("e => e.scrollWidth <= e.clientWidth"), label.text_content()
        box = label.bounding_box()
        assert box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    anonymity.get_by_role("radio", checked=True).focus()
    page.keyboard.press("ArrowDown")
    expect(middle).to_be_checked()
    page.get_by_label("Title", exact=True).fill("Budget hearing")
    page.get_by_role("button", name="Create the workshop").click()
    expect(page.get_by_role("heading", name="Budget hearing")).to_be_visible()
    expect(page.get_by_role("region", name="Details")).to_contain_text(
        "Anonymous to other participants (facilitators see names)"
    )
