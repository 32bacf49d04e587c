"""Text typed and not sent yet, in Chromium: kept through a reload and a move to another group,
kept in view when its question is locked, and the room's locks and timer said aloud."""

import re

import pytest
from playwright.sync_api import expect

from tests.test_live_browser import (  # noqa: F401 (fixtures)
    note,
    open_participant,
    stored_texts,
)
from tests.test_room_browser import caught_up, in_room
from workshop.services import room


@pytest.fixture
def ada_in(make_workshop, open_participant):  # noqa: F811
    """Ada on her group page of a new live workshop, caught up: (the workshop's id, her page)."""

    def open_ada(**workshop):
        workshop_id = make_workshop(status="live", **workshop)
        _context, ada = open_participant(workshop_id, "Ada")
        caught_up(ada)
        return workshop_id, ada

    return open_ada


def test_the_timers_pause_resume_and_stop_are_announced(app, ada_in):
    workshop_id, ada = ada_in()
    in_room(app, workshop_id, room.start_plan)
    in_room(app, workshop_id, room.start_timer, 120)
    expect(ada.locator("#timer .timer-time")).to_be_visible()

    in_room(app, workshop_id, room.pause_timer)
    expect(ada.locator("#announcer")).to_have_text(
        re.compile(r"^The timer is paused with \d:\d\d left\.$")
    )
    in_room(app, workshop_id, room.resume_timer)
    expect(ada.locator("#announcer")).to_have_text(
        re.compile(r"^The timer runs again: \d:\d\d left\.$")
    )
    in_room(app, workshop_id, room.clear_timer)
    expect(ada.locator("#announcer")).to_have_text("The timer was stopped.")
