"""In Chromium, by keyboard: see where you are logged in, and log out everywhere."""

import re

from playwright.sync_api import expect

from tests.live_helpers import log_in_in_browser


def test_facilitator_logs_out_everywhere_by_keyboard(browser, live_server, make_facilitator):
    make_facilitator(email="kari@example.org")
    # Two browsers of the same facilitator: the laptop at hand and one left logged in elsewhere.
    laptop = browser.new_context().new_page()
    elsewhere = browser.new_context().new_page()
    log_in_in_browser(elsewhere, live_server.url, "kari@example.org")
    log_in_in_browser(laptop, live_server.url, "kari@example.org")

    laptop.goto(f"{live_server.url}/account")
    sessions = laptop.get_by_role("region", name="Where you are logged in")
    expect(sessions.get_by_role("row")).to_have_count(3)  # the header and two browsers
    expect(sessions.get_by_text("(this browser)")).to_have_count(1)
    sessions.get_by_role("link", name="Log out everywhere…").focus()
    laptop.keyboard.press("Enter")

    expect(laptop.get_by_role("heading", name="Log out everywhere?")).to_be_visible()
    expect(laptop.get_by_text("Your account is logged in in 2 browsers.")).to_be_visible()
    laptop.get_by_role("button", name="Log out everywhere").focus()
    laptop.keyboard.press("Enter")

    laptop.wait_for_url(re.compile(r"/login"))
    expect(laptop.get_by_text("You are logged out everywhere, here too.")).to_be_visible()
    elsewhere.goto(f"{live_server.url}/workshops")
    expect(elsewhere).to_have_url(re.compile(r"/login"))
