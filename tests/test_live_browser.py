"""The live pages in Chromium: notes appear live for the group and the facilitator, survive going
offline and reloading, and are never silently overwritten.

Every person has their own browser context (own cookies and storage). Participants join through
the real join link; the facilitator logs in through the real login page.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.live_helpers import (
    facilitator_email,
    join_code,
    join_in_browser,
    log_in_in_browser,
    said_last,
)
from workshop.extensions import db
from workshop.models import Note, Workshop
from workshop.realtime.emitter import emit_change
from workshop.services import lifecycle

# Reconnecting after the network comes back waits for Socket.IO's back-off (at most 4 s).
RECONNECT_TIMEOUT_MS = 15_000


@pytest.fixture
def open_participant(browser, live_server, app):
    """A participant who joined through the join link, on their group page, connected."""

    def open_page(workshop_id: int, name: str, group: str = "Group 1"):
        context = browser.new_context()
        page = context.new_page()
        join_in_browser(page, live_server.url, join_code(app, workshop_id), name, group)
        expect(page.locator("#connection-state")).to_have_text("Online")
        return context, page

    return open_page


@pytest.fixture
def open_dashboard(browser, live_server, app):
    def open_page(facilitator_id: int, workshop_id: int):
        context = browser.new_context()
        page = context.new_page()
        log_in_in_browser(page, live_server.url, facilitator_email(app, facilitator_id))
        page.goto(f"{live_server.url}/workshops/{workshop_id}/live")
        expect(page.locator("#connection-state")).to_have_text("Online")
        return context, page

    return open_page


def note(page, text: str):
    return page.locator("li.note", has_text=text)


def write_note(page, question: str, *lines: str) -> None:
    """Type a note line by line (Shift+Enter between lines), then add it with Ctrl+Enter."""
    box = page.get_by_label(f"Your note on question {question}", exact=True)
    box.click()
    for index, line in enumerate(lines):
        if index:
            box.press("Shift+Enter")
        box.press_sequentially(line)
    box.press("Control+Enter")


def stored_texts(app, workshop_id: int) -> list[str]:
    with app.app_context():
        statement = db.select(Note.text).where(
            Note.workshop_id == workshop_id, Note.deleted_at.is_(None)
        )
        return sorted(db.session.scalars(statement))


def test_two_participants_of_a_group_see_each_others_notes_live(make_workshop, open_participant):
    workshop_id = make_workshop(status="live")
    _context, ada = open_participant(workshop_id, "Ada")
    _context, bo = open_participant(workshop_id, "Bo")

    write_note(ada, "1", "Work with universities", "- but keep the final say")

    expect(note(ada, "Work with universities")).to_contain_text("Saved")
    expect(ada.locator("#announcer")).to_have_text("Note saved.")
    expect(bo.locator("#announcer")).to_have_text(said_last("New note from Ada."))
    seen_by_bo = note(bo, "Work with universities")
    expect(seen_by_bo).to_contain_text("Ada")
    expect(seen_by_bo.locator("ul.sub-points > li")).to_have_text("but keep the final say")
    expect(seen_by_bo.get_by_role("button", name="Edit")).to_have_count(0)
    expect(bo.locator("#online-count")).to_have_text("2 online in your group")

    write_note(bo, "2", "Ask the ombudsman first")
    expect(note(ada, "Ask the ombudsman first")).to_contain_text("Bo")

    # Ada changes her mind, by keyboard: the change and then the deletion reach Bo.
    note(ada, "Work with universities").get_by_role("button", name="Edit").click()
    editor = ada.get_by_label("Edit the note")
    expect(editor).to_be_focused()
    editor.fill("Work with universities and NGOs")
    editor.press("Enter")
    expect(note(bo, "Work with universities and NGOs")).to_have_count(1)
    ada.once("dialog", lambda dialog: dialog.accept())
    note(ada, "universities and NGOs").get_by_role("button", name="Delete").click()
    expect(note(bo, "universities")).to_have_count(0)
    expect(note(ada, "universities")).to_have_count(0)
    expect(ada.get_by_label("Your note on question 1", exact=True)).to_be_focused()


def test_participant_who_reloads_page_offline_keeps_unsent_notes_and_they_are_saved_once(
    app, make_workshop, open_participant
):
    workshop_id = make_workshop(status="live")
    ada_context, ada = open_participant(workshop_id, "Ada")
    _context, bo = open_participant(workshop_id, "Bo")
    # The page has been put in the service worker's cache (see static/js/sw.js): without that, a
    # reload with no network shows the browser's error page, as for any website.
    expect(ada.locator("html")).to_have_attribute("data-offline-ready", "true")

    ada_context.set_offline(True)
    expect(ada.locator("#connection-state")).to_have_text("Offline")
    write_note(ada, "1", "Typed on the train")
    write_note(ada, "2", "Typed in the tunnel")
    expect(note(ada, "Typed on the train")).to_contain_text("Waiting to be sent")

    # A real reload while the network is still gone: the page comes from the service worker's
    # cache (no request reaches the server), the unsent notes from the outbox in localStorage.
    response = ada.reload()
    assert response is not None and response.from_service_worker
    expect(ada.locator("#connection-state")).to_have_text("Offline")
    expect(note(ada, "Typed on the train")).to_contain_text("Waiting to be sent")
    expect(note(ada, "Typed in the tunnel")).to_contain_text("Waiting to be sent")
    expect(ada.locator("#waiting-banner")).to_contain_text("2 changes are waiting to be sent")
    expect(note(bo, "Typed")).to_have_count(0)

    ada_context.set_offline(False)

    expect(ada.locator("#connection-state")).to_have_text("Online", timeout=RECONNECT_TIMEOUT_MS)
    expect(note(ada, "Typed on the train")).to_contain_text("Saved")
    expect(note(ada, "Typed in the tunnel")).to_contain_text("Saved")
    expect(note(bo, "Typed on the train")).to_have_count(1)
    expect(note(bo, "Typed in the tunnel")).to_have_count(1)
    expect(note(ada, "Typed")).to_have_count(2)
    assert stored_texts(app, workshop_id) == ["Typed in the tunnel", "Typed on the train"]


def test_a_note_written_offline_is_said_to_be_kept_not_passed_over_in_silence(
    make_workshop, open_participant
):
    """Online, "Note saved." follows the Enter; offline the box emptied and nothing was said."""
    workshop_id = make_workshop(status="live")
    ada_context, ada = open_participant(workshop_id, "Ada")
    kept = "Kept on this device while you are offline: it is sent when you are back online."
    ada_context.set_offline(True)
    expect(ada.locator("#connection-state")).to_have_text("Offline")
    ada.locator("#announcer").evaluate("node => { node.textContent = ''; }")

    write_note(ada, "1", "Typed on the train")
    expect(ada.locator("#announcer")).to_have_text(kept)
    expect(note(ada, "Typed on the train")).to_contain_text("Waiting to be sent")

    ada_context.set_offline(False)
    expect(ada.locator("#connection-state")).to_have_text("Online", timeout=RECONNECT_TIMEOUT_MS)
    expect(note(ada, "Typed on the train")).to_contain_text("Saved")
    ada_context.set_offline(True)
    expect(ada.locator("#connection-state")).to_have_text("Offline")
    note(ada, "Typed on the train").get_by_role("button", name="Edit").click()
    edit = ada.get_by_label("Edit the note")
    edit.fill("Typed on the night train")
    edit.press("Enter")
    expect(ada.locator("#announcer")).to_have_text(kept)


def test_what_the_announcer_said_goes_after_a_while_not_to_be_found_long_after(
    make_workshop, open_participant
):
    """A screen-reader user browsing the page came upon "Note saved." from long ago, left in the
    polite region. It is left long enough to be read, then the region is emptied (not read out)."""
    workshop_id = make_workshop(status="live")
    _context, ada = open_participant(workshop_id, "Ada")
    ada.clock.install()  # the page's own time, to be run forward
    announcer = ada.locator("#announcer")

    write_note(ada, "1", "A first thought")
    expect(note(ada, "A first thought")).to_contain_text("Saved")
    expect(announcer).to_have_text("Note saved.")
    ada.clock.run_for(8_000)
    expect(announcer).to_have_text("Note saved.")  # still there to be read
    ada.clock.run_for(3_000)
    expect(announcer).to_be_empty()
    expect(note(ada, "A first thought")).to_contain_text("Saved")

    # A sentence said again before then is read again, and kept its full time again.
    write_note(ada, "1", "A second thought")
    expect(announcer).to_have_text("Note saved.")
    ada.clock.run_for(8_000)
    write_note(ada, "1", "A third thought")
    expect(note(ada, "A third thought")).to_contain_text("Saved")
    ada.clock.run_for(3_000)
    expect(announcer).to_have_text("Note saved.")
    ada.clock.run_for(8_000)
    expect(announcer).to_be_empty()


# The page's own Announcer on a region of its own: what it shows, each time it shows something.
ANNOUNCER_HEARS = """async (calls) => {
    const { Announcer } = await import('/static/js/live-ui.js');
    const region = document.createElement('div');
    region.setAttribute('aria-live', 'polite');
    document.body.append(region);
    const shown = [];
    new MutationObserver(() => region.textContent && shown.push(region.textContent))
        .observe(region, { childList: true, characterData: true, subtree: true });
    const announcer = new Announcer(region, (key) => key);
    for (const [method, ...args] of calls) announcer[method](...args);
    await new Promise((done) => setTimeout(done, 1500));
    return shown;
}"""


def test_news_arriving_together_is_said_together_and_ones_own_latest_answer_wins(
    make_workshop, open_participant
):
    workshop_id = make_workshop(status="live")
    _context, ada = open_participant(workshop_id, "Ada")

    # Quick presses of one's own: only the latest answer, even with news waiting between them.
    assert ada.evaluate(
        ANNOUNCER_HEARS,
        [
            ["say", "Dot placed. 4 dots left."],
            ["sayNews", "A vote is open."],
            ["say", "Dot placed. 3 dots left."],
            ["say", "Dot placed. 2 dots left."],
        ],
    ) == ["A vote is open. Dot placed. 2 dots left."]
    # News: each sentence once, in order; of one kind (two steps in a row) only the newest.
    assert ada.evaluate(
        ANNOUNCER_HEARS,
        [
            ["sayNews", "Now: Round 1.", "step"],
            ["sayNews", "Question 2 was locked."],
            ["sayNews", "Question 2 was locked."],
            ["sayNews", "Now: Round 2.", "step"],
            ["sayNews", "Message: last points."],
        ],
    ) == ["Question 2 was locked. Now: Round 2. Message: last points."]


def test_facilitator_dashboard_counts_update_live(live_workshop, open_participant, open_dashboard):
    facilitator, workshop_id = live_workshop(groups=2, questions=2)
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    group_1_question_1 = dashboard.get_by_role("button", name="Group 1, question 1: 0 notes")
    expect(group_1_question_1.locator(".cell-count")).to_have_text("0")

    _context, ada = open_participant(workshop_id, "Ada")
    expect(dashboard.locator("td.online-cell[data-group-id]").first).to_contain_text("1 online")
    expect(dashboard.locator("td.online-cell[data-group-id]").first).to_contain_text("Ada")

    write_note(ada, "1", "Independence first")
    cell = dashboard.get_by_role("button", name="Group 1, question 1: 1 note")
    expect(cell.locator(".cell-count")).to_have_text("1")
    # The latest words lie over the button, outside it; its name holds them.
    expect(dashboard.locator("td.cell", has=cell).locator(".cell-latest")).to_have_text(
        "Independence first"
    )
    expect(cell).to_have_accessible_name(re.compile("Latest: Independence first"))
    expect(dashboard.get_by_role("button", name="Group 2, question 1: 0 notes")).to_be_visible()

    # Open the cell: the group's notes on that question, live; and the group dictates one.
    cell.click()
    expect(dashboard.get_by_role("heading", name="Group 1 — question 1")).to_be_focused()
    expect(note(dashboard, "Independence first")).to_contain_text("Ada")
    box = dashboard.get_by_label("Add a note for Group 1")
    box.fill("Dictated by the group")
    # Typed and not sent yet: a reload puts it back in the box (the cell stays open).
    dashboard.reload()
    box = dashboard.get_by_label("Add a note for Group 1")
    expect(box).to_have_value("Dictated by the group")
    box.press("Enter")
    expect(note(ada, "Dictated by the group")).to_contain_text("(facilitator)")
    expect(box).to_have_value("")
    dashboard.reload()
    expect(dashboard.get_by_label("Add a note for Group 1")).to_have_value("")
    expect(dashboard.get_by_role("button", name="Group 1, question 1: 2 notes")).to_be_visible()

    write_note(ada, "1", "One more thought")
    expect(note(dashboard, "One more thought")).to_have_count(1)
    expect(dashboard.get_by_role("button", name="Group 1, question 1: 3 notes")).to_be_visible()

    # The per-question view shows every group's notes on that question.
    dashboard.get_by_role("button", name=re.compile(r"^Question 1 .* — every group$")).click()
    expect(dashboard.get_by_role("heading", name="Question 1 — all groups")).to_be_visible()
    expect(dashboard.get_by_role("heading", name="Group 2", level=3)).to_be_visible()
    expect(dashboard.locator("#detail li.note")).to_have_count(3)

    # Closing the workshop (after a confirmation) reaches the participant at once; reopening too.
    dashboard.once("dialog", lambda dialog: dialog.accept())
    dashboard.get_by_role("button", name="Close for new notes").click()
    expect(dashboard.locator("#status-text")).to_have_text("Closed for new notes")
    expect(ada.locator("#closed-banner")).to_be_visible()
    dashboard.get_by_role("button", name="Reopen for notes").click()
    expect(ada.locator("#closed-banner")).to_be_hidden()


def test_the_matrix_of_many_questions_scrolls_but_its_explanation_stays_whole(
    live_workshop, make_workshop, open_dashboard
):
    facilitator, workshop_id = live_workshop(groups=3, questions=12)
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    dashboard.set_viewport_size({"width": 1280, "height": 900})
    matrix = dashboard.get_by_role("table", name="Notes per group and question")
    expect(matrix).to_have_accessible_description(re.compile(r"^Notes per group and question, "))
    help_text = dashboard.locator("#matrix-help")
    expect(help_text).to_be_visible()
    box = help_text.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1280
    # The matrix itself is wider than the page and scrolls in its own box, and says so: a hint
    # above it and a fade at the right edge, until it is scrolled to its end.
    assert matrix.evaluate("table => table.scrollWidth > table.parentElement.clientWidth")
    hint = dashboard.get_by_text("More questions to the right: scroll the table sideways.")
    expect(hint).to_be_visible()
    # Who is online stands next to the group: in view, however many questions follow.
    expect(dashboard.locator("#matrix thead th").nth(1)).to_have_text("Online")
    online = dashboard.locator("td.online-cell").first.bounding_box()
    assert online is not None and online["x"] + online["width"] <= 1280
    frame = dashboard.locator(".scroll-frame")
    expect(frame).to_have_class(re.compile(r"\bmore-right\b"))
    matrix.evaluate("table => { table.parentElement.scrollLeft = table.scrollWidth; }")
    expect(frame).not_to_have_class(re.compile(r"\bmore-right\b"))
    expect(frame).to_have_class(re.compile(r"\bmore-left\b"))
    # A matrix that fits has nothing to say.
    few = make_workshop(owner_id=facilitator, status="live", groups=3, questions=4)
    _context, dashboard = open_dashboard(facilitator, few)
    dashboard.set_viewport_size({"width": 1280, "height": 900})
    expect(dashboard.locator("#matrix")).to_be_visible()
    expect(dashboard.locator("#matrix-scroll-hint")).to_be_hidden()
    expect(dashboard.locator(".scroll-frame")).not_to_have_class(re.compile(r"\bmore-"))


def test_facilitator_who_also_joined_as_a_participant_still_follows_every_group(
    app, live_server, live_workshop, open_participant, open_dashboard
):
    facilitator, workshop_id = live_workshop()
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    # Trying out their own join link, in the same browser, as a member of Group 2…
    join_in_browser(dashboard, live_server.url, join_code(app, workshop_id), "Fran", "Group 2")
    dashboard.goto(f"{live_server.url}/workshops/{workshop_id}/live")
    expect(dashboard.locator("#connection-state")).to_have_text("Online")
    _context, ada = open_participant(workshop_id, "Ada", "Group 1")

    write_note(ada, "1", "Seen by the facilitator")

    # …the dashboard still connects as the facilitator, and so sees Group 1's note.
    expect(dashboard.get_by_role("button", name="Group 1, question 1: 1 note")).to_be_visible()


def test_stale_edit_shows_the_current_text_instead_of_overwriting_it(
    live_workshop, open_participant, open_dashboard
):
    facilitator, workshop_id = live_workshop()
    _context, ada = open_participant(workshop_id, "Ada")
    write_note(ada, "1", "Partners need clear criteria")
    expect(note(ada, "clear criteria")).to_contain_text("Saved")
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    dashboard.get_by_role("button", name="Group 1, question 1: 1 note").click()

    # Ada starts editing; meanwhile the facilitator tidies the same note.
    note(ada, "clear criteria").get_by_role("button", name="Edit").click()
    note(dashboard, "clear criteria").get_by_role("button", name="Edit").click()
    dashboard.get_by_label("Edit the note").fill("Partners need clear, public criteria")
    dashboard.get_by_label("Edit the note").press("Enter")
    expect(note(dashboard, "clear, public criteria")).to_contain_text("Saved")
    editor = ada.get_by_label("Edit the note")
    editor.fill("Partners need criteria for ending a partnership too")
    editor.press("Enter")

    conflict = ada.locator("li.note--stale")
    expect(conflict).to_contain_text("Changed elsewhere in the meantime")
    expect(conflict.locator(".note-current")).to_have_text("Partners need clear, public criteria")
    expect(conflict.locator(".note-text").first).to_have_text(
        "Partners need criteria for ending a partnership too"
    )
    expect(note(dashboard, "clear, public criteria")).to_have_count(1)

    conflict.get_by_role("button", name="Use my text").click()
    expect(note(ada, "ending a partnership too")).to_contain_text("Saved")
    expect(note(dashboard, "ending a partnership too")).to_have_count(1)


def test_note_refused_while_the_workshop_is_closed_keeps_its_reason_and_goes_out_on_reopening(
    app, make_workshop, open_participant
):
    workshop_id = make_workshop(status="live")
    ada_context, ada = open_participant(workshop_id, "Ada")
    ada_context.set_offline(True)
    expect(ada.locator("#connection-state")).to_have_text("Offline")
    write_note(ada, "1", "A late thought")
    set_status(app, workshop_id, "closed")  # while Ada cannot hear about it

    ada_context.set_offline(False)

    refused = note(ada, "A late thought")
    # The server's own (translated) reason is shown next to the words.
    reason = re.compile(r"Not saved: .*closed")
    expect(refused).to_contain_text(reason, timeout=RECONNECT_TIMEOUT_MS)
    expect(refused.get_by_role("button", name="Send again")).to_be_visible()
    expect(refused.get_by_role("button", name="Discard this note")).to_be_visible()
    expect(ada.locator("#closed-banner")).to_be_visible()

    set_status(app, workshop_id, "live")

    expect(note(ada, "A late thought")).to_contain_text("Saved")
    assert stored_texts(app, workshop_id) == ["A late thought"]


def set_status(app, workshop_id: int, status: str) -> None:
    """What the facilitator's status button does: change it, then broadcast the change."""
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        emit_change(lifecycle.change_status(workshop, status))


def test_participant_page_fits_a_phone_screen(browser, live_server, app, make_workshop):
    workshop_id = make_workshop(status="live")
    phone = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    page = phone.new_page()
    join_in_browser(page, live_server.url, join_code(app, workshop_id), "Ada")

    write_note(page, "1", "A link without spaces: https://example.org/" + "a" * 120)

    expect(note(page, "A link without spaces")).to_contain_text("Saved")
    expect(page.get_by_role("button", name="Add").first).to_be_visible()
    # Nothing sticks out sideways: no horizontal scrolling on a phone.
    width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width[0] <= width[1]


def test_too_long_note_stays_in_the_box_with_the_limit_explained(make_workshop, open_participant):
    workshop_id = make_workshop(status="live")
    _context, ada = open_participant(workshop_id, "Ada")
    box = ada.get_by_label("Your note on question 1", exact=True)
    too_long = "x" * 2001

    box.fill(too_long)
    box.press("Enter")

    expect(ada.locator("#compose-" + str(question_ids_of(ada)[0]) + "-error")).to_contain_text(
        "at most 2,000 characters"
    )
    expect(box).to_have_value(too_long)
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(ada.locator("li.note")).to_have_count(0)


def test_a_note_or_an_edit_refused_as_too_long_is_said_aloud(make_workshop, open_participant):
    """The box keeps the focus, so a screen reader would not read the reason shown under it."""
    workshop_id = make_workshop(status="live")
    _context, ada = open_participant(workshop_id, "Ada")
    box = ada.get_by_label("Your note on question 1", exact=True)
    reason = "A note can be at most 2,000 characters long; this one has 2,001."

    box.fill("x" * 2001)
    box.press("Enter")
    expect(ada.locator("#announcer")).to_have_text(reason)

    box.fill("")
    write_note(ada, "1", "Short")
    expect(ada.locator("#announcer")).to_have_text("Note saved.")
    note(ada, "Short").get_by_role("button", name="Edit").click()
    edit = ada.get_by_label("Edit the note")
    edit.fill("y" * 2001)
    edit.press("Enter")
    expect(ada.locator("#announcer")).to_have_text(reason)
    expect(edit).to_have_value("y" * 2001)


def question_ids_of(page) -> list[int]:
    return [
        int(value)
        for value in page.locator("form.composer").evaluate_all(
            "forms => forms.map(form => form.dataset.questionId)"
        )
    ]


def socket_queries(page) -> list[tuple[str, dict]]:
    """(scheme, query) of every Socket.IO request and WebSocket the page opens from now on."""
    opened: list[tuple[str, dict]] = []

    def seen(url: str) -> None:
        parts = urlsplit(url)
        if parts.path == "/socket.io/":  # not the client library, served from /static/vendor/
            opened.append((parts.scheme, parse_qs(parts.query)))

    page.on("request", lambda request: seen(request.url))
    page.on("websocket", lambda socket: seen(socket.url))
    return opened


def test_live_pages_name_their_workshop_in_the_socket_url_for_a_proxy_to_route_by(
    browser, live_server, app, make_facilitator, make_workshop
):
    facilitator_id = make_facilitator()
    workshop_id = make_workshop(owner_id=facilitator_id, status="live")
    participant = browser.new_context().new_page()
    participant_sockets = socket_queries(participant)
    join_in_browser(participant, live_server.url, join_code(app, workshop_id), "Ada", "Group 1")
    dashboard = browser.new_context().new_page()
    dashboard_sockets = socket_queries(dashboard)
    log_in_in_browser(dashboard, live_server.url, facilitator_email(app, facilitator_id))
    dashboard.goto(f"{live_server.url}/workshops/{workshop_id}/live")

    for page, opened in ((participant, participant_sockets), (dashboard, dashboard_sockets)):
        expect(page.locator("#connection-state")).to_have_text("Online")
        assert "ws" in {scheme for scheme, _query in opened}  # the WebSocket itself, too
        assert all(query["workshop"] == [str(workshop_id)] for _scheme, query in opened), opened


# The live regions (read out as their words change) whose words include the given text, by id.
LIVE_REGIONS_SAYING = """(text) => [...document.querySelectorAll(
    '[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log]'
)].filter((region) => region.textContent.includes(text)).map((region) => region.id)"""


def test_a_participant_moved_by_the_facilitator_follows_to_the_new_group_by_itself(
    live_server, live_workshop, open_participant, open_dashboard
):
    facilitator, workshop_id = live_workshop(groups=2)
    _context, ada = open_participant(workshop_id, "Ada", "Group 1")
    _context, bo = open_participant(workshop_id, "Bo", "Group 1")
    expect(ada.locator(".live-who")).to_contain_text("Group 1")
    bo.evaluate("window.stillTheSamePage = true")
    _context, roster = open_dashboard(facilitator, workshop_id)
    roster.goto(f"{live_server.url}/workshops/{workshop_id}/participants")

    roster.get_by_label("Move Ada to").select_option(label="Group 2")
    roster.get_by_role("row", name=re.compile("Ada")).get_by_role("button", name="Move").click()
    expect(roster.locator(".flash")).to_contain_text("Ada is now in Group 2.")

    # Ada's open page follows without her doing anything, and says why it changed.
    expect(ada.locator(".live-who")).to_contain_text("Group 2")
    moved = "The facilitator moved you to Group 2: the page shows its questions now."
    expect(ada.locator("#moved-banner")).to_have_text(moved)
    # Said aloud too: the page was drawn anew, and a screen reader's user did not see it change.
    expect(ada.locator("#announcer")).to_have_text(moved)
    # Once: the banner stays in view, but only the announcer reads it out (the banner was a status
    # region as well, and was heard a second time).
    assert ada.evaluate(LIVE_REGIONS_SAYING, moved) == ["announcer"]
    expect(ada.locator("#connection-state")).to_have_text("Online")
    write_note(ada, "1", "Written in the new group")
    expect(note(ada, "Written in the new group")).to_contain_text("Saved")
    # Nobody else's page is disturbed.
    assert bo.evaluate("window.stillTheSamePage === true")
    expect(bo.locator("#moved-banner")).to_be_hidden()


def test_a_workshop_going_live_for_the_first_time_is_announced_as_open_not_open_again(
    app, make_workshop, open_participant
):
    workshop_id = make_workshop(status="draft")
    _context, ada = open_participant(workshop_id, "Ada")
    expect(ada.locator("#online-count")).to_contain_text("online in your group")

    set_status(app, workshop_id, "live")
    expect(ada.locator("#announcer")).to_have_text("The workshop is live: you can add notes now.")

    set_status(app, workshop_id, "closed")
    # Said once, by the page's status region (the banner), not by the announcer as well.
    expect(ada.get_by_role("status").filter(has_text="The workshop is closed")).to_be_visible()
    expect(ada.locator("#announcer")).to_have_text("")
    set_status(app, workshop_id, "live")
    expect(ada.locator("#announcer")).to_have_text(
        said_last("The workshop is open for notes again.")
    )


def test_the_dashboard_says_a_workshop_gone_back_to_draft_is_in_preparation_not_closed(
    app, live_workshop, open_dashboard
):
    facilitator, workshop_id = live_workshop(questions=1)
    _context, dashboard = open_dashboard(facilitator, workshop_id)

    set_status(app, workshop_id, "draft")
    expect(dashboard.locator("#announcer")).to_have_text(
        said_last("The workshop is back in preparation: notes can be added again once it is live.")
    )
    set_status(app, workshop_id, "live")
    expect(dashboard.locator("#announcer")).to_have_text(
        said_last("The workshop is live: you can add notes now.")
    )
    set_status(app, workshop_id, "closed")
    expect(dashboard.locator("#announcer")).to_have_text(
        said_last("The workshop is now closed for new notes.")
    )
