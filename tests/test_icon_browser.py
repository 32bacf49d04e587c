"""The browser tab's icon: a first visit asks the server for nothing it does not have."""

from playwright.sync_api import expect

from tests.live_helpers import log_in_in_browser


def test_first_pages_load_without_a_console_error_and_show_the_icon(
    app, browser, live_server, make_facilitator
):
    make_facilitator(email="fran@example.org")
    page = browser.new_context().new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Join a workshop")).to_be_visible()
    log_in_in_browser(page, live_server.url, "fran@example.org")
    expect(page.get_by_role("heading", name="Workshops")).to_be_visible()
    page.wait_for_load_state("networkidle")  # the tab's icon is fetched after the page

    assert errors == []  # before the icon: "Failed to load resource: … 404" on every first visit
    icon = page.locator('link[rel="icon"]').get_attribute("href")
    answer = page.request.get(f"{live_server.url}{icon}")
    assert answer.ok and answer.headers["content-type"].startswith("image/svg+xml")


def test_a_client_asking_for_favicon_ico_gets_the_same_icon(client):
    answer = client.get("/favicon.ico", follow_redirects=True)
    assert answer.status_code == 200
    assert answer.mimetype == "image/svg+xml"
    assert b"<svg" in answer.data
