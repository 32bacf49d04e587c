"""In Chromium: a note that is only a "- " list shows as a plain list of points on the
participant's page and the projector (no empty bullet over it), and a note of only "- " is
refused as empty and stays in its box."""

from playwright.sync_api import expect

from tests.live_helpers import add_note, question_ids
from tests.test_live_browser import note, open_participant  # noqa: F401 (fixture)
from tests.test_room_browser import in_room
from tests.test_vote_results_browser import open_projector, plenary_step_id
from workshop.services import room

ONLY_A_LIST = ["p First point", "p Second point"]


def note_parts(text_box) -> list[str]:
    """What a note's text shows, in order: "p …" for a point, "ul …" for its sub-points."""
    return text_box.evaluate(
        "(box) => [...box.children].map((node) => `${node.localName} ${node.innerText}`)"
    )


def test_a_note_that_is_only_a_list_shows_its_points_and_a_bare_dash_is_empty(
    make_workshop,
    open_participant,  # noqa: F811
):
    workshop_id = make_workshop(status="live", questions=1)
    _context, ada = open_participant(workshop_id, "Ada")
    box = ada.get_by_label("Your note on question 1", exact=True)
    box.click()
    box.press_sequentially("- First point")
    box.press("Enter")  # the list goes on: "- " on the next line
    box.press_sequentially("Second point")
    box.press("Control+Enter")
    written = note(ada, "First point")
    expect(written).to_contain_text("Saved")
    # It showed an empty bullet, the two points nested under it.
    assert note_parts(written.locator(".note-text")) == ONLY_A_LIST

    # A "- " alone is no note: refused before sending, and the text stays with the reason.
    box.press_sequentially("- ")
    box.press("Control+Enter")
    expect(ada.locator(".composer .field-error")).to_have_text("A note cannot be empty.")
    expect(box).to_have_value("- ")
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(ada.locator("li.note")).to_have_count(1)


def test_the_projector_shows_a_note_that_is_only_a_list_as_its_points(
    app, browser, live_server, make_facilitator, make_workshop, make_participant
):
    facilitator = make_facilitator()
    workshop_id = make_workshop(owner_id=facilitator, status="live", questions=1)
    writer, _token = make_participant(workshop_id, 0, "Bo")
    question = question_ids(app, workshop_id)[0]
    add_note(app, workshop_id, writer, question, "- First point\n- Second point")
    add_note(app, workshop_id, writer, question, "Plain point\n- its sub-point")
    in_room(app, workshop_id, room.start_plan)
    in_room(app, workshop_id, room.go_to_step, plenary_step_id(app, workshop_id))
    projector = open_projector(browser, live_server, app, facilitator, workshop_id, (1280, 720))
    group = projector.get_by_role("region", name="Group 1")
    expect(group).to_contain_text("its sub-point")
    texts = group.locator(".note-text")
    assert note_parts(texts.nth(0)) == ONLY_A_LIST
    assert note_parts(texts.nth(1)) == ["p Plain point", "ul its sub-point"]
