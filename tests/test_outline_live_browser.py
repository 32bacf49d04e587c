"""A participant's open page follows the facilitator's outline edits in Chromium, without a reload:
a renamed question shows its new words, a new one comes with its box, one that went takes nothing
typed with it, and the box being typed in keeps its text, the focus and the caret."""

from playwright.sync_api import expect

from tests.live_helpers import join_code, join_in_browser, question_ids
from tests.test_room_browser import in_room
from tests.workshops_helpers import bearer, make_api_token
from workshop.services import room

OUTLINE_CHANGED = "The facilitator changed the questions: your page shows them as they are now."


def api(app, facilitator_id: int, method: str, path: str, **kwargs):
    call = getattr(app.test_client(), method)
    token = make_api_token(app, facilitator_id)
    response = call(f"/api/v1{path}", headers=bearer(token), **kwargs)
    assert response.status_code in (200, 201, 204), response.get_data(as_text=True)
    return response


def rename_question(app, owner: int, workshop_id: int, question_id: int, text: str) -> None:
    api(
        app,
        owner,
        "patch",
        f"/workshops/{workshop_id}/questions/{question_id}",
        json={"text": text},
    )


def add_question(app, owner: int, workshop_id: int, text: str) -> None:
    """A question at the end of the first section."""
    outline = api(app, owner, "get", f"/workshops/{workshop_id}/outline").get_json()
    section_id = outline["sections"][0]["id"]
    path = f"/workshops/{workshop_id}/sections/{section_id}/questions"
    api(app, owner, "post", path, json={"text": text})


def box(page, label: str):
    return page.get_by_label(f"Your note on question {label}", exact=True)


def test_a_participants_page_follows_outline_edits_keeping_what_is_typed(
    app, browser, live_server, make_workshop, make_facilitator
):
    owner = make_facilitator()
    workshop_id = make_workshop(owner_id=owner, status="live", questions=3)
    first, _second, third = question_ids(app, workshop_id)
    ada = browser.new_context().new_page()
    join_in_browser(ada, live_server.url, join_code(app, workshop_id), "Ada")
    expect(ada.locator("#connection-state")).to_have_text("Online")
    ada.evaluate("window.stillTheSamePage = true")
    box(ada, "3").fill("Kept for later")
    box(ada, "2").click()
    box(ada, "2").press_sequentially("Half a thought")

    rename_question(app, owner, workshop_id, first, "Which partners matter most?")
    add_question(app, owner, workshop_id, "Who else should we ask?")
    api(app, owner, "delete", f"/workshops/{workshop_id}/questions/{third}")

    expect(ada.locator(f"#question-{first}-heading")).to_have_text("1. Which partners matter most?")
    # The new question is third now (the old third went), with a box of its own.
    expect(ada.locator("article.question")).to_have_count(3)
    expect(ada.locator("article.question").nth(2)).to_contain_text("3. Who else should we ask?")
    expect(ada.locator(f"#question-{third}")).to_have_count(0)
    # What was typed under the question that went is kept, and said so.
    expect(ada.locator("#unsent")).to_be_visible()
    expect(ada.locator("#unsent textarea")).to_have_value("Kept for later")
    expect(ada.locator("#announcer")).to_contain_text(OUTLINE_CHANGED)
    # The box being typed in is the same, with its text, the focus and the caret at its end.
    expect(box(ada, "2")).to_have_value("Half a thought")
    expect(box(ada, "2")).to_be_focused()
    assert box(ada, "2").evaluate("box => box.selectionStart") == len("Half a thought")
    box(ada, "2").press_sequentially(", finished")
    expect(box(ada, "2")).to_have_value("Half a thought, finished")
    assert ada.evaluate("window.stillTheSamePage === true")

    # The new question's box works like any other.
    box(ada, "3").fill("A new point")
    box(ada, "3").press("Enter")
    expect(ada.locator("li.note", has_text="A new point")).to_contain_text("Saved")


def test_a_question_open_in_the_round_stays_open_now_with_its_new_words(
    app, browser, live_server, make_workshop, make_facilitator
):
    owner = make_facilitator()
    workshop_id = make_workshop(
        owner_id=owner, status="live", sections=("International work", "National work"), questions=2
    )
    first = question_ids(app, workshop_id)[0]
    ada = browser.new_context().new_page()
    join_in_browser(ada, live_server.url, join_code(app, workshop_id), "Ada")
    expect(ada.locator("#online-count")).to_contain_text("online in your group")
    in_room(app, workshop_id, room.start_plan)
    open_now = ada.locator("#open-now")
    expect(open_now.locator("article.question")).to_have_count(2)
    open_now.get_by_label("Your note on question 1.1", exact=True).press_sequentially(
        "Mid-sentence"
    )

    rename_question(app, owner, workshop_id, first, "Which partners matter most?")

    expect(open_now.locator("article.question").first).to_contain_text(
        "Which partners matter most?"
    )
    expect(open_now.locator("article.question")).to_have_count(2)
    later = ada.locator("article.question", has_text="Question 1 of National work?")
    expect(later).to_contain_text("Not part of this round")
    typing = open_now.get_by_label("Your note on question 1.1", exact=True)
    expect(typing).to_have_value("Mid-sentence")
    expect(typing).to_be_focused()

    # A question added to the round's section is part of the round at once: open, with its box.
    add_question(app, owner, workshop_id, "Who else should we ask?")
    expect(open_now.locator("article.question")).to_have_count(3)
    added = open_now.locator("article.question", has_text="Who else should we ask?")
    expect(added).not_to_contain_text("Not part of this round")
    added.get_by_role("textbox").fill("Ask the alumni")
    added.get_by_role("textbox").press("Enter")
    expect(added.locator("li.note", has_text="Ask the alumni")).to_contain_text("Saved")
    expect(typing).to_have_value("Mid-sentence")
