"""The dashboard by keyboard in Chromium: a button that its own action hides, disables or redraws
hands the focus on to what comes next, instead of dropping it on the page's body."""

import re

from playwright.sync_api import expect

from tests.live_helpers import said_last
from tests.test_live_browser import (  # noqa: F401 (fixtures)
    open_dashboard,
    open_participant,
    write_note,
)
from workshop.extensions import db
from workshop.models import Workshop
from workshop.services import live, plan


def press(page, button) -> None:
    """Put the keyboard on `button` and press Enter, as a keyboard user does."""
    button.focus()
    page.keyboard.press("Enter")


def test_the_focus_stays_in_the_room_controls_after_each_action(
    live_workshop,
    open_participant,  # noqa: F811
    open_dashboard,  # noqa: F811
):
    facilitator, workshop_id = live_workshop(
        sections=("International work", "National work"), questions=2, groups=2
    )
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    _context, ada = open_participant(workshop_id, "Ada", "Group 1")
    write_note(ada, "1.1", "Universities, if we keep the final say")

    # Starting the plan hides its button: the keyboard goes on to the next step's button.
    press(dashboard, dashboard.get_by_role("button", name="Start the plan"))
    expect(dashboard.locator("#plan-state")).to_have_text(re.compile("^Now: step 1 of 3"))
    expect(dashboard.get_by_role("button", name="Next step")).to_be_focused()

    # "Go here" is gone once its step is current: the focus is on that step, which says "(now)".
    press(dashboard, dashboard.get_by_role("button", name="Go here: step 2, National work"))
    current = dashboard.locator("#step-list li.current")
    expect(current).to_contain_text("National work")
    expect(current).to_be_focused()
    # And from there Tab goes on within the list, not from the top of the page.
    dashboard.keyboard.press("Tab")
    expect(
        dashboard.get_by_role("button", name="Go here: step 3, Feedback in plenary")
    ).to_be_focused()

    # A timer: Pause and Resume take each other's place under the keyboard; stopping it disables
    # the buttons that need a running timer, and the focus goes to setting a new one.
    timer_field = dashboard.get_by_label("Set the timer (minutes, or m:ss)")
    timer_field.fill("2")
    timer_field.press("Enter")
    press(dashboard, dashboard.get_by_role("button", name="Pause"))
    expect(dashboard.get_by_role("button", name="Resume")).to_be_focused()
    press(dashboard, dashboard.get_by_role("button", name="Resume"))
    expect(dashboard.get_by_role("button", name="Pause")).to_be_focused()
    press(dashboard, dashboard.get_by_role("button", name="Stop the timer"))
    expect(dashboard.locator("#timer-none")).to_be_visible()
    expect(timer_field).to_be_focused()

    # The plenary: showing another question keeps the focus on it in the list.
    press(dashboard, dashboard.get_by_role("button", name="Go here: step 3, Feedback in plenary"))
    expect(dashboard.locator("#step-list li.current")).to_be_focused()
    press(dashboard, dashboard.get_by_role("button", name="Show question 1.2 on the projector"))
    shown = dashboard.locator("#plenary-list li[aria-current]")
    expect(shown).to_contain_text("Question 2 of International work?")
    expect(shown).to_be_focused()
    # Previous and Next only where there is a question to go to (they did nothing at the ends).
    previous = dashboard.get_by_role("button", name="Previous question")
    following = dashboard.get_by_role("button", name="Next question")
    press(dashboard, previous)
    expect(dashboard.locator("#plenary-now")).to_contain_text("question 1.1 (1 of 4)")
    expect(previous).to_be_disabled()
    expect(following).to_be_enabled()
    press(dashboard, dashboard.get_by_role("button", name="Show question 2.2 on the projector"))
    expect(dashboard.locator("#plenary-now")).to_contain_text("question 2.2 (4 of 4)")
    expect(following).to_be_disabled()
    expect(previous).to_be_enabled()

    # Share and withdraw; a vote opened, closed, revealed and opened again, all by Enter.
    press(dashboard, dashboard.get_by_role("button", name="Share", exact=True))
    expect(dashboard.get_by_role("button", name="Withdraw the share")).to_be_visible()
    press(dashboard, dashboard.get_by_role("button", name="Withdraw the share"))
    expect(dashboard.get_by_role("button", name="Share", exact=True)).to_be_focused()

    dashboard.locator("#vote-source-raw").check()
    press(dashboard, dashboard.get_by_role("button", name="Open the vote"))
    expect(dashboard.get_by_role("button", name="Close the vote")).to_be_focused()
    press(dashboard, dashboard.get_by_role("button", name="Close the vote"))
    expect(dashboard.get_by_role("button", name="Reveal the results")).to_be_focused()
    press(dashboard, dashboard.get_by_role("button", name="Reveal the results"))
    expect(dashboard.get_by_role("button", name="Open it again")).to_be_focused()
    press(dashboard, dashboard.get_by_role("button", name="Open it again"))
    expect(dashboard.get_by_role("button", name="Close the vote")).to_be_focused()

    # At the end, finishing the plan leaves the focus on the words saying it is finished.
    press(dashboard, dashboard.get_by_role("button", name="Finish the plan"))
    expect(dashboard.locator("#plan-state")).to_be_focused()


def test_the_dashboard_says_what_its_timer_buttons_did(
    live_workshop,
    open_dashboard,  # noqa: F811
):
    """The participants' pages say the timer's changes aloud; the facilitator pressing "+1 min" by
    keyboard heard nothing (only the shown time changed)."""
    facilitator, workshop_id = live_workshop(questions=2, groups=2)
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    announcer = dashboard.locator("#announcer")
    expect(announcer).to_have_attribute("aria-live", "polite")
    press(dashboard, dashboard.get_by_role("button", name="Start the plan"))
    expect(announcer).to_have_text(re.compile(r"^Now: "))

    timer_field = dashboard.get_by_label("Set the timer (minutes, or m:ss)")
    timer_field.focus()
    dashboard.keyboard.type("2")
    dashboard.keyboard.press("Enter")
    expect(announcer).to_have_text(re.compile(r"^The timer started: (2:00|1:5\d) left\.$"))
    press(dashboard, dashboard.get_by_role("button", name="+1 min"))
    expect(announcer).to_have_text(re.compile(r"^The timer was changed: (3:00|2:5\d) left\.$"))
    press(dashboard, dashboard.get_by_role("button", name="Pause"))
    expect(announcer).to_have_text(re.compile(r"^The timer is paused with \d:\d\d left\.$"))
    press(dashboard, dashboard.get_by_role("button", name="Resume"))
    expect(announcer).to_have_text(re.compile(r"^The timer runs again: \d:\d\d left\.$"))
    press(dashboard, dashboard.get_by_role("button", name="Stop the timer"))
    expect(announcer).to_have_text(said_last("The timer was stopped."))


def give_the_first_step_a_duration(app, workshop_id: int, minutes: int) -> None:
    """As the plan page does: the step's fields changed through the one write-then-broadcast."""
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        first = plan.read_plan(workshop)["steps"][0]["id"]
        fields = {**plan.all_step_fields(workshop)[first], "duration_minutes": minutes}
        live.write_live(workshop_id, lambda: plan.change_step(workshop, first, fields))


def test_the_steps_timer_button_says_why_it_cannot_start_and_only_then(
    app,
    live_workshop,
    open_dashboard,  # noqa: F811
):
    """Before the plan ran, the dashboard said "This step has no duration" of a step that had one;
    and the button was described by that hint even while it was hidden and the button enabled."""
    facilitator, workshop_id = live_workshop(sections=("International work", "National work"))
    give_the_first_step_a_duration(app, workshop_id, 10)
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    start_step = dashboard.get_by_role("button", name="Start the step's timer")

    expect(start_step).to_be_disabled()
    expect(start_step).to_have_accessible_description(
        "The plan has not started: start it to time its steps, or set a timer below."
    )
    expect(dashboard.locator("#timer-plan-hint")).to_be_visible()
    expect(dashboard.locator("#timer-step-hint")).to_be_hidden()

    # Step 1 has its 10 minutes: the button works and needs no excuse.
    press(dashboard, dashboard.get_by_role("button", name="Start the plan"))
    expect(start_step).to_be_enabled()
    expect(start_step).to_have_accessible_description("")
    expect(dashboard.locator("#timer-plan-hint")).to_be_hidden()
    expect(dashboard.locator("#timer-step-hint")).to_be_hidden()

    # Step 2 has none: now the hint says so, and describes the button.
    press(dashboard, dashboard.get_by_role("button", name="Next step"))
    expect(start_step).to_be_disabled()
    expect(start_step).to_have_accessible_description(
        "This step has no duration: set the timer below, or give the step a duration in the plan."
    )
    expect(dashboard.locator("#timer-step-hint")).to_be_visible()


def test_starting_the_steps_timer_again_is_said_as_a_start(
    app,
    live_workshop,
    open_dashboard,  # noqa: F811
):
    """Restarting a running timer (the step's button, again) said "The timer was changed", as
    "+1 min" does: both leave it running. Each says what it did."""
    facilitator, workshop_id = live_workshop(questions=2)
    give_the_first_step_a_duration(app, workshop_id, 2)
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    announcer = dashboard.locator("#announcer")
    press(dashboard, dashboard.get_by_role("button", name="Start the plan"))
    expect(announcer).to_have_text(re.compile(r"^Now: "))

    press(dashboard, dashboard.get_by_role("button", name="+1 min"))
    expect(announcer).to_have_text(re.compile(r"^The timer was changed: (3:00|2:5\d) left\.$"))
    press(dashboard, dashboard.get_by_role("button", name="Start the step's timer"))
    expect(announcer).to_have_text(re.compile(r"^The timer started: (2:00|1:5\d) left\.$"))


def test_locking_a_heading_that_ends_in_a_colon_is_said_as_one_sentence(
    live_workshop,
    open_dashboard,  # noqa: F811
):
    facilitator, workshop_id = live_workshop(
        sections=("In the world we live in, how can the institute strategically:",), questions=2
    )
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    panel = dashboard.locator("#questions-panel")
    press(dashboard, panel.locator("summary"))
    lock = panel.get_by_role(
        "button", name="Lock In the world we live in, how can the institute strategically:"
    )
    press(dashboard, lock)
    # Not "…strategically:." (the heading's colon, then the sentence's full stop).
    expect(dashboard.locator("#announcer")).to_have_text(
        "Locked: In the world we live in, how can the institute strategically."
    )
    press(dashboard, panel.get_by_role("button", name=re.compile("^Unlock In the world")))
    expect(dashboard.locator("#announcer")).to_have_text(
        "Unlocked: In the world we live in, how can the institute strategically."
    )
