"""Text typed and not sent yet, in Chromium: kept through a reload and a move to another group,
kept in view when its question is locked, and the room's locks and timer said aloud."""

import re

import pytest
from playwright.sync_api import expect

from tests.live_helpers import said_last
from tests.test_live_browser import (  # noqa: F401 (fixtures)
    note,
    open_participant,
    stored_texts,
)
from tests.test_room_browser import caught_up, in_room
from workshop.extensions import db
from workshop.models import Group, Participant, Question, Workshop
from workshop.services import groups, joining, live, room


@pytest.fixture
def ada_in(make_workshop, open_participant):  # noqa: F811
    """Ada on her group page of a new live workshop, caught up: (the workshop's id, her page)."""

    def open_ada(**workshop):
        workshop_id = make_workshop(status="live", **workshop)
        _context, ada = open_participant(workshop_id, "Ada")
        caught_up(ada)
        return workshop_id, ada

    return open_ada


def box(page, question: str):
    return page.get_by_label(f"Your note on question {question}", exact=True)


def question_id(app, workshop_id: int, position: int) -> int:
    with app.app_context():
        statement = db.select(Question.id).where(
            Question.workshop_id == workshop_id, Question.position == position
        )
        return db.session.scalar(statement)


def lock(app, workshop_id: int, position: int, locked: bool) -> None:
    """What the facilitator's lock button does, for the question at `position` (0 is the first)."""
    in_room(
        app, workshop_id, room.set_lock, "question", question_id(app, workshop_id, position), locked
    )


def move(app, workshop_id: int, name: str, group_name: str) -> None:
    """What the facilitator's Move button does: move, then broadcast the move."""
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        participant = db.session.scalar(
            db.select(Participant).filter_by(workshop_id=workshop_id, display_name=name)
        )
        group = db.session.scalar(
            db.select(Group).filter_by(workshop_id=workshop_id, name=group_name)
        )
        participant_id, group_id = participant.id, group.id
        live.write_live(
            workshop_id, lambda: joining.move_participant(workshop, participant_id, group_id)
        )


def test_participant_who_reloads_finds_half_typed_text_back_until_it_is_sent_or_emptied(
    app, ada_in
):
    workshop_id, ada = ada_in(questions=3)
    box(ada, "1").fill("Universities, if we")
    box(ada, "2").press_sequentially("- the ombudsman")
    box(ada, "3").fill("Gone soon")

    ada.reload()

    expect(box(ada, "1")).to_have_value("Universities, if we")
    expect(box(ada, "2")).to_have_value("- the ombudsman")
    expect(box(ada, "3")).to_have_value("Gone soon")
    box(ada, "1").press_sequentially(" keep the final say")
    box(ada, "1").press("Control+Enter")
    expect(note(ada, "Universities")).to_contain_text("Saved")
    box(ada, "3").fill("")

    ada.reload()

    expect(box(ada, "1")).to_have_value("")
    expect(box(ada, "2")).to_have_value("- the ombudsman")
    expect(box(ada, "3")).to_have_value("")
    expect(ada.locator("#unsent")).to_be_hidden()
    assert stored_texts(app, workshop_id) == ["Universities, if we keep the final say"]


def test_a_second_tabs_unsent_text_outlives_the_first_tab_sending_its_own(app, ada_in):
    # Ada has her page open twice (the link opened again) and types in the same box in both: the
    # tab that sends must not take the other tab's unsent text with it.
    workshop_id, first = ada_in(questions=2)
    second = first.context.new_page()
    second.goto(first.url)
    caught_up(second)
    box(first, "1").fill("From the first tab")
    box(second, "1").fill("Still typing in the second")
    # Tabs share what they keep through the browser, which hands one tab's write to the other's
    # process a moment later: in the same millisecond the first tab would still see its own text
    # (under CI's load it did). A person switches tabs more slowly than that.
    first.wait_for_function(
        "(text) => Object.values(localStorage).some((kept) => kept.includes(text))",
        arg="Still typing in the second",
    )

    box(first, "1").press("Control+Enter")
    expect(note(first, "From the first tab")).to_contain_text("Saved")
    second.reload()

    expect(box(second, "1")).to_have_value("Still typing in the second")
    assert stored_texts(app, workshop_id) == ["From the first tab"]


def test_a_reload_mid_typing_gives_the_keyboard_back_to_the_box_after_its_text(app, ada_in):
    workshop_id, ada = ada_in(questions=2)
    box(ada, "1").fill("Kept, not focused")
    box(ada, "2").press_sequentially("Universities, if we")

    ada.reload()

    expect(box(ada, "2")).to_be_focused()
    ada.keyboard.type(" keep the final say")  # on where she was: after her text
    ada.keyboard.press("Enter")
    expect(note(ada, "Universities")).to_contain_text("Saved")
    expect(box(ada, "2")).to_be_focused()
    ada.get_by_role("button", name="Edit").click()
    ada.get_by_label("Edit the note").press("End")
    ada.keyboard.type(" and NGOs")

    ada.reload()

    expect(ada.get_by_label("Edit the note")).to_be_focused()
    ada.keyboard.press("Enter")
    expect(note(ada, "Universities, if we keep the final say and NGOs")).to_contain_text("Saved")
    ada.get_by_role("button", name="Edit").focus()

    ada.reload()  # the keyboard was on no box: the page starts as usual

    expect(box(ada, "1")).not_to_be_focused()
    expect(box(ada, "1")).to_have_value("Kept, not focused")
    assert stored_texts(app, workshop_id) == ["Universities, if we keep the final say and NGOs"]


def test_an_edit_in_progress_comes_back_after_a_reload_and_saves(app, ada_in):
    workshop_id, ada = ada_in()
    box(ada, "1").fill("Universities")
    box(ada, "1").press("Enter")
    expect(note(ada, "Universities")).to_contain_text("Saved")
    note(ada, "Universities").get_by_role("button", name="Edit").click()
    ada.get_by_label("Edit the note").fill("Universities and NGOs")

    ada.reload()

    editor = ada.get_by_label("Edit the note")
    expect(editor).to_have_value("Universities and NGOs")
    ada.get_by_role("button", name="Save").click()
    expect(note(ada, "Universities and NGOs")).to_contain_text("Saved")
    ada.reload()
    expect(ada.get_by_label("Edit the note")).to_have_count(0)
    assert stored_texts(app, workshop_id) == ["Universities and NGOs"]


def test_participant_moved_to_another_group_finds_her_unsent_text_in_its_box_or_listed(app, ada_in):
    workshop_id, ada = ada_in(questions=2, groups=2)
    ada.context.grant_permissions(["clipboard-read", "clipboard-write"])
    first_question = question_id(app, workshop_id, 0)
    with app.app_context():
        second_group = db.session.scalar(
            db.select(Group).filter_by(workshop_id=workshop_id, position=1)
        )
        groups.choose_group_questions(second_group, False, [first_question])
    box(ada, "1").fill("Both groups have this question")
    box(ada, "2").fill("Only Group 1 has this one")

    move(app, workshop_id, "Ada", "Group 2")

    expect(ada.locator(".live-who")).to_contain_text("Group 2")
    expect(ada.locator("#moved-banner")).to_contain_text(
        "What you had typed and not sent under a question this group does not have is kept "
        "under “Your unsent text”."
    )
    expect(box(ada, "1")).to_have_value("Both groups have this question")
    expect(box(ada, "2")).to_have_count(0)
    unsent = ada.get_by_role("region", name="Your unsent text")
    kept = unsent.get_by_label("Typed under question 2: Question 2 of International work?")
    expect(kept).to_have_value("Only Group 1 has this one")
    unsent.get_by_role("button", name="Copy").click()
    expect(unsent.get_by_role("status")).to_have_text("Copied.")
    assert ada.evaluate("navigator.clipboard.readText()") == "Only Group 1 has this one"

    ada.reload()  # still there until she removes it
    expect(kept).to_have_value("Only Group 1 has this one")
    ada.once("dialog", lambda dialog: dialog.accept())
    unsent.get_by_role("button", name="Remove").click()
    expect(unsent).to_be_hidden()
    ada.reload()
    expect(ada.locator("#unsent")).to_be_hidden()


def test_text_typed_in_a_question_that_gets_locked_stays_with_a_word_and_goes_out_on_unlock(
    app, ada_in
):
    workshop_id, ada = ada_in(questions=2)
    first = box(ada, "1")
    first.press_sequentially("Half a thought")

    lock(app, workshop_id, 0, True)

    expect(ada.locator("#announcer")).to_have_text(
        "Question 1 was locked by the facilitator. Your unsent text there is kept: you can add it "
        "when the question is open again."
    )
    question = ada.locator("article.question", has_text="Question 1 of International work?")
    expect(question).to_contain_text("Locked by the facilitator")
    expect(first).to_be_visible()
    expect(first).to_be_focused()
    expect(first).to_have_value("Half a thought")
    expect(first).to_have_accessible_description(
        re.compile("Your text is kept here, not sent. You can add it when the question is open")
    )
    expect(question.get_by_role("button", name="Add note")).to_be_disabled()
    # An empty box under a locked question goes, and the focus with it goes to the question.
    box(ada, "2").click()
    lock(app, workshop_id, 1, True)
    expect(ada.locator("#announcer")).to_have_text(
        said_last("Question 2 was locked by the facilitator.")
    )
    expect(box(ada, "2")).to_be_hidden()
    expect(ada.locator(f"#question-{question_id(app, workshop_id, 1)}-heading")).to_be_focused()
    ada.reload()  # kept through a reload too
    expect(first).to_have_value("Half a thought")
    expect(question.locator(".draft-kept")).to_be_visible()
    caught_up(ada)

    lock(app, workshop_id, 0, False)

    expect(ada.locator("#announcer")).to_have_text(
        said_last("Question 1 was unlocked by the facilitator.")
    )
    expect(question.locator(".draft-kept")).to_be_hidden()
    first.press("Enter")
    expect(note(ada, "Half a thought")).to_contain_text("Saved")
    assert stored_texts(app, workshop_id) == ["Half a thought"]


def test_the_timers_start_changes_pause_resume_and_stop_are_announced(app, ada_in):
    workshop_id, ada = ada_in()
    in_room(app, workshop_id, room.start_plan)
    expect(ada.locator("#announcer")).to_have_text(re.compile(r"^Now: .+\.$"))
    in_room(app, workshop_id, room.start_timer, 120)
    expect(ada.locator("#timer .timer-time")).to_be_visible()
    expect(ada.locator("#announcer")).to_have_text(
        re.compile(r"^(Now: .+\. )?The timer started: (2:00|1:5\d) left\.$")
    )
    in_room(app, workshop_id, room.extend_timer, 60)
    expect(ada.locator("#announcer")).to_have_text(
        re.compile(r"^The timer was changed: (3:00|2:5\d) left\.$")
    )

    in_room(app, workshop_id, room.pause_timer)
    expect(ada.locator("#announcer")).to_have_text(
        re.compile(r"^The timer is paused with \d:\d\d left\.$")
    )
    in_room(app, workshop_id, room.resume_timer)
    expect(ada.locator("#announcer")).to_have_text(
        re.compile(r"^The timer runs again: \d:\d\d left\.$")
    )
    in_room(app, workshop_id, room.clear_timer)
    expect(ada.locator("#announcer")).to_have_text(said_last("The timer was stopped."))
