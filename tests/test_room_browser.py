"""Running the room in Chromium: list typing, the participant page following the facilitator's
plan, the dashboard's controls and the projector view."""

import re
from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from tests.live_helpers import join_code, join_in_browser, said_last
from tests.test_live_browser import (  # noqa: F401 (fixtures)
    note,
    open_dashboard,
    open_participant,
    stored_texts,
    write_note,
)
from tests.test_live_pages import make_nested_outline
from workshop.extensions import db
from workshop.models import Workshop
from workshop.services import live, room

UNREAD = re.compile(r"\bunread\b")


def test_participant_types_a_three_line_list_with_enter_and_sends_one_note(
    app,
    make_workshop,
    open_participant,  # noqa: F811
):
    workshop_id = make_workshop(status="live")
    _context, ada = open_participant(workshop_id, "Ada")
    expect(ada.locator("#compose-hint")).to_contain_text("Enter on an empty point ends the list")
    box = ada.get_by_label("Your note on question 1", exact=True)

    box.click()
    box.press_sequentially("- universities")
    box.press("Enter")
    box.press_sequentially("NGOs")
    box.press("Enter")
    box.press_sequentially("the ombudsman")
    box.press("Enter")
    expect(box).to_have_value("- universities\n- NGOs\n- the ombudsman\n- ")
    box.press("Enter")  # on the empty point: the list ends, nothing is sent yet
    expect(box).to_have_value("- universities\n- NGOs\n- the ombudsman\n")
    expect(ada.locator("li.note")).to_have_count(0)
    box.press("Enter")

    sent = note(ada, "universities")
    expect(sent).to_contain_text("Saved")
    # A note that is only a list shows its points one under the other, not nested under an
    # empty bullet.
    expect(sent.locator(".note-text > p")).to_have_text(["universities", "NGOs", "the ombudsman"])
    expect(sent.locator("ul.sub-points")).to_have_count(0)
    expect(box).to_have_value("")
    assert stored_texts(app, workshop_id) == ["- universities\n- NGOs\n- the ombudsman"]


def test_ctrl_enter_and_the_add_note_button_send_in_the_middle_of_a_list(
    app,
    make_workshop,
    open_participant,  # noqa: F811
):
    workshop_id = make_workshop(status="live")
    _context, ada = open_participant(workshop_id, "Ada")
    first = ada.get_by_label("Your note on question 1", exact=True)
    first.click()
    first.press_sequentially("Partners")
    first.press("Shift+Enter")
    first.press_sequentially("- with a say")
    first.press("Control+Enter")
    expect(note(ada, "Partners").locator("ul.sub-points > li")).to_have_text("with a say")

    second = ada.get_by_label("Your note on question 2", exact=True)
    second.click()
    second.press_sequentially("- one point")
    second.press("Enter")
    second.press_sequentially("another")
    ada.locator("#question-" + second.get_attribute("id").split("-")[1]).get_by_role(
        "button", name="Add note"
    ).click()

    expect(note(ada, "one point")).to_contain_text("Saved")
    assert stored_texts(app, workshop_id) == ["- one point\n- another", "Partners\n- with a say"]


def test_dashboard_shows_question_texts_latest_words_and_marks_cells_until_opened(
    live_workshop,
    open_participant,  # noqa: F811
    open_dashboard,  # noqa: F811
):
    facilitator, workshop_id = live_workshop(groups=2, questions=2)
    _dashboard_context, dashboard = open_dashboard(facilitator, workshop_id)
    header = dashboard.get_by_role("button", name=re.compile(r"^Question 2 .* — every group$"))
    expect(header).to_contain_text("Question 2 of International work?")
    expect(header).to_have_attribute("title", "Question 2 of International work?")
    _context, ada = open_participant(workshop_id, "Ada")

    write_note(ada, "1", "Work with universities that keep their independence", "- and NGOs")

    cell = dashboard.locator("td.cell").first
    expect(cell.locator(".cell-latest")).to_have_text("Work with universities that keep their…")
    expect(cell).to_have_class(UNREAD)
    expect(cell.get_by_role("button")).to_have_attribute(
        "aria-label", re.compile("Changed since you last opened it")
    )

    cell.get_by_role("button").click()
    expect(cell).not_to_have_class(UNREAD)
    dashboard.reload()
    expect(dashboard.locator("#connection-state")).to_have_text("Online")
    cell = dashboard.locator("td.cell").first
    expect(cell.locator(".cell-count")).to_have_text("1")
    expect(cell).not_to_have_class(UNREAD)

    dashboard.get_by_role("button", name="Group 2, question 2").click()  # look elsewhere
    write_note(ada, "1", "A second thought")
    expect(cell.locator(".cell-latest")).to_have_text("A second thought")
    expect(cell).to_have_class(UNREAD)


def caught_up(participant) -> None:
    """Wait until the page has caught up (it asks for presence right after): live from here on."""
    expect(participant.locator("#online-count")).to_contain_text("online in your group")


def in_room(app, workshop_id: int, action, *args):
    """What the facilitator's controls do: a room service through the one write-then-broadcast."""
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        return live.write_live(workshop_id, lambda: action(workshop, *args))


def set_question_lock(app, workshop_id: int, article, locked: bool) -> None:
    """Lock or unlock the question a page shows in `article`, as the dashboard's button does."""
    question_id = int(article.get_attribute("data-question-id"))
    in_room(app, workshop_id, room.set_lock, "question", question_id, locked)


def test_participant_follows_the_round_timer_broadcast_and_locks_live(
    app,
    make_workshop,
    open_participant,  # noqa: F811
):
    workshop_id = make_workshop(
        status="live", sections=("International work", "National work"), questions=2
    )
    _context, ada = open_participant(workshop_id, "Ada")
    expect(ada.locator("#room-now")).to_be_hidden()
    caught_up(ada)

    in_room(app, workshop_id, room.start_plan)
    expect(ada.locator("#step-title")).to_have_text("International work")
    expect(ada.locator("#step-place")).to_have_text("Step 1 of 3 · Group round")
    expect(ada.locator("#announcer")).to_have_text(said_last("Now: International work."))
    in_room(app, workshop_id, room.start_timer, 120)
    expect(ada.locator("#announcer")).to_have_text(
        re.compile(r"^The timer started: (2:00|1:5\d) left\.$")
    )
    open_now = ada.locator("#open-now")
    expect(open_now.locator("article.question")).to_have_count(2)
    # Question 1 of the first of two unnumbered sections is named "1.1" (its own "1." again in
    # the second section would read the same).
    expect(open_now.get_by_label("Your note on question 1.1", exact=True)).to_be_visible()
    later = ada.locator("article.question", has_text="Question 1 of National work?")
    expect(later).to_contain_text("Not part of this round")
    expect(later.locator("form.composer")).to_be_hidden()
    expect(ada.locator("#timer .timer-time")).to_have_text(re.compile(r"^(2:00|1:5\d)$"))

    in_room(app, workshop_id, room.send_broadcast, "5 minutes left — choose your three points")
    expect(ada.locator("#broadcast-text")).to_have_text("5 minutes left — choose your three points")
    expect(ada.locator("#announcer")).to_have_text(
        "Message from the facilitator: 5 minutes left — choose your three points"
    )
    ada.get_by_role("button", name="Dismiss").click()
    expect(ada.locator("#broadcast")).to_be_hidden()

    first = open_now.locator("article.question").first
    set_question_lock(app, workshop_id, first, locked=True)
    locked = ada.locator("article.question", has_text="Question 1 of International work?")
    # Folded away with its notes kept behind "Show the notes", and said so (it said "the notes
    # stay visible" over a folded question).
    expect(locked).to_contain_text(
        "Locked by the facilitator: no new notes can be added. The notes written are kept."
    )
    expect(locked.get_by_role("button", name="Show the notes")).to_be_visible()
    expect(open_now.locator("article.question")).to_have_count(1)

    # After a reload the page lands in the same state: step, timer, dismissed broadcast, lock.
    ada.reload()
    expect(ada.locator("#step-title")).to_have_text("International work")
    expect(ada.locator("#timer .timer-time")).to_have_text(re.compile(r"^(2:00|1:[0-5]\d)$"))
    expect(ada.locator("#broadcast")).to_be_hidden()
    expect(locked).to_contain_text("Locked by the facilitator")


def test_open_now_numbers_each_question_in_full_and_gives_its_own_number_back_after(
    app,
    make_workshop,
    open_participant,  # noqa: F811
):
    # Away from its section's heading, "1." could be any section's (or block's) first question:
    # the dashboard, the projector and the note box all say 1.2, and so does "Open now".
    workshop_id = make_workshop(
        status="live", sections=("International work", "National work"), questions=2
    )
    _context, ada = open_participant(workshop_id, "Ada")
    caught_up(ada)

    in_room(app, workshop_id, room.start_plan)
    open_now = ada.locator("#open-now")
    expect(open_now.locator(".question-text")).to_have_text(
        ["1.1 Question 1 of International work?", "1.2 Question 2 of International work?"]
    )

    in_room(app, workshop_id, room.next_step)
    expect(open_now.locator(".question-text")).to_have_text(
        ["2.1 Question 1 of National work?", "2.2 Question 2 of National work?"]
    )
    # Back under its section's heading, the question has its own number again.
    home = ada.locator("article.question", has_text="Question 2 of International work?")
    expect(home.locator(".question-text")).to_have_text("2. Question 2 of International work?")


def test_facilitator_runs_a_round_and_the_plenary_on_the_projector(
    browser,
    live_server,
    live_workshop,
    open_participant,  # noqa: F811
    open_dashboard,  # noqa: F811
):
    facilitator, workshop_id = live_workshop(
        sections=("International work", "National work"), questions=2, groups=2
    )
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    _context, ada = open_participant(workshop_id, "Ada", "Group 1")
    _context, bo = open_participant(workshop_id, "Bo", "Group 2")
    caught_up(ada)
    caught_up(bo)

    # The facilitator starts the plan and a 2-minute timer on its first round (section 1).
    dashboard.get_by_role("button", name="Start the plan").click()
    expect(dashboard.locator("#plan-state")).to_have_text("Now: step 1 of 3 — International work")
    # At the first step there is nowhere back to go.
    expect(dashboard.get_by_role("button", name="Previous step")).to_be_disabled()
    expect(dashboard.get_by_role("button", name="Next step")).to_be_enabled()
    # The outline's plan gives its steps no duration: the step's timer says why it cannot start.
    expect(dashboard.get_by_role("button", name="Start the step's timer")).to_be_disabled()
    expect(dashboard.locator("#timer-step-hint")).to_have_text(
        "This step has no duration: set the timer below, or give the step a duration in the plan."
    )
    expect(dashboard.locator("#timer-step-hint")).to_be_visible()
    dashboard.get_by_label("Set the timer (minutes, or m:ss)").fill("2")
    dashboard.get_by_label("Set the timer (minutes, or m:ss)").press("Enter")
    expect(dashboard.locator("#timer .timer-time")).to_have_text(re.compile(r"^(2:00|1:5\d)$"))

    # The participant sees only section 1 open, and the timer.
    expect(ada.locator("#step-title")).to_have_text("International work")
    expect(ada.locator("#open-now article.question")).to_have_count(2)
    expect(ada.locator("#open-now")).to_contain_text("Question 1 of International work?")
    expect(ada.locator("#open-now")).not_to_contain_text("National work")
    national = ada.locator("article.question", has_text="of National work?")
    expect(national).to_have_count(2)
    expect(national.first).to_contain_text("Not part of this round")
    expect(national.first.locator("textarea")).to_be_hidden()
    expect(ada.locator("#timer .timer-time")).to_have_text(re.compile(r"^(2:00|1:5\d)$"))

    # A broadcast reaches the page and is announced politely.
    dashboard.get_by_label("Message to the room").fill("5 minutes left — choose your three points")
    dashboard.get_by_role("button", name="Send").click()
    expect(ada.locator("#broadcast-text")).to_have_text("5 minutes left — choose your three points")
    expect(ada.locator("#announcer")).to_have_attribute("aria-live", "polite")
    # Last, after the step and its timer when all come within a moment (all are read, in order).
    expect(ada.locator("#announcer")).to_have_text(
        re.compile(
            r"(^|\. )Message from the facilitator: 5 minutes left — choose your three points$"
        )
    )

    write_note(ada.locator("#open-now"), "1.1", "Universities, if we keep the final say")
    write_note(bo.locator("#open-now"), "1.1", "Ask the ombudsman first", "- and the NGOs")
    expect(note(ada, "Universities")).to_contain_text("Saved")
    expect(note(bo, "ombudsman")).to_contain_text("Saved")

    # A display link for the room's PC, opened in a browser with no login at all.
    dashboard.get_by_role("button", name="Make a display link").click()
    display_url = re.search(
        r"https?://\S+/display/wsd_\S+", dashboard.locator(".flash").inner_text()
    )
    assert display_url, "the dashboard shows the new display link"
    projector = browser.new_context().new_page()
    projector.goto(display_url.group(0))
    expect(projector.locator("#connection-state")).to_have_text("Online")
    expect(projector.locator("#step-title")).to_have_text("International work")
    expect(projector.locator("form, textarea, input, select")).to_have_count(0)

    # The facilitator moves to the plenary: the projector shows question 1 with both groups.
    expect(ada.locator("#compose-hint")).to_be_visible()  # how to type a note, in the round
    dashboard.get_by_role("button", name="Go here: step 3, Feedback in plenary").click()
    expect(ada.locator("#step-title")).to_have_text("Feedback in plenary")
    # At the last step, nowhere further: finishing the plan is what is left.
    expect(dashboard.get_by_role("button", name="Next step")).to_be_disabled()
    expect(dashboard.get_by_role("button", name="Previous step")).to_be_enabled()
    expect(dashboard.get_by_role("button", name="Finish the plan")).to_be_visible()
    expect(ada.locator("#compose-hint")).to_be_hidden()  # nobody writes in this step
    expect(projector.locator("#plenary-question")).to_contain_text(
        "Question 1 of International work?"
    )
    # The dashboard says which question: its name, and its place in the plenary where that is
    # another number ("question 1 of 4: 1 Question 1 …" said one number twice).
    plenary_now = dashboard.locator("#plenary-now")
    expect(plenary_now).to_have_text(
        "The projector shows question 1.1 (1 of 4): Question 1 of International work?"
    )
    group_1 = projector.get_by_role("region", name="Group 1")
    group_2 = projector.get_by_role("region", name="Group 2")
    expect(group_1).to_contain_text("Universities, if we keep the final say")
    expect(group_2).to_contain_text("Ask the ombudsman first")
    expect(group_2.locator("ul.sub-points > li")).to_have_text("and the NGOs")

    dashboard.get_by_role("button", name="Next question").click()
    expect(projector.locator("#plenary-question")).to_contain_text(
        "Question 2 of International work?"
    )
    expect(projector.locator("#plenary-place")).to_have_text(re.compile(r"Question 2 of \d+"))
    expect(group_1).to_contain_text("No points yet.")
    # The second section's first question is the plenary's third.
    dashboard.get_by_role("button", name="Next question").click()
    expect(plenary_now).to_have_text(
        "The projector shows question 2.1 (3 of 4): Question 1 of National work?"
    )
    # Or straight to any question of the plenary, listed by their own labels (no list numbers
    # beside them: "1. 1 Who can…" read as two numbers).
    plenary_list = dashboard.get_by_role("list", name="Questions of the plenary")
    first_item = plenary_list.get_by_role("listitem").first
    expect(first_item).to_have_css("list-style-type", "none")
    dashboard.get_by_role("button", name="Show question 1.1 on the projector").click()
    expect(group_1).to_contain_text("Universities, if we keep the final say")


def test_dashboard_controls_pause_locks_focus_and_quiet_groups(
    app,
    live_workshop,
    open_participant,  # noqa: F811
    open_dashboard,  # noqa: F811
):
    app.config["QUIET_AFTER_SECONDS"] = 1
    facilitator, workshop_id = live_workshop(questions=2, groups=2)
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    _context, ada = open_participant(workshop_id, "Ada")
    caught_up(ada)
    dashboard.get_by_role("button", name="Start the plan").click()
    timer_field = dashboard.get_by_label("Set the timer (minutes, or m:ss)")

    timer_field.fill("ten")
    timer_field.press("Enter")
    expect(dashboard.locator("#timer-minutes-error")).to_have_text(
        "Type minutes (for example 5) or minutes and seconds (2:30)."
    )
    timer_field.fill("2:30")
    timer_field.press("Enter")
    dashboard.get_by_role("button", name="Pause").click()
    expect(ada.locator("#timer .timer-paused")).to_have_text("(paused)")
    expect(ada.locator("#timer .timer-paused")).to_be_visible()
    dashboard.get_by_role("button", name="+5 min").click()
    expect(ada.locator("#timer .timer-time")).to_have_text(re.compile(r"^7:[23]\d$"))
    dashboard.get_by_role("button", name="Resume").click()
    expect(ada.locator("#timer .timer-paused")).to_be_hidden()

    # Groups that wrote nothing since the round began are flagged once the set time has passed.
    expect(dashboard.locator("tr[data-group-id] .quiet-mark").first).to_be_visible(timeout=20_000)
    write_note(ada.locator("#open-now"), "1", "Now we talk")
    expect(dashboard.locator("tr[data-group-id]").first.locator(".quiet-mark")).to_be_hidden()
    expect(dashboard.locator("tr[data-group-id]").nth(1).locator(".quiet-mark")).to_be_visible()

    panel = dashboard.locator("#questions-panel")
    panel.locator("summary").click()
    panel.get_by_role("button", name="Lock question 2").click()
    expect(panel.get_by_role("button", name="Unlock question 2")).to_have_text("Unlock")
    locked = ada.locator("article.question", has_text="Question 2 of International work?")
    expect(locked).to_contain_text("Locked by the facilitator")

    panel.get_by_role("button", name="Bring everyone here (question 1)").click()
    # Said with the lock when both come within a moment (both are read, in order).
    expect(ada.locator("#announcer")).to_have_text(
        re.compile(
            r"^(Question 2 was locked by the facilitator\. )?"
            r"The facilitator brings everyone to question 1\.$"
        )
    )
    expect(ada.get_by_label("Your note on question 1", exact=True)).to_be_focused()

    # Closing asks first; saying no changes nothing.
    dashboard.once("dialog", lambda dialog: dialog.dismiss())
    dashboard.get_by_role("button", name="Close for new notes").click()
    expect(dashboard.locator("#status-text")).to_have_text("Live: open for notes")


def test_participant_offline_during_step_changes_lands_in_the_current_step(
    app,
    make_workshop,
    open_participant,  # noqa: F811
):
    workshop_id = make_workshop(
        status="live", sections=("International work", "National work"), questions=1
    )
    ada_context, ada = open_participant(workshop_id, "Ada")
    caught_up(ada)
    in_room(app, workshop_id, room.start_plan)
    expect(ada.locator("#step-title")).to_have_text("International work")

    ada_context.set_offline(True)
    expect(ada.locator("#connection-state")).to_have_text("Offline")
    in_room(app, workshop_id, room.next_step)
    in_room(app, workshop_id, room.start_timer, 300)
    in_room(app, workshop_id, room.send_broadcast, "Second round: national work")
    ada_context.set_offline(False)

    expect(ada.locator("#step-title")).to_have_text("National work", timeout=15_000)
    expect(ada.locator("#broadcast-text")).to_have_text("Second round: national work")
    expect(ada.locator("#timer .timer-time")).to_have_text(re.compile(r"^(5:00|4:[0-5]\d)$"))
    expect(ada.locator("#open-now")).to_contain_text("Question 1 of National work?")
    expect(ada.locator("#open-now")).not_to_contain_text("International work")


def test_timer_shows_the_servers_time_left_whatever_the_laptops_clock_says(
    app, browser, live_server, make_workshop
):
    workshop_id = make_workshop(status="live")
    in_room(app, workshop_id, room.start_plan)
    in_room(app, workshop_id, room.start_timer, 120)
    laptop = browser.new_context().new_page()
    # This laptop's clock is 47 minutes fast.
    laptop.clock.install(time=datetime.now(UTC) + timedelta(minutes=47))
    join_in_browser(laptop, live_server.url, join_code(app, workshop_id), "Ada")

    expect(laptop.locator("#timer .timer-time")).to_have_text(re.compile(r"^(2:00|1:[45]\d)$"))


def test_note_written_offline_under_a_question_locked_meanwhile_stays_with_its_reason(
    app,
    make_workshop,
    open_participant,  # noqa: F811
):
    workshop_id = make_workshop(status="live", questions=2)
    ada_context, ada = open_participant(workshop_id, "Ada")
    caught_up(ada)
    in_room(app, workshop_id, room.start_plan)
    expect(ada.locator("#open-now article.question")).to_have_count(2)
    ada_context.set_offline(True)
    expect(ada.locator("#connection-state")).to_have_text("Offline")
    write_note(ada, "1", "Typed before the lock")
    first = ada.locator("article.question", has_text="Question 1 of International work?")
    set_question_lock(app, workshop_id, first, locked=True)

    ada_context.set_offline(False)

    refused = note(ada, "Typed before the lock")
    expect(refused).to_contain_text(re.compile("Not saved: .*locked"), timeout=15_000)
    expect(refused).to_be_visible()  # its question is collapsed, but not over the refused words
    expect(first).to_contain_text("Locked by the facilitator")
    assert stored_texts(app, workshop_id) == []

    set_question_lock(app, workshop_id, first, locked=False)
    expect(note(ada, "Typed before the lock")).to_contain_text("Saved")
    assert stored_texts(app, workshop_id) == ["Typed before the lock"]


def test_participant_who_reloads_offline_still_sees_the_step_and_its_timer(
    app,
    make_workshop,
    open_participant,  # noqa: F811
):
    workshop_id = make_workshop(status="live")
    ada_context, ada = open_participant(workshop_id, "Ada")
    caught_up(ada)
    expect(ada.locator("html")).to_have_attribute("data-offline-ready", "true")
    in_room(app, workshop_id, room.start_plan)
    in_room(app, workshop_id, room.start_timer, 600)
    expect(ada.locator("#timer .timer-time")).to_have_text(re.compile(r"^(10:00|9:5\d)$"))

    ada_context.set_offline(True)
    ada.reload()  # from the service worker's cache: the page as it was when first loaded

    expect(ada.locator("#connection-state")).to_have_text("Offline")
    expect(ada.locator("#step-title")).to_have_text("International work")
    expect(ada.locator("#timer .timer-time")).to_have_text(re.compile(r"^(10:00|9:[45]\d)$"))


def test_bring_everyone_here_leaves_a_participant_typing_elsewhere_where_they_are(
    live_workshop,
    open_participant,  # noqa: F811
    open_dashboard,  # noqa: F811
):
    facilitator, workshop_id = live_workshop(questions=2, groups=2)
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    _context, ada = open_participant(workshop_id, "Ada")
    caught_up(ada)
    first = ada.get_by_label("Your note on question 1", exact=True)
    second = ada.get_by_label("Your note on question 2", exact=True)
    second.click()
    ada.keyboard.type("We should")

    panel = dashboard.locator("#questions-panel")
    panel.locator("summary").click()
    panel.get_by_role("button", name="Bring everyone here (question 1)").click()
    expect(ada.locator("#announcer")).to_have_text(
        "The facilitator brings everyone to question 1. "
        "What you are typing stays here: finish it, then go there."
    )
    # The rest of the sentence lands where it was begun (it went under question 1).
    ada.keyboard.type(" ask first")
    expect(second).to_have_value("We should ask first")
    expect(second).to_be_focused()
    expect(first).to_have_value("")

    ada.get_by_role("button", name="Go to question 1").click()
    expect(first).to_be_focused()
    expect(ada.get_by_role("button", name="Go to question 1")).to_be_hidden()


def test_open_now_names_a_blocks_questions_fully_under_the_blocks_heading(
    app,
    make_workshop,
    open_participant,  # noqa: F811
):
    workshop_id = make_workshop(status="live", questions=1)
    make_nested_outline(app, workshop_id)
    _context, ada = open_participant(workshop_id, "Ada")
    caught_up(ada)
    in_room(app, workshop_id, room.start_plan)
    in_room(app, workshop_id, room.next_step)
    expect(ada.locator("#step-title")).to_have_text("Questions on the national strategy")

    # Out of its block "1." would not say which 1, nor finish "how can the institute…:".
    open_now = ada.locator("#open-now")
    expect(open_now.locator(".question-text")).to_have_text(
        ["II.A.1 Secure its independence?", "II.A.2 Fulfil its mandate?"]
    )
    expect(open_now.locator(".open-now-context")).to_have_text(
        ["A. In the world we live in, how can the institute strategically:"]
    )

    # Back in the outline it is its block's "1." again.
    in_room(app, workshop_id, room.previous_step)
    home = ada.locator("article.question", has_text="Secure its independence?")
    expect(home.locator(".question-text")).to_have_text("1. Secure its independence?")
    expect(ada.locator(".open-now-context")).to_have_count(0)
    # Out of the rounds, "Open now" goes, the block's heading with it.
    in_room(app, workshop_id, room.next_step)
    expect(ada.locator(".open-now-context")).to_have_count(1)
    in_room(app, workshop_id, room.finish_plan)
    expect(ada.locator("#open-now")).to_be_hidden()
    expect(ada.locator(".open-now-context")).to_have_count(0)


# Everything the polite announcer says from now on, in order (each sentence is set on its own).
RECORD_ANNOUNCEMENTS = """() => {
    window.heard = [];
    const announcer = document.getElementById("announcer");
    new MutationObserver(() => {
        if (announcer.textContent) window.heard.push(announcer.textContent);
    }).observe(announcer, { childList: true, characterData: true, subtree: true });
}"""


def test_one_minute_left_is_said_as_the_clock_runs_down_not_when_the_timer_is_set_short(
    app,
    make_workshop,
    open_participant,  # noqa: F811
):
    workshop_id = make_workshop(status="live", questions=1)
    _context, ada = open_participant(workshop_id, "Ada")
    caught_up(ada)
    ada.evaluate(RECORD_ANNOUNCEMENTS)
    announcer = ada.locator("#announcer")
    in_room(app, workshop_id, room.start_plan)
    in_room(app, workshop_id, room.start_timer, 600)
    # Right after the step's own sentence, both are said at once.
    expect(announcer).to_have_text(
        re.compile(r"^(Now: .+\. )?The timer started: (10:00|9:5\d) left\.$")
    )

    # Set afresh while it runs: a new start, said as one (not "changed", which is "+1 min").
    in_room(app, workshop_id, room.start_timer, 30)
    expect(announcer).to_have_text(re.compile(r"^The timer started: (0:30|0:2\d) left\.$"))
    assert not any("One minute left." in said for said in ada.evaluate("window.heard"))

    in_room(app, workshop_id, room.start_timer, 62)
    expect(announcer).to_have_text("One minute left.", timeout=10_000)


def test_two_room_events_at_the_same_moment_are_both_said(
    app,
    make_workshop,
    open_participant,  # noqa: F811
):
    """A lock and a message sent together: the second sentence replaced the first in the live
    region before a screen reader could read it. Both are said, the first first."""
    workshop_id = make_workshop(status="live", questions=2)
    _context, ada = open_participant(workshop_id, "Ada")
    caught_up(ada)
    first = ada.locator("article.question").first

    set_question_lock(app, workshop_id, first, locked=True)
    in_room(app, workshop_id, room.send_broadcast, "Now write your last points")
    expect(ada.locator("#announcer")).to_have_text(
        re.compile(
            r"^Question \S+ was locked by the facilitator\. "
            r"Message from the facilitator: Now write your last points$"
        )
    )


def test_on_a_phone_a_locked_questions_show_the_notes_button_is_thumb_sized(
    app, browser, live_server, make_workshop
):
    """ "Show the notes" under a locked question was 30 px high on a phone: AA's 24 px, but a
    thumb needs 44 (WCAG 2.5.5), as the notes' own buttons have."""
    workshop_id = make_workshop(status="live", questions=2)
    phone = {"width": 390, "height": 844}
    page = browser.new_context(viewport=phone, is_mobile=True).new_page()
    join_in_browser(page, live_server.url, join_code(app, workshop_id), "Kari", "Group 1")
    caught_up(page)
    first = page.locator("article.question").first
    set_question_lock(app, workshop_id, first, locked=True)
    toggle = first.get_by_role("button", name="Show the notes")
    expect(toggle).to_be_visible()
    assert toggle.bounding_box()["height"] >= 44
    toggle.click()
    expect(first.get_by_role("button", name="Hide the notes")).to_be_visible()
    assert first.get_by_role("button", name="Hide the notes").bounding_box()["height"] >= 44
