"""In Chromium at a phone's width (390 px): a network group's page shows its meetings and members
whole, each row read down the phone with every cell named (Status included), none cut off at the
side; at a laptop's width the same tables are tables; a screen reader keeps the cells' headers."""

import re

from playwright.sync_api import expect

from tests.live_helpers import log_in_in_browser
from tests.meeting_pages_helpers import plan_series_meeting

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}


def series_page(app, browser, live_server, make_facilitator, viewport):
    email = "coordinator@example.org"
    owner = make_facilitator(email=email, language="nb")
    planned = plan_series_meeting(app, owner, language="nb")
    page = browser.new_context(viewport=viewport).new_page()
    log_in_in_browser(page, live_server.url, email)
    page.goto(f"{live_server.url}/series/{planned.series_id}")
    return page


def cut_off_tables(page) -> list[str]:
    """The tables whose content reaches past their box (it would have to be scrolled to)."""
    return page.evaluate(
        """() => [...document.querySelectorAll("main table")]
            .filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth
                || t.parentElement.scrollWidth > t.parentElement.clientWidth + 1)
            .map((t) => t.querySelector("caption")?.textContent.trim())"""
    )


def test_series_tables_read_row_by_row_on_a_phone(app, browser, live_server, make_facilitator):
    page = series_page(app, browser, live_server, make_facilitator, PHONE)

    assert cut_off_tables(page) == []
    status = page.locator(".meeting-list td[data-label='Status']").first
    expect(status).to_be_in_viewport()
    expect(status).to_have_text("Planlagt")
    assert "Status: " in status.evaluate("cell => getComputedStyle(cell, '::before').content")
    email = page.get_by_role("cell", name="aase@example.org")
    expect(email).to_be_visible()
    # Still a table to a screen reader: the cell is announced with its column's header.
    row = page.get_by_role("row").filter(has_text="Aase Asyl")
    expect(row.get_by_role("cell")).to_have_count(5)
    expect(page.get_by_role("columnheader", name="E-post")).to_have_count(1)
    edit = row.get_by_role("link", name=re.compile(r"^Rediger")).bounding_box()
    assert edit is not None and edit["x"] + edit["width"] <= PHONE["width"]
    page.screenshot(path="/tmp/series390.png", full_page=True)


def test_series_tables_stay_tables_on_a_laptop(app, browser, live_server, make_facilitator):
    page = series_page(app, browser, live_server, make_facilitator, LAPTOP)

    assert cut_off_tables(page) == []
    expect(page.get_by_role("columnheader", name="Status")).to_be_visible()
    status = page.locator(".meeting-list td[data-label='Status']").first
    assert status.evaluate("cell => getComputedStyle(cell).display") == "table-cell"
    assert status.evaluate("cell => getComputedStyle(cell, '::before').content") == "none"
