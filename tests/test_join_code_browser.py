"""A new join code in Chromium: the facilitator presses "New join code" on the workshop's page,
and the room's screen (its join band and join box) and an open dashboard show the new code at
once, without a reload."""

import re

from playwright.sync_api import expect

from tests.live_helpers import join_code
from tests.test_room_browser import in_room
from tests.test_vote_results_browser import open_projector
from workshop.services import joining, room


def test_the_projector_band_and_the_dashboard_show_a_renewed_code_without_a_reload(
    app, browser, live_server, live_workshop
):
    facilitator, workshop_id = live_workshop(sections=("International work",), questions=2)
    old = join_code(app, workshop_id)
    projector = open_projector(browser, live_server, app, facilitator, workshop_id, (1280, 720))
    in_room(app, workshop_id, room.start_plan)
    band = projector.locator("#join-band")
    expect(band.locator(".join-band-code")).to_have_text(f"Code {old}")
    dashboard = projector.context.new_page()
    dashboard.goto(f"{live_server.url}/workshops/{workshop_id}/live")
    expect(dashboard.locator("#connection-state")).to_have_text("Online")
    old_qr = projector.locator(".join-qr svg path").first.get_attribute("d")
    for page in (projector, dashboard):
        page.evaluate("window.notReloaded = true")

    workshop_page = projector.context.new_page()
    workshop_page.goto(f"{live_server.url}/workshops/{workshop_id}")
    # Folded away until asked for (a rare act): opened and pressed by keyboard.
    button = workshop_page.get_by_role("button", name="New join code", exact=True)
    expect(button).to_be_hidden()
    workshop_page.get_by_text("New join code…").focus()
    workshop_page.keyboard.press("Enter")
    expect(button).to_be_visible()
    button.focus()
    workshop_page.keyboard.press("Enter")
    expect(workshop_page.get_by_text("The old code no longer works.")).to_be_visible()

    new = join_code(app, workshop_id)
    assert new != old
    expect(workshop_page.get_by_text(f"New join code: {new}.")).to_be_visible()
    host = live_server.url.split("://")[1]
    expect(band.locator(".join-band-code")).to_have_text(f"Code {new}")
    expect(band.locator(".join-band-address")).to_have_text(f"Join: {host}/j/{new}")
    # The join box (shown again if the plan goes back to its start) has the new link and QR code.
    welcome = projector.locator("#projector-welcome")
    expect(welcome.locator(".join-code")).to_have_text(new)
    expect(welcome.locator(".join-link")).to_have_text(f"{live_server.url}/j/{new}")
    expect(welcome.locator(".join-qr svg.qr-code")).to_have_count(1)
    expect(welcome.locator(".join-qr svg path").first).not_to_have_attribute("d", old_qr)
    expect(dashboard.locator("#join-code")).to_have_text(new)
    expect(dashboard.locator("#announcer")).to_contain_text(f"New join code: {new}.")
    for page in (projector, dashboard):
        assert page.evaluate("window.notReloaded") is True


STALE_QR = '<svg xmlns="http://www.w3.org/2000/svg" class="qr-code"><path d="M0 0h1"/></svg>'


def test_two_renewals_in_a_moment_leave_the_latest_codes_qr_on_the_screen(
    app, browser, live_server, live_workshop
):
    facilitator, workshop_id = live_workshop(sections=("International work",), questions=2)
    projector = open_projector(browser, live_server, app, facilitator, workshop_id, (1280, 720))
    held = []

    def hold_the_first_qr(route):
        # The first new code's QR answer is slow: it comes back after the second one's.
        if held:
            route.continue_()
        else:
            held.append(route)

    projector.route("**/join-qr.svg?code=*", hold_the_first_qr)
    in_room(app, workshop_id, joining.renew_join_code)
    in_room(app, workshop_id, joining.renew_join_code)
    latest = join_code(app, workshop_id)
    welcome = projector.locator("#projector-welcome")
    expect(welcome.locator(".join-code")).to_have_text(latest)
    # The QR code the server draws for the latest code, as the projector should show it.
    svg = projector.context.request.get(f"{live_server.url}/workshops/{workshop_id}/join-qr.svg")
    latest_qr = re.search(r'<path[^>]* d="([^"]+)"', svg.text()).group(1)
    shown_qr = "document.querySelector('#projector-welcome .join-qr svg path')?.getAttribute('d')"
    projector.wait_for_function(f"d => {shown_qr} === d", arg=latest_qr)
    assert held, "the first renewal's QR code was never asked for"

    with projector.expect_event("requestfinished"):
        held[0].fulfill(status=200, content_type="image/svg+xml", body=STALE_QR)
    projector.wait_for_timeout(300)

    assert projector.evaluate(shown_qr) == latest_qr, "an earlier code's QR replaced the latest"
    expect(welcome.locator(".join-qr")).to_be_visible()
