"""The minutes page in Chromium: the secretary's words survive a lost connection and a reload,
an edit refused because another secretary changed the field shows both versions, and the
items can be moved and left out by keyboard.

The secretary logs in through the real login page; another secretary's edit reaches the server
through the same operation the API takes.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.live_helpers import facilitator_email, log_in_in_browser
from tests.minutes_page_helpers import (
    approve,
    coming_meetings,
    header_title,
    make_meeting_with_agenda,
    minutes_item,
    set_item_field,
)

RECONNECT_TIMEOUT_MS = 15_000


@pytest.fixture
def open_minutes(browser, live_server, app):
    """A logged-in secretary on a meeting's minutes page, in a browser context of their own."""

    def open_page(facilitator_id: int, meeting_id: int):
        context = browser.new_context()
        page = context.new_page()
        log_in_in_browser(page, live_server.url, facilitator_email(app, facilitator_id))
        page.goto(f"{live_server.url}/meetings/{meeting_id}/minutes/")
        return context, page

    return open_page


def button(page, action: str, title: str):
    """An item's action button, named by the action and (for screen readers) the item."""
    return page.get_by_role("button", name=re.compile(rf"^{action}\W+{re.escape(title)}$"))


def item_card(page, title: str):
    return page.locator("li.minutes-item", has=page.get_by_role("heading", name=title))


def field_of(page, title: str, label: str):
    return item_card(page, title).get_by_label(label, exact=False).first


def state_of(page, title: str, label: str):
    """The field's saved / waiting / not saved line (the control is described by it)."""
    control_id = field_of(page, title, label).get_attribute("id")
    return page.locator(f"#{control_id}-state")


def test_decision_typed_offline_is_kept_across_a_reload_and_saved_once_back_online(
    app, make_facilitator, open_minutes
):
    secretary = make_facilitator()
    meeting_id = make_meeting_with_agenda(app, secretary)
    context, page = open_minutes(secretary, meeting_id)
    expect(page.get_by_role("heading", name="Minutes")).to_be_visible()
    # The page is in the service worker's cache, so a reload without network still shows it.
    expect(page.locator("html")).to_have_attribute("data-offline-ready", "true")

    context.set_offline(True)
    expect(page.locator("#connection-state")).to_have_text("Offline")
    decision = field_of(page, "Approval of the agenda", "Decision")
    decision.fill("The agenda was approved.\n- with one change")
    decision.press("Tab")
    expect(state_of(page, "Approval of the agenda", "Decision")).to_have_text("Waiting to be sent")
    expect(page.locator("#save-summary")).to_have_text(
        "1 change is waiting to be sent. It is kept on this device."
    )

    assert minutes_item(app, meeting_id, "Approval of the agenda").decision == ""

    response = page.reload()
    assert response is not None and response.from_service_worker
    expect(page.locator("#connection-state")).to_have_text("Offline")
    decision = field_of(page, "Approval of the agenda", "Decision")
    expect(decision).to_have_value("The agenda was approved.\n- with one change")
    expect(state_of(page, "Approval of the agenda", "Decision")).to_have_text("Waiting to be sent")

    context.set_offline(False)

    expect(page.locator("#save-summary")).to_have_text(
        "All changes are saved.", timeout=RECONNECT_TIMEOUT_MS
    )
    expect(state_of(page, "Approval of the agenda", "Decision")).to_have_text("Saved")
    expect(page.locator("#connection-state")).to_have_text("Online")
    expect(page.locator("#announcer")).to_have_text("All changes are saved.")
    item = minutes_item(app, meeting_id, "Approval of the agenda")
    assert item.decision == "The agenda was approved.\n- with one change"
    assert item.revisions == {"decision": 1}  # saved once, not once per try


def write_after_another_secretary(app, page, meeting_id: int, label: str, theirs: str, mine: str):
    """Another secretary saves a field of "Strategy 2030" first; then this one types over the
    text they still see. Returns the field and the box that shows the problem."""
    expect(page.locator("#save-summary")).to_have_text("All changes are saved.")
    set_item_field(app, meeting_id, "Strategy 2030", label.lower(), theirs, base_revision=0)
    control = field_of(page, "Strategy 2030", label)
    control.fill(mine)
    control.press("Tab")
    expect(state_of(page, "Strategy 2030", label)).to_have_text("Changed by someone else")
    return control, item_card(page, "Strategy 2030").locator(".field-problem")


@pytest.fixture
def decision_refused(app, make_facilitator, open_minutes):
    """A secretary's decision "My decision" refused: another had saved "Their decision" first.
    (The page, the meeting's id, the decision's field and the box that shows the problem.)"""
    secretary = make_facilitator()
    meeting_id = make_meeting_with_agenda(app, secretary)
    _context, page = open_minutes(secretary, meeting_id)
    decision, problem = write_after_another_secretary(
        app, page, meeting_id, "Decision", theirs="Their decision", mine="My decision"
    )
    return page, meeting_id, decision, problem


def test_stale_edit_shows_both_versions_and_the_secretary_chooses(app, decision_refused):
    page, meeting_id, decision, problem = decision_refused

    expect(problem.get_by_role("figure").filter(has_text="Your version")).to_contain_text(
        "My decision"
    )
    expect(problem.get_by_role("figure").filter(has_text="The saved version")).to_contain_text(
        "Their decision"
    )
    assert minutes_item(app, meeting_id, "Strategy 2030").decision == "Their decision"

    problem.get_by_role("button", name="Keep my version").click()

    expect(state_of(page, "Strategy 2030", "Decision")).to_have_text("Saved")
    expect(decision).to_be_focused()
    assert minutes_item(app, meeting_id, "Strategy 2030").decision == "My decision"


def test_typing_on_after_a_stale_edit_overwrites_nothing_until_the_secretary_chooses(
    app, decision_refused
):
    # The refusal can come while she is still typing: her next words must not silently choose
    # her version over the other secretary's.
    page, meeting_id, decision, problem = decision_refused

    decision.focus()
    decision.press("End")
    decision.press_sequentially(" and more")
    decision.press("Tab")

    mine = problem.get_by_role("figure").filter(has_text="Your version")
    expect(mine).to_contain_text("My decision and more")
    expect(state_of(page, "Strategy 2030", "Decision")).to_have_text("Changed by someone else")
    assert minutes_item(app, meeting_id, "Strategy 2030").decision == "Their decision"

    problem.get_by_role("button", name="Keep my version").click()

    expect(state_of(page, "Strategy 2030", "Decision")).to_have_text("Saved")
    assert minutes_item(app, meeting_id, "Strategy 2030").decision == "My decision and more"


def test_taking_the_saved_version_discards_mine(app, make_facilitator, open_minutes):
    secretary = make_facilitator()
    meeting_id = make_meeting_with_agenda(app, secretary)
    _context, page = open_minutes(secretary, meeting_id)

    background, problem = write_after_another_secretary(
        app, page, meeting_id, "Background", theirs="Theirs", mine="Mine"
    )
    problem.get_by_role("button", name="Use the saved version").click()

    expect(background).to_have_value("Theirs")
    expect(state_of(page, "Strategy 2030", "Background")).to_have_text("Saved")
    expect(page.locator("#save-summary")).to_have_text("All changes are saved.")
    assert minutes_item(app, meeting_id, "Strategy 2030").background == "Theirs"


def test_items_move_and_are_left_out_by_keyboard_and_standing_items_keep_their_place(
    app, make_facilitator, open_minutes
):
    secretary = make_facilitator()
    meeting_id = make_meeting_with_agenda(app, secretary)
    _context, page = open_minutes(secretary, meeting_id)
    headings = page.locator("li.minutes-item h3")
    expect(headings).to_contain_text(
        ["1. Approval of the agenda", "2. Strategy 2030", "3. Reports", "4. Any other business"]
    )

    button(page, "Move down", "Strategy 2030").focus()
    page.keyboard.press("Enter")
    expect(headings.nth(2)).to_contain_text("Strategy 2030")
    expect(button(page, "Move down", "Strategy 2030")).to_be_focused()
    expect(page.locator("#announcer")).to_have_text("The item is moved.")

    button(page, "Leave out", "Reports").focus()
    page.keyboard.press("Enter")
    expect(item_card(page, "Reports").locator("h3")).to_contain_text("left out")
    expect(button(page, "Take back in", "Reports")).to_be_focused()
    expect(item_card(page, "Strategy 2030").locator("h3")).to_contain_text("2. Strategy 2030")

    title = page.get_by_label("Title of a new item")
    title.fill("Visit from the ministry")
    title.press("Enter")
    expect(item_card(page, "Visit from the ministry")).to_have_count(1)
    expect(headings.last).to_contain_text("Any other business")


def test_on_a_phone_the_coming_meetings_are_written_by_keyboard(
    app, make_facilitator, open_minutes
):
    secretary = make_facilitator()
    meeting_id = make_meeting_with_agenda(app, secretary)
    _context, page = open_minutes(secretary, meeting_id)
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing runs off

    page.get_by_role("button", name="Add a coming meeting").press("Enter")
    date_box = page.get_by_label("Date of coming meeting 1")
    expect(date_box).to_be_focused()
    date_box.press_sequentially("03042027")
    page.get_by_label("Start time of coming meeting 1").fill("13:00")
    page.get_by_label("Note on coming meeting 1").fill("In Aarhus")
    page.get_by_label("Note on coming meeting 1").press("Tab")
    page.keyboard.press("Tab")  # past "Remove coming meeting 1", out of the list

    expect(page.locator("#save-summary")).to_have_text("All changes are saved.")
    # A header field cleared takes the meeting's value again.
    meeting_title = page.get_by_label("Meeting", exact=True)
    meeting_title.fill("Extraordinary council meeting")
    meeting_title.press("Tab")
    expect(page.locator("#save-summary")).to_have_text("All changes are saved.")
    assert header_title(app, meeting_id) == "Extraordinary council meeting"
    meeting_title.fill("")
    meeting_title.press("Tab")
    expect(meeting_title).to_have_value("Council meeting")
    assert header_title(app, meeting_id) is None

    checkbox = item_card(page, "Any other business").get_by_label(
        "List the coming meetings under this item"
    )
    checkbox.focus()
    page.keyboard.press("Space")
    expect(state_of(page, "Any other business", "List the coming meetings")).to_have_text("Saved")
    assert minutes_item(app, meeting_id, "Any other business").coming_meetings_here is True
    assert coming_meetings(app, meeting_id) == [
        {"date": "2027-03-04", "start": "13:00", "end": "", "note": "In Aarhus"}
    ]


def test_a_change_to_approved_minutes_starts_the_next_draft_and_offers_to_approve_it(
    app, make_facilitator, open_minutes
):
    secretary = make_facilitator()
    meeting_id = make_meeting_with_agenda(app, secretary)
    approve(app, meeting_id, secretary)
    _context, page = open_minutes(secretary, meeting_id)
    expect(page.locator("#minutes-state")).to_contain_text("Version 1 is approved.")
    approve_button = page.get_by_role("button", name="Approve version 2")
    expect(approve_button).to_be_hidden()

    discussion = field_of(page, "Reports", "Discussion")
    discussion.fill("- Asylum department\n  - two new staff")
    discussion.press("Tab")

    expect(page.locator("#minutes-state")).to_have_text("Draft of version 2.")
    expect(page.locator("#announcer")).to_contain_text("started the draft of version 2")
    approve_button.click()
    expect(page.locator(".flash-success")).to_have_text("Version 2 of the minutes is approved.")
    expect(page.get_by_role("row", name=re.compile(r"^2 "))).to_be_visible()


def test_what_another_secretary_saves_appears_in_the_fields_not_being_typed_in(
    app, make_facilitator, open_minutes
):
    app.config["MINUTES_REFRESH_SECONDS"] = 1
    secretary = make_facilitator()
    meeting_id = make_meeting_with_agenda(app, secretary)
    _context, page = open_minutes(secretary, meeting_id)
    discussion = field_of(page, "Reports", "Discussion")
    discussion.click()

    set_item_field(app, meeting_id, "Reports", "background", "Four reports", base_revision=0)
    set_item_field(app, meeting_id, "Reports", "discussion", "Their notes", base_revision=0)

    set_item_field(app, meeting_id, "Any other business", "title", "Other business", 0)

    expect(field_of(page, "Reports", "Background")).to_have_value("Four reports")
    expect(page.get_by_role("heading", name="Other business")).to_be_visible()
    expect(page.locator("#announcer")).to_have_text(
        "2 fields were changed by someone else and now show their text."
    )
    # The field being typed in keeps the secretary's words, and saving them is refused as stale.
    discussion.press_sequentially("My notes so far")
    expect(discussion).to_have_value("My notes so far")
    discussion.press("Tab")
    expect(state_of(page, "Reports", "Discussion")).to_have_text("Changed by someone else")


def test_a_refused_edit_says_why_and_can_be_undone(app, make_facilitator, open_minutes):
    secretary = make_facilitator()
    meeting_id = make_meeting_with_agenda(app, secretary)
    _context, page = open_minutes(secretary, meeting_id)
    title = field_of(page, "Reports", "Title")

    title.fill("")
    title.press("Tab")

    expect(state_of(page, "Reports", "Title")).to_have_text("Not saved: An item needs a title.")
    expect(page.locator("#save-summary")).to_have_text(
        "1 change was not saved. See the field marked “Not saved”."
    )
    expect(title).to_have_attribute("aria-invalid", "true")
    item_card(page, "Reports").get_by_role("button", name="Undo my change").click()
    expect(title).to_have_value("Reports")
    expect(title).to_be_focused()
    expect(page.locator("#save-summary")).to_have_text("All changes are saved.")
    assert minutes_item(app, meeting_id, "Reports").title == "Reports"
