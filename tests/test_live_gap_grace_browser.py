"""Broadcasts that cross on the way (two server processes) do not make a page catch up: the page
waits a moment for the missing change before asking the server (live-client.js GAP_GRACE_MS)."""

# ruff: noqa: F811  (fixtures imported from test_live_browser, and named as tests' arguments)
from playwright.sync_api import expect

from tests.live_helpers import add_note as store_without_broadcast
from tests.live_helpers import question_ids
from tests.test_live_browser import note, open_participant  # noqa: F401  (fixtures)
from tests.test_live_catch_up_browser import RECORD_BADGE
from workshop.extensions import db
from workshop.models import Change
from workshop.realtime.emitter import emit_change


def broadcast_in_reverse(app, note_ids: list[str]) -> None:
    """Deliver the notes' changes last first, as two processes' broadcasts may cross."""
    with app.app_context():
        changes = [
            db.session.scalars(db.select(Change).filter_by(note_id=note_id)).one()
            for note_id in note_ids
        ]
        for change in reversed(changes):
            emit_change(change)


def test_participant_page_given_two_notes_in_crossed_order_shows_both_without_catching_up(
    app, make_workshop, make_participant, open_participant
):
    app.config["LIVE_HEARTBEAT_SECONDS"] = 3600  # no heartbeat: only the broadcasts count here
    workshop_id = make_workshop(status="live")
    bo_id, _ = make_participant(workshop_id, 0, "Bo")
    question = question_ids(app, workshop_id)[0]
    _context, ada = open_participant(workshop_id, "Ada")
    expect(ada.locator("#connection-state")).to_have_text("Online")
    ada.evaluate(RECORD_BADGE)
    first = store_without_broadcast(app, workshop_id, bo_id, question, "First of two")
    second = store_without_broadcast(app, workshop_id, bo_id, question, "Second of two")

    broadcast_in_reverse(app, [first, second])

    expect(note(ada, "First of two")).to_contain_text("Bo")
    expect(note(ada, "Second of two")).to_contain_text("Bo")
    # The second arrived ahead of the first, which came within the grace: no catch-up was needed.
    assert "Catching up…" not in ada.evaluate("window.badgeStates")
