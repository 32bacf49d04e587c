"""The join code on the workshop's page and its participants page, in Chromium: a code renewed
from another tab (or the API) replaces the one shown, without a reload, and is said politely."""

from playwright.sync_api import expect

from tests.live_helpers import (
    facilitator_email,
    join_code,
    log_in_in_browser,
    said_last,
    wait_for_events,
)
from tests.test_room_browser import in_room
from workshop.services import joining


def open_pages(browser, live_server, app, facilitator: int, workshop_id: int):
    """The facilitator's workshop page and participants page, each in a tab of its own."""
    context = browser.new_context()
    workshop_page = context.new_page()
    log_in_in_browser(workshop_page, live_server.url, facilitator_email(app, facilitator))
    workshop_page.goto(f"{live_server.url}/workshops/{workshop_id}")
    participants_page = context.new_page()
    participants_page.goto(f"{live_server.url}/workshops/{workshop_id}/participants")
    for page in (workshop_page, participants_page):
        page.evaluate("window.notReloaded = true")
    return context, workshop_page, participants_page


# Whether this browser's stored live state (shared by a person's tabs) is past the given seq.
STORED_PAST = """(seq) => Object.keys(localStorage).filter((key) => key.endsWith(':state'))
    .some((key) => JSON.parse(localStorage.getItem(key)).seq > seq)"""


def shown_code(page):
    return page.locator("[data-join-code]")


def test_workshop_and_participants_pages_follow_a_code_renewed_elsewhere(
    app, browser, live_server, live_workshop
):
    facilitator, workshop_id = live_workshop(questions=1)
    old = join_code(app, workshop_id)
    context, *pages = open_pages(browser, live_server, app, facilitator, workshop_id)
    for page in pages:
        expect(shown_code(page)).to_have_text(old)

    # As the API renews it: through the one write-then-publish.
    in_room(app, workshop_id, joining.renew_join_code)
    first = join_code(app, workshop_id)
    for page in pages:
        expect(shown_code(page)).to_have_text(first)

    # Another tab presses "New join code" (it comes back to its own page, reloaded).
    other_tab = context.new_page()
    other_tab.goto(f"{live_server.url}/workshops/{workshop_id}")
    other_tab.get_by_text("New join code…").click()
    other_tab.get_by_role("button", name="New join code", exact=True).click()
    expect(other_tab.get_by_text("The old code no longer works.")).to_be_visible()
    second = join_code(app, workshop_id)
    assert second not in (old, first)
    for page in pages:
        expect(shown_code(page)).to_have_text(second)
        expect(page.locator("#announcer")).to_have_text(
            said_last(f"New join code: {second}. The old code no longer works.")
        )
        assert page.evaluate("window.notReloaded") is True

    # Renewed again elsewhere: the tab that renewed before no longer says its code is the new one.
    other_tab.evaluate("window.notReloaded = true")
    in_room(app, workshop_id, joining.renew_join_code)
    third = join_code(app, workshop_id)
    expect(shown_code(other_tab)).to_have_text(third)
    expect(other_tab.get_by_text(f"New join code: {second}.")).to_have_count(0)
    assert other_tab.evaluate("window.notReloaded") is True


def test_a_page_whose_script_starts_after_another_tab_saw_a_renewal_still_shows_it(
    app, browser, live_server, live_workshop
):
    """Two tabs of one facilitator keep one state in the browser. A tab whose page was drawn
    before a renewal, but whose script started after the other tab had stored the renewal's seq,
    started from that seq: it never learnt the new code (its page still showed the old one)."""
    facilitator, workshop_id = live_workshop(questions=1)
    context, workshop_page, _participants_page = open_pages(
        browser, live_server, app, facilitator, workshop_id
    )
    late_tab = context.new_page()
    held = []  # the late tab's script, held back until the other tab has stored the renewal
    late_tab.route("**/static/js/join-code-page.js", lambda route: held.append(route))
    late_tab.goto(f"{live_server.url}/workshops/{workshop_id}", wait_until="commit")
    expect(shown_code(late_tab)).to_have_text(join_code(app, workshop_id))

    drawn_at = late_tab.evaluate("JSON.parse(document.getElementById('live-data').textContent).seq")

    in_room(app, workshop_id, joining.renew_join_code)
    renewed = join_code(app, workshop_id)
    expect(shown_code(workshop_page)).to_have_text(renewed)
    workshop_page.wait_for_function(STORED_PAST, arg=drawn_at)
    wait_for_events(late_tab, lambda: held, "the late tab asked for its script")
    held[0].continue_()

    expect(shown_code(late_tab)).to_have_text(renewed)
