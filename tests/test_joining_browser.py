"""Joining in Chromium: by keyboard alone, from the typed code to the facilitator's list."""

import re

from playwright.sync_api import expect

from tests.joining_helpers import join_code_of
from tests.live_helpers import log_in_in_browser
from workshop.extensions import db
from workshop.models import Facilitator


def test_participant_joins_by_keyboard_and_appears_on_the_facilitators_list(
    app, browser, live_server, make_facilitator, make_workshop
):
    owner = make_facilitator(email="fran@example.org")
    workshop_id = make_workshop(owner_id=owner, title="Rådsmøde", groups=3, status="live")
    code = join_code_of(app, workshop_id)

    participant = browser.new_context().new_page()
    participant.goto(f"{live_server.url}/join")
    participant.get_by_label("Join code").focus()
    participant.keyboard.type(f"{code[:3].lower()} {code[3:].lower()}")
    participant.keyboard.press("Enter")
    expect(participant.get_by_role("heading", name="Rådsmøde")).to_be_visible()
    participant.get_by_label("Your name").focus()
    participant.keyboard.type("Åse Ødegård")
    participant.keyboard.press("Tab")  # into the group radios: the first one takes focus
    participant.keyboard.press("Space")
    participant.keyboard.press("ArrowDown")  # arrows move the choice within the group
    expect(participant.get_by_label("Group 2", exact=True)).to_be_checked()
    participant.keyboard.press("Tab")
    expect(participant.get_by_role("button", name="Join")).to_be_focused()
    participant.keyboard.press("Enter")
    participant.wait_for_url(re.compile(rf"/w/{workshop_id}$"))

    # Opening the join link again from the same browser goes straight back to the group page.
    participant.goto(f"{live_server.url}/j/{code}")
    participant.wait_for_url(re.compile(rf"/w/{workshop_id}$"))

    facilitator = browser.new_context().new_page()
    with app.app_context():
        email = db.session.get(Facilitator, owner).email
    log_in_in_browser(facilitator, live_server.url, email)
    facilitator.goto(f"{live_server.url}/workshops/{workshop_id}/participants")
    group_two = facilitator.get_by_role("region", name=re.compile(r"^Group 2"))
    expect(group_two.get_by_role("rowheader", name="Åse Ødegård")).to_be_visible()
    expect(
        facilitator.get_by_text(re.compile(r"\b1 participant, [01] online now\."))
    ).to_be_visible()


def test_a_refused_form_puts_the_keyboard_on_the_field_and_its_error(
    app, browser, live_server, make_facilitator, make_workshop
):
    """A page that comes back with an error starts at the field, which reads the error with its
    label, not at the top of the page where a screen reader says nothing about it."""
    owner = make_facilitator(email="fran@example.org")
    workshop_id = make_workshop(owner_id=owner, title="Rådsmøde", groups=2, status="live")

    participant = browser.new_context(locale="da-DK").new_page()
    participant.goto(f"{live_server.url}/join")
    participant.get_by_label("Deltagerkode").focus()
    participant.keyboard.type("XXXXXX")
    participant.keyboard.press("Enter")
    code_field = participant.get_by_role("textbox", name="Deltagerkode")
    expect(code_field).to_be_focused()
    expect(code_field).to_have_attribute("aria-invalid", "true")
    expect(code_field).to_have_accessible_description(
        re.compile("Denne deltagerkode er ikke gyldig")
    )
    # Typing again replaces the wrong code straight away.
    participant.keyboard.press("Control+A")
    participant.keyboard.type(join_code_of(app, workshop_id))
    participant.keyboard.press("Enter")
    expect(participant.get_by_role("heading", name="Rådsmøde")).to_be_visible()

    # A facilitator's form too: the new workshop without a title lands on the title.
    facilitator = browser.new_context().new_page()
    log_in_in_browser(facilitator, live_server.url, "fran@example.org")
    facilitator.goto(f"{live_server.url}/workshops/new")
    facilitator.get_by_role("button", name="Create the workshop").focus()
    facilitator.keyboard.press("Enter")
    title = facilitator.get_by_role("textbox", name="Title", exact=True)
    expect(title).to_be_focused()
    expect(title).to_have_attribute("aria-invalid", "true")


def test_joining_without_choosing_a_group_puts_the_keyboard_on_the_groups_and_reads_why(
    app, browser, live_server, make_workshop
):
    # The page came back with "Choose a group." under the choices and the focus nowhere: a
    # screen reader said nothing, and Tab started again at the top of the page.
    workshop_id = make_workshop(title="Klimaplan", groups=2, status="live")
    participant = browser.new_context(locale="da-DK").new_page()
    participant.goto(f"{live_server.url}/j/{join_code_of(app, workshop_id)}")
    participant.get_by_label("Dit navn").fill("Dorte")
    participant.keyboard.press("Enter")

    first = participant.get_by_role("radio", name="Group 1")
    expect(first).to_be_focused()
    expect(first).to_have_accessible_description("Vælg en gruppe.")
    participant.keyboard.press("ArrowDown")  # choose by keyboard, right there
    participant.keyboard.press("Enter")
    expect(participant.get_by_text("Group 2 · du er Dorte")).to_be_visible()
