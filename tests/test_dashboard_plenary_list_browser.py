"""The dashboard's list of the plenary's questions in Chromium, at 1280 px and on a phone: it
scrolls in a frame of its own, under its name and clear of the "Previous/Next question" buttons,
so a question cut at its top edge is not taken for one under the buttons; and it keeps the
question on the projector in view."""

from playwright.sync_api import expect

from tests.test_live_browser import open_dashboard  # noqa: F401 (fixture)
from tests.test_room_browser import in_room
from tests.test_vote_results_browser import plenary_step_id
from workshop.services import room

# What is seen of the list's items keeps at least this far from the buttons (0.75rem).
CLEARANCE = 12

LIST_AND_BUTTONS = """(clearance) => {
  const list = document.getElementById('plenary-list');
  const frame = list.getBoundingClientRect();
  // The list's scrollport: what of an item shows is the part inside it.
  const top = frame.top + list.clientTop;
  const bottom = top + list.clientHeight;
  const seen = [...list.children].map((item) => {
    const box = item.getBoundingClientRect();
    return { text: item.textContent, left: box.left, right: box.right,
             top: Math.max(box.top, top), bottom: Math.min(box.bottom, bottom) };
  }).filter((part) => part.bottom > part.top);
  const buttons = [...document.querySelectorAll('#plenary-controls .actions button')]
    .map((button) => button.getBoundingClientRect());
  const near = [];
  for (const button of buttons) {
    for (const part of seen) {
      if (part.left < button.right && button.left < part.right
          && part.top < button.bottom + clearance && button.top - clearance < part.bottom) {
        near.push(part.text);
      }
    }
  }
  const label = document.getElementById('plenary-list-label')?.getBoundingClientRect();
  const buttonsBottom = Math.max(...buttons.map((button) => button.bottom));
  const current = list.querySelector('li[aria-current]').getBoundingClientRect();
  return {
    near,
    seen: seen.length,
    labelBetween: Boolean(label) && label.top >= buttonsBottom && label.bottom <= frame.top,
    currentInView: current.top >= top - 0.5 && current.bottom <= bottom + 0.5,
  };
}"""


def list_and_buttons(page) -> dict:
    return page.evaluate(LIST_AND_BUTTONS, CLEARANCE)


def assert_clear_of_the_buttons(page) -> None:
    layout = list_and_buttons(page)
    assert layout["seen"] > 0 and layout["near"] == [], layout
    assert layout["labelBetween"] and layout["currentInView"], layout


def test_the_plenary_list_stays_clear_of_the_next_question_button_at_1280_and_390_px(
    app,
    live_workshop,
    open_dashboard,  # noqa: F811
):
    facilitator, workshop_id = live_workshop(
        sections=("International work", "National work", "Local work"), questions=4
    )
    in_room(app, workshop_id, room.start_plan)
    in_room(app, workshop_id, room.go_to_step, plenary_step_id(app, workshop_id))
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    plenary_list = dashboard.get_by_role("list", name="Questions of the plenary")
    current = plenary_list.locator("li[aria-current]")
    for width, height in ((1280, 800), (390, 844)):
        dashboard.set_viewport_size({"width": width, "height": height})
        if width == 390:  # back to the first question, from the end of the round at 1280 px
            dashboard.get_by_role("button", name="Show question 1.1 on the projector").click()
        expect(current).to_contain_text("Question 1 of International work?")
        expect(plenary_list.get_by_role("listitem")).to_have_count(12)
        assert_clear_of_the_buttons(dashboard)

        # Paged on past the list's edge: the projector's question is scrolled into view, and
        # the question cut at the list's top edge stays inside the list's frame.
        for _ in range(5):
            dashboard.get_by_role("button", name="Next question").click()
        expect(current).to_contain_text("Question 2 of National work?")
        assert dashboard.locator("#plenary-list").evaluate("(list) => list.scrollTop") > 0
        assert_clear_of_the_buttons(dashboard)
        # Wherever the facilitator scrolls the list, nothing of it shows by the buttons.
        for offset in (10, 37, 90):
            dashboard.locator("#plenary-list").evaluate(
                f"(list) => {{ list.scrollTop = {offset}; }}"
            )
            layout = list_and_buttons(dashboard)
            assert layout["near"] == [] and layout["labelBetween"], (width, offset, layout)
