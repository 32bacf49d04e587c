"""A participant's page across a server restart (kill -9, started again): it comes back straight
over a WebSocket, as it had one before, and the note typed meanwhile is saved."""

import re

from playwright.sync_api import expect

from tests.conftest import free_port
from tests.live_helpers import join_in_browser, wait_for_events
from tests.server_process import ServerProcess
from tests.test_live_browser import RECONNECT_TIMEOUT_MS, note, write_note
from tests.test_pdf_on_event_loop import cli


def socket_traffic(page) -> dict[str, list[str]]:
    """The page's Socket.IO traffic from now on: long-polling requests answered, WebSockets
    opened (their URLs)."""
    traffic: dict[str, list[str]] = {"polling answered": [], "websockets": []}

    def answered(request):
        if "/socket.io/" in request.url and "transport=polling" in request.url:
            traffic["polling answered"].append(request.url)

    page.on("requestfinished", answered)
    page.on("websocket", lambda socket: traffic["websockets"].append(socket.url))
    return traffic


def test_a_page_that_had_a_websocket_comes_back_over_one_after_a_restart(browser, tmp_path):
    database_url = f"sqlite:///{tmp_path / 'restarted.sqlite'}"
    cli(database_url, "db", "upgrade")
    code = re.search(r"join code (\w+)", cli(database_url, "load-demo")).group(1)
    server = ServerProcess(database_url, free_port(), tmp_path / "server.log")
    server.start()
    try:
        page = browser.new_context().new_page()
        before = socket_traffic(page)
        join_in_browser(page, server.url, code, "Ada")
        expect(page.locator("#connection-state")).to_have_text("Online")
        # The first connection long-polls, then upgrades (Socket.IO's way, behind any proxy).
        wait_for_events(page, lambda: before["websockets"], "the page's connection upgraded")
        assert before["polling answered"]

        server.kill()
        expect(page.locator("#connection-state")).not_to_have_text("Online")
        write_note(page, "1", "Typed while the server was down")
        expect(note(page, "Typed while the server was down")).to_contain_text("Waiting to be sent")
        after = socket_traffic(page)
        server.start()

        expect(page.locator("#connection-state")).to_have_text(
            "Online", timeout=RECONNECT_TIMEOUT_MS
        )
        expect(note(page, "Typed while the server was down")).to_contain_text("Saved")
        assert after["websockets"], "no WebSocket after the restart"
        assert after["polling answered"] == [], "it long-polled again before upgrading"
    finally:
        server.stop()
