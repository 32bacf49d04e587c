"""The status on the workshop's page, in Chromium: a status changed elsewhere (the API, another
tab) replaces the status card — its words and its buttons — without a reload, and is said
politely; the buttons that arrive so work, and the page's own button says nothing twice."""

from playwright.sync_api import expect

from tests.live_helpers import facilitator_email, log_in_in_browser, said_last
from tests.test_room_browser import in_room
from workshop.extensions import db
from workshop.models import Workshop
from workshop.services import lifecycle


def status_of(app, workshop_id: int) -> str:
    with app.app_context():
        return db.session.get(Workshop, workshop_id).status


def test_workshop_page_follows_a_status_changed_elsewhere_and_its_new_buttons_work(
    app, browser, live_server, live_workshop
):
    facilitator, workshop_id = live_workshop(questions=1)
    context = browser.new_context()
    page = context.new_page()
    log_in_in_browser(page, live_server.url, facilitator_email(app, facilitator))
    page.goto(f"{live_server.url}/workshops/{workshop_id}")
    page.evaluate("window.notReloaded = true")
    heading = page.locator("#status-heading")
    expect(heading).to_have_text("Status: Live")
    # The keyboard is on the button that is about to go stale.
    page.get_by_text("Close the workshop…").focus()

    # As the API closes it: through the one write-then-publish.
    in_room(app, workshop_id, lifecycle.change_status, "closed")
    expect(heading).to_have_text("Status: Closed")
    expect(page.get_by_text("The workshop is closed: no one can join")).to_be_visible()
    expect(page.get_by_role("button", name="Reopen")).to_be_visible()
    expect(page.get_by_text("Close the workshop…")).to_have_count(0)
    expect(heading).to_be_focused()
    expect(page.locator("#announcer")).to_have_text(said_last("The workshop is now: Closed."))
    assert page.evaluate("window.notReloaded") is True

    # Another tab of the same facilitator reopens it with its own button.
    other_tab = context.new_page()
    other_tab.goto(f"{live_server.url}/workshops/{workshop_id}")
    other_tab.get_by_role("button", name="Reopen").click()
    expect(other_tab.locator("#status-heading")).to_have_text("Status: Live")
    expect(heading).to_have_text("Status: Live")
    expect(page.get_by_role("button", name="Reopen")).to_have_count(0)
    expect(page.locator("#announcer")).to_have_text(said_last("The workshop is now: Live."))
    assert page.evaluate("window.notReloaded") is True

    # The button that came live works; the page's own change is not fetched and said here first:
    # the page reloads with the outcome.
    cards_fetched = []
    page.on("request", lambda request: cards_fetched.append(request.url))
    page.get_by_text("Close the workshop…").click()
    page.get_by_role("button", name="Yes, close the workshop").click()
    expect(page.get_by_text("The workshop is now: Closed.")).to_be_visible()
    expect(heading).to_have_text("Status: Closed")
    assert page.evaluate("window.notReloaded") is None
    assert status_of(app, workshop_id) == "closed"
    assert not [url for url in cards_fetched if url.endswith("/status-card")]
    context.close()
