"""In Chromium: the coordinator copies the notice's e-mail text by keyboard (the result is
announced) and downloads the notice as Word."""

import docx
from live_helpers import log_in_in_browser
from notice_helpers import make_network_meeting
from playwright.sync_api import expect

# What #copy-status says from now on, each time it changes.
RECORD_COPY_STATUS = """() => {
  window.copyStatusSaid = [];
  const status = document.getElementById("copy-status");
  new MutationObserver(() => window.copyStatusSaid.push(status.textContent))
    .observe(status, { childList: true, characterData: true, subtree: true });
}"""


def test_coordinator_copies_the_email_text_by_keyboard_and_downloads_the_word_notice(
    app, browser, live_server, owner, tmp_path
):
    meeting_id = make_network_meeting(app, owner)
    context = browser.new_context(
        accept_downloads=True, permissions=["clipboard-read", "clipboard-write"], locale="en"
    )
    page = context.new_page()
    log_in_in_browser(page, live_server.url, "owner@example.org")
    page.goto(f"{live_server.url}/meetings/{meeting_id}/notice")

    expect(page.get_by_label("Subject")).to_have_value(
        "Innkalling til møte: Nettverksmøte 1/2026 (Asylnettverket), torsdag 12. mars 2026"
    )
    page.get_by_role("button", name="Copy the message").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#copy-status")).to_have_text("Copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.get_by_label("Message").input_value()
    assert "3. Ny rutine for *registrering* <b>" in copied

    # Copied again: the same words are said again (the region empties first; words that stay
    # the same are not read out a second time).
    page.evaluate(RECORD_COPY_STATUS)
    page.get_by_role("button", name="Copy the subject").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("window.copyStatusSaid.length >= 2", timeout=5000)
    assert page.evaluate("window.copyStatusSaid") == ["", "Copied."]
    assert (
        page.evaluate("navigator.clipboard.readText()")
        == page.get_by_label("Subject").input_value()
    )

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Word").click()
    target = tmp_path / "notice.docx"
    download_info.value.save_as(target)
    headings = [
        p.text for p in docx.Document(str(target)).paragraphs if p.style.name == "Heading 2"
    ]
    assert headings[0] == "1. Godkjenning av innkalling og saksliste"
    context.close()
