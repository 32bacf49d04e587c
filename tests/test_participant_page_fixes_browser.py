"""The participant's page in Chromium: unsent text over the note limit comes back after a reload
with its reason at once (and the reason goes as the text is shortened), a closed workshop says
so once, without the hint on how to type a note, and a box refused as closed takes its text as soon
as the workshop or question opens again."""

import re

from playwright.sync_api import expect

from tests.live_helpers import said_last
from tests.test_live_browser import (  # noqa: F401 (fixtures)
    note,
    open_dashboard,
    open_participant,
    set_status,
    stored_texts,
)
from tests.test_room_browser import caught_up, set_question_lock
from workshop.models.note import NOTE_TEXT_MAX

TOO_LONG = "x" * (NOTE_TEXT_MAX + 10)
REASON_TOO_LONG = re.compile(r"A note can be at most 2.?000 characters long; this one has 2.?010\.")


def box(page, question: str):
    return page.get_by_label(f"Your note on question {question}", exact=True)


def error_of(field):
    """The reason shown under a field: the element its aria-describedby names for errors."""
    return field.locator("xpath=following-sibling::p[contains(@class, 'field-error')][1]")


def focus_nowhere(page) -> None:
    """The keyboard on no box as the page goes: the page itself comes back as usual."""
    page.evaluate("document.activeElement.blur()")


def focus_in_a_box(page) -> bool:
    return page.evaluate("document.activeElement.localName === 'textarea'")


def test_unsent_text_over_the_limit_comes_back_after_a_reload_saying_why_until_shortened(
    app,
    make_workshop,
    open_participant,  # noqa: F811
):
    workshop_id = make_workshop(status="live", questions=2)
    _context, ada = open_participant(workshop_id, "Ada")
    caught_up(ada)
    box(ada, "1").fill(TOO_LONG)
    box(ada, "2").fill("A short thought")
    focus_nowhere(ada)

    ada.reload()
    caught_up(ada)

    # The reason is there at once, under the box it is about, without pressing Enter again.
    first = box(ada, "1")
    expect(first).to_have_value(TOO_LONG)
    expect(error_of(first)).to_be_visible()
    expect(error_of(first)).to_have_text(REASON_TOO_LONG)
    expect(first).to_have_attribute("aria-invalid", "true")
    # Quietly: the keyboard is not taken to it, and nothing is said as the page loads.
    assert not focus_in_a_box(ada)
    expect(ada.locator("#announcer")).not_to_contain_text("at most")
    expect(error_of(box(ada, "2"))).to_be_hidden()
    expect(box(ada, "2")).not_to_have_attribute("aria-invalid", "true")

    # The reason follows the text as it is shortened, and goes once it is within the limit.
    first.press("End")
    for _ in range(5):
        first.press("Backspace")
    expect(error_of(first)).to_contain_text(re.compile(r"this one has 2.?005\."))
    for _ in range(5):
        first.press("Backspace")
    expect(error_of(first)).to_be_hidden()
    expect(first).to_have_attribute("aria-invalid", "false")
    first.press("Control+Enter")
    expect(note(ada, "x" * 20)).to_contain_text("Saved")
    assert stored_texts(app, workshop_id) == ["x" * NOTE_TEXT_MAX]


def test_an_edit_over_the_limit_comes_back_after_a_reload_saying_why(
    app,
    make_workshop,
    open_participant,  # noqa: F811
):
    workshop_id = make_workshop(status="live", questions=1)
    _context, ada = open_participant(workshop_id, "Ada")
    caught_up(ada)
    box(ada, "1").fill("Universities")
    box(ada, "1").press("Enter")
    expect(note(ada, "Universities")).to_contain_text("Saved")
    note(ada, "Universities").get_by_role("button", name="Edit").click()
    ada.get_by_label("Edit the note").fill(TOO_LONG)
    focus_nowhere(ada)

    ada.reload()
    caught_up(ada)

    editor = ada.get_by_label("Edit the note")
    expect(editor).to_have_value(TOO_LONG)
    expect(error_of(editor)).to_have_text(REASON_TOO_LONG)
    expect(editor).to_have_attribute("aria-invalid", "true")
    assert not focus_in_a_box(ada)

    editor.fill("Universities and NGOs")
    expect(error_of(editor)).to_be_hidden()
    expect(editor).to_have_attribute("aria-invalid", "false")
    editor.press("Enter")
    expect(note(ada, "Universities and NGOs")).to_contain_text("Saved")
    assert stored_texts(app, workshop_id) == ["Universities and NGOs"]


def test_the_facilitators_unsent_text_over_the_limit_comes_back_saying_why_too(
    live_workshop,
    open_dashboard,  # noqa: F811
):
    facilitator, workshop_id = live_workshop(questions=1)
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    dashboard.get_by_role("button", name="Group 1, question 1: 0 notes").click()
    dashboard.get_by_label("Add a note for Group 1").fill(TOO_LONG)
    focus_nowhere(dashboard)

    dashboard.reload()

    field = dashboard.get_by_label("Add a note for Group 1")
    expect(field).to_have_value(TOO_LONG)
    expect(error_of(field)).to_have_text(REASON_TOO_LONG)
    expect(field).to_have_attribute("aria-invalid", "true")
    assert not focus_in_a_box(dashboard)
    field.fill("Dictated by the group")
    expect(error_of(field)).to_be_hidden()


CLOSED = "The workshop is closed for new notes."
TYPING_HINT = "Enter adds the note."


READ_RIGHT_AFTER_THE_HEADER = "document.querySelector('header.live-header').nextElementSibling.id"


def sentences_saying_closed(page):
    """Every element of the page whose own words say the workshop is closed (screen-reader-only
    text too: the announcer is visually hidden, not hidden from a screen reader)."""
    return page.locator("main").get_by_text(re.compile(r"closed for new notes", re.IGNORECASE))


def test_a_closed_workshop_says_so_once_and_hides_the_typing_hint_until_it_reopens(
    app,
    make_workshop,
    open_participant,  # noqa: F811
):
    workshop_id = make_workshop(status="live", questions=2)
    _context, ada = open_participant(workshop_id, "Ada")
    caught_up(ada)
    expect(ada.locator("#compose-hint")).to_be_visible()
    expect(box(ada, "1")).to_have_accessible_description(re.compile(TYPING_HINT))

    set_status(app, workshop_id, "closed")  # the facilitator closes it: live, without a reload

    # One sentence, in a status region right under the header (what is read first, and read out
    # as it comes), and no word on how to type a note that cannot be added.
    expect(ada.get_by_role("status").filter(has_text=CLOSED)).to_be_visible()
    ada.wait_for_timeout(500)  # the announcer speaks within 200 ms of news: let it have its say
    expect(sentences_saying_closed(ada)).to_have_count(1)
    expect(sentences_saying_closed(ada)).to_have_text(CLOSED)
    assert ada.evaluate(READ_RIGHT_AFTER_THE_HEADER) == "workshop-status"
    expect(ada.locator("#compose-hint")).to_be_hidden()
    expect(box(ada, "1")).not_to_have_accessible_description(re.compile(TYPING_HINT))

    ada.reload()  # the same, drawn by the server
    caught_up(ada)
    expect(sentences_saying_closed(ada)).to_have_count(1)
    expect(ada.locator("#closed-banner")).to_have_text(CLOSED)
    expect(ada.locator("#compose-hint")).to_be_hidden()
    expect(box(ada, "1")).not_to_have_accessible_description(re.compile(TYPING_HINT))

    set_status(app, workshop_id, "live")  # reopened

    expect(ada.locator("#announcer")).to_have_text(
        said_last("The workshop is open for notes again.")
    )
    expect(sentences_saying_closed(ada)).to_have_count(0)
    expect(ada.locator("#compose-hint")).to_be_visible()
    expect(box(ada, "1")).to_have_accessible_description(re.compile(TYPING_HINT))


def test_a_closed_or_locked_refusal_under_the_box_goes_as_soon_as_it_opens_again(
    app,
    make_workshop,
    open_participant,  # noqa: F811
):
    """Enter while the workshop was closed (or the question locked) put the reason under the
    box; it stood there, marked invalid, after the facilitator opened it again, until the next
    Enter. It goes at once, and the text stays in the box to be sent."""
    workshop_id = make_workshop(status="live", questions=2)
    _context, ada = open_participant(workshop_id, "Ada")
    caught_up(ada)
    set_status(app, workshop_id, "closed")
    expect(ada.locator("#closed-banner")).to_be_visible()
    field = box(ada, "1")
    field.fill("Typed while it was closed")
    field.press("Enter")
    expect(error_of(field)).to_have_text(CLOSED)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile(CLOSED))

    set_status(app, workshop_id, "live")  # reopened

    expect(error_of(field)).to_be_hidden()
    expect(field).to_have_attribute("aria-invalid", "false")
    expect(field).not_to_have_accessible_description(re.compile(CLOSED))
    expect(field).to_have_value("Typed while it was closed")
    field.press("Enter")
    expect(note(ada, "Typed while it was closed")).to_contain_text("Saved")

    # A locked question alike: its box stays in view while it holds the text.
    second = ada.locator("article.question").nth(1)
    field = box(ada, "2")
    field.fill("Typed while it was locked")
    set_question_lock(app, workshop_id, second, locked=True)
    expect(second).to_contain_text("Locked by the facilitator")
    field.press("Enter")
    expect(error_of(field)).to_contain_text("Locked by the facilitator")
    expect(field).to_have_attribute("aria-invalid", "true")

    set_question_lock(app, workshop_id, second, locked=False)

    expect(error_of(field)).to_be_hidden()
    expect(field).to_have_attribute("aria-invalid", "false")
    expect(field).to_have_value("Typed while it was locked")
    field.press("Enter")
    expect(note(ada, "Typed while it was locked")).to_contain_text("Saved")


def test_the_facilitators_closed_refusal_goes_too_when_the_workshop_reopens(
    app,
    live_workshop,
    open_dashboard,  # noqa: F811
):
    facilitator, workshop_id = live_workshop(questions=1)
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    expect(dashboard.locator("#connection-state")).to_have_text("Online")
    set_status(app, workshop_id, "closed")
    expect(dashboard.locator("#status-text")).to_have_text("Closed for new notes")
    dashboard.get_by_role("button", name="Group 1, question 1: 0 notes").click()
    field = dashboard.get_by_label("Add a note for Group 1")
    field.fill("Dictated by the group")
    field.press("Enter")
    expect(error_of(field)).to_have_text(CLOSED)

    set_status(app, workshop_id, "live")

    expect(error_of(field)).to_be_hidden()
    expect(field).to_have_attribute("aria-invalid", "false")
    expect(field).to_have_value("Dictated by the group")
