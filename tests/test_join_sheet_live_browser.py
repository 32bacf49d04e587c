"""The join sheet in Chromium: a code renewed from the dashboard in another tab (or the API)
replaces the sheet's code, join link and QR code without a reload — a sheet printed then works."""

from playwright.sync_api import expect

from tests.live_helpers import facilitator_email, join_code, log_in_in_browser, said_last
from tests.test_room_browser import in_room
from workshop.services import joining


def open_sheet(browser, live_server, app, facilitator: int, workshop_id: int):
    """The facilitator's join sheet, in a tab of its own."""
    context = browser.new_context()
    sheet = context.new_page()
    log_in_in_browser(sheet, live_server.url, facilitator_email(app, facilitator))
    sheet.goto(f"{live_server.url}/workshops/{workshop_id}/join-sheet")
    sheet.evaluate("window.notReloaded = true")
    return context, sheet


def qr_markup(sheet) -> str:
    return sheet.locator(".join-sheet-qr svg").evaluate("svg => svg.outerHTML")


def expect_sheet_for(sheet, code: str) -> None:
    """The code as shown and as read out, and the join link (text and address) for it."""
    expect(sheet.locator(".join-sheet-code [aria-hidden=true]")).to_have_text(code)
    expect(sheet.locator(".join-sheet-code .visually-hidden")).to_have_text(
        f"Join code: {' '.join(code)}"
    )
    link = sheet.locator(".join-sheet-url a")
    expect(link).to_have_text(f"{sheet.url.split('/workshops/')[0]}/j/{code}")
    expect(link).to_have_attribute("href", f"{sheet.url.split('/workshops/')[0]}/j/{code}")
    expect(sheet.get_by_role("link", name="Download the QR code (SVG)")).to_have_attribute(
        "download", f"join-{code}.svg"
    )


def expect_new_qr_code(sheet, before: str) -> str:
    expect(sheet.locator(".join-sheet-qr")).to_be_visible()
    sheet.wait_for_function(
        "before => document.querySelector('.join-sheet-qr svg')?.outerHTML !== before", arg=before
    )
    return qr_markup(sheet)


def renew_from_dashboard(context, live_server, workshop_id: int) -> None:
    """Another tab presses the dashboard's "New join code" (it reloads its own page)."""
    dashboard = context.new_page()
    dashboard.goto(f"{live_server.url}/workshops/{workshop_id}/live")
    dashboard.get_by_text("New join code…").click()
    dashboard.get_by_role("button", name="New join code", exact=True).click()
    expect(dashboard.get_by_text("The old code no longer works.").first).to_be_visible()


def test_open_join_sheet_follows_a_code_renewed_elsewhere(app, browser, live_server, live_workshop):
    facilitator, workshop_id = live_workshop(questions=1)
    old = join_code(app, workshop_id)
    context, sheet = open_sheet(browser, live_server, app, facilitator, workshop_id)
    expect_sheet_for(sheet, old)
    qr = qr_markup(sheet)

    # As the API renews it: through the one write-then-publish.
    in_room(app, workshop_id, joining.renew_join_code)
    first = join_code(app, workshop_id)
    expect_sheet_for(sheet, first)
    qr = expect_new_qr_code(sheet, qr)

    renew_from_dashboard(context, live_server, workshop_id)
    second = join_code(app, workshop_id)
    assert second not in (old, first)
    expect_sheet_for(sheet, second)
    expect_new_qr_code(sheet, qr)
    expect(sheet.locator("#announcer")).to_have_text(
        said_last(f"New join code: {second}. The old code no longer works.")
    )
    assert sheet.evaluate("window.notReloaded") is True


def printed_layout(sheet) -> dict:
    """Where the printed sheet's parts fall on paper (the QR code as a whole: its new drawing
    differs inside), and how tall the page is."""
    sheet.emulate_media(media="print")
    layout = sheet.evaluate(
        """() => ({
          page: document.documentElement.scrollHeight,
          parts: [...document.querySelectorAll('.join-sheet *:not(svg *)')].map((part) => {
            const box = part.getBoundingClientRect();
            // A link's letters have widths of their own: a new link is as tall, not as wide.
            if (part.tagName === "A") return [part.tagName, box.y, box.height];
            return [part.tagName, box.x, box.y, box.width, box.height];
          }),
        })"""
    )
    sheet.emulate_media(media="screen")
    return layout


def test_printed_join_sheet_shows_nothing_new(app, browser, live_server, live_workshop):
    """Printed after a renewal, the sheet is laid out as before: only its values are new, and
    the polite region (which said the new code) takes no room on paper."""
    facilitator, workshop_id = live_workshop(questions=1)
    _context, sheet = open_sheet(browser, live_server, app, facilitator, workshop_id)
    before = printed_layout(sheet)
    in_room(app, workshop_id, joining.renew_join_code)
    expect_sheet_for(sheet, join_code(app, workshop_id))
    # Now following live (a code the catch-up brings is shown, not said): the next one is said.
    in_room(app, workshop_id, joining.renew_join_code)
    expect_sheet_for(sheet, join_code(app, workshop_id))
    expect(sheet.locator("#announcer")).to_contain_text("New join code")
    assert printed_layout(sheet) == before
    sheet.emulate_media(media="print")
    box = sheet.locator("#announcer").bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1
    expect(sheet.locator(".renew-join-code")).to_be_hidden()
