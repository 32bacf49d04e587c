"""The live pages in Chromium never silently miss a change: a page that lost a broadcast catches
up at the next one (saying "Catching up…" meanwhile) or from the server's heartbeat; no page
claims anyone is online while it is offline (the participant page's count, the dashboard's
counts and names, even a names answer that arrives after the connection was lost); and the focus
stays on a participant's note saved by keyboard.
"""

# ruff: noqa: F811  (fixtures imported from test_live_browser, and named as tests' arguments)
import json

from playwright.sync_api import expect

from tests.live_helpers import add_note as store_without_broadcast
from tests.live_helpers import question_ids, said_last
from tests.test_live_browser import (  # noqa: F401  (fixtures)
    RECONNECT_TIMEOUT_MS,
    note,
    open_dashboard,
    open_participant,
    write_note,
)

# Every state the badge shows, in order, kept by the page itself (a catch-up can be brief).
RECORD_BADGE = """
window.badgeStates = [];
const badge = document.getElementById("connection-state");
new MutationObserver(() => window.badgeStates.push(badge.textContent))
  .observe(badge, {childList: true, characterData: true, subtree: true});
"""


def test_dashboard_that_lost_a_broadcast_catches_up_at_the_next_one(
    app, live_workshop, make_participant, open_dashboard
):
    app.config["LIVE_HEARTBEAT_SECONDS"] = 3600  # no heartbeat: the gap rule alone recovers it
    facilitator, workshop_id = live_workshop(groups=2, questions=1)
    ada_id, _ = make_participant(workshop_id, 0, "Ada")
    question = question_ids(app, workshop_id)[0]
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    dashboard.evaluate(RECORD_BADGE)

    # Stored and acknowledged, but its broadcast never arrives (as in a Redis outage).
    store_without_broadcast(app, workshop_id, ada_id, question, "Lost on the way")
    expect(dashboard.get_by_role("button", name="Group 1, question 1: 0 notes")).to_be_visible()
    # The next broadcast says the dashboard missed one: it catches up before applying it.
    dashboard.get_by_role("button", name="Group 1, question 1: 0 notes").click()
    box = dashboard.get_by_label("Add a note for Group 1")
    box.fill("Dictated later")
    box.press("Enter")

    expect(
        dashboard.get_by_role("button", name="Group 1, question 1: 2 notes").locator(".cell-count")
    ).to_have_text("2")
    expect(note(dashboard, "Lost on the way")).to_contain_text("Ada")
    expect(dashboard.locator("#connection-state")).to_have_text("Online")
    assert "Catching up…" in dashboard.evaluate("window.badgeStates")


def test_participant_page_that_missed_the_last_note_shows_it_from_the_heartbeat(
    app, make_workshop, make_participant, open_participant
):
    workshop_id = make_workshop(status="live")
    bo_id, _ = make_participant(workshop_id, 0, "Bo")
    _context, ada = open_participant(workshop_id, "Ada")

    # The last note of the round, its broadcast lost: nothing newer will come to reveal the gap.
    store_without_broadcast(
        app, workshop_id, bo_id, question_ids(app, workshop_id)[0], "The last word"
    )

    expect(note(ada, "The last word")).to_contain_text("Bo")  # within a heartbeat (1 s here)
    expect(ada.locator("#announcer")).to_have_text(said_last("New note from Bo."))


def test_participant_page_shown_again_checks_for_what_it_missed(
    app, make_workshop, make_participant, open_participant
):
    app.config["LIVE_HEARTBEAT_SECONDS"] = 3600  # no heartbeat: coming back to the page suffices
    workshop_id = make_workshop(status="live")
    bo_id, _ = make_participant(workshop_id, 0, "Bo")
    _context, ada = open_participant(workshop_id, "Ada")
    store_without_broadcast(app, workshop_id, bo_id, question_ids(app, workshop_id)[0], "Missed")
    expect(note(ada, "Missed")).to_have_count(0)

    # The laptop wakes up, or the tab is shown again (headless pages are always "visible").
    ada.evaluate("document.dispatchEvent(new Event('visibilitychange'))")

    expect(note(ada, "Missed")).to_contain_text("Bo")


def test_participant_page_offline_does_not_claim_anyone_is_online(make_workshop, open_participant):
    workshop_id = make_workshop(status="live")
    ada_context, ada = open_participant(workshop_id, "Ada")
    online = ada.locator("#online-count")
    expect(online).to_have_text("1 online in your group")

    ada_context.set_offline(True)
    expect(ada.locator("#connection-state")).to_have_text("Offline")
    expect(online).to_be_hidden()

    ada_context.set_offline(False)
    expect(ada.locator("#connection-state")).to_have_text("Online", timeout=RECONNECT_TIMEOUT_MS)
    expect(online).to_have_text("1 online in your group")


def test_dashboard_offline_does_not_claim_anyone_is_online(
    live_workshop, open_participant, open_dashboard
):
    facilitator, workshop_id = live_workshop()
    open_participant(workshop_id, "Ada")
    dashboard_context, dashboard = open_dashboard(facilitator, workshop_id)
    first_group = dashboard.locator("td.online-cell[data-group-id]").first
    expect(first_group).to_contain_text("1 online")

    dashboard_context.set_offline(True)
    expect(dashboard.locator("#connection-state")).to_have_text("Offline")
    expect(first_group).not_to_contain_text("online")
    expect(first_group).not_to_contain_text("Ada")

    dashboard_context.set_offline(False)
    expect(first_group).to_contain_text("1 online", timeout=RECONNECT_TIMEOUT_MS)


def test_names_answered_after_the_dashboard_went_offline_are_not_shown(
    live_workshop, open_participant, open_dashboard
):
    """The names follow a presence change in a request of their own: its answer, held here
    until the dashboard is offline, must not bring back a name as if they were online."""
    facilitator, workshop_id = live_workshop()
    dashboard_context, dashboard = open_dashboard(facilitator, workshop_id)
    first_group = dashboard.locator("td.online-cell[data-group-id]").first
    held = []
    dashboard.route("**/live/presence", lambda route: held.append((route, route.fetch())))

    def asked_for_adas_name():
        return any("Ada" in json.dumps(answer.json()) for _route, answer in held)

    open_participant(workshop_id, "Ada")
    expect(first_group).to_contain_text("1 online")
    for _ in range(50):  # the page asks 400 ms after the change; its request waits in `held`
        if asked_for_adas_name():
            break
        dashboard.wait_for_timeout(100)
    assert asked_for_adas_name(), "the dashboard did not ask for the names"
    dashboard_context.set_offline(True)
    expect(dashboard.locator("#connection-state")).to_have_text("Offline")
    for route, answer in held:
        route.fulfill(response=answer)

    dashboard.wait_for_timeout(500)  # the answers' JSON read and handled
    expect(first_group).not_to_contain_text("Ada")
    expect(first_group).not_to_contain_text("online")


def test_participant_who_saves_an_edit_by_keyboard_stays_on_the_note(
    make_workshop, open_participant
):
    workshop_id = make_workshop(status="live")
    _context, ada = open_participant(workshop_id, "Ada")
    write_note(ada, "1", "Work with universities")
    mine = note(ada, "Work with universities")
    expect(mine).to_contain_text("Saved")

    mine.get_by_role("button", name="Edit").focus()
    ada.keyboard.press("Enter")
    editor = ada.get_by_label("Edit the note")
    expect(editor).to_be_focused()
    editor.fill("Work with universities and NGOs")
    editor.press("Enter")

    edited = note(ada, "Work with universities and NGOs")
    expect(edited).to_contain_text("Saved")
    expect(ada.locator("#announcer")).to_have_text("Change saved.")
    # Saved, and redrawn as saved: the keyboard is still on the note, not back at the page's top.
    expect(edited.get_by_role("button", name="Edit")).to_be_focused()
