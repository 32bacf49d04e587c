"""In Chromium: with sections that are not numbered, every field and button on the participant's
page and the dashboard names its question once ("question 2.1"), not "question 1" twice."""

from playwright.sync_api import expect

from tests.test_live_browser import (  # noqa: F401 (fixtures)
    open_dashboard,
    open_participant,
    write_note,
)


def test_the_pages_name_each_question_of_unnumbered_sections_once(
    live_workshop,
    open_participant,  # noqa: F811
    open_dashboard,  # noqa: F811
):
    facilitator, workshop_id = live_workshop(
        sections=("International work", "National work"), questions=2
    )
    _context, ada = open_participant(workshop_id, "Ada")
    for name, text in (
        ("1.1", "Question 1 of International work?"),
        ("2.1", "Question 1 of National work?"),
    ):
        box = ada.get_by_role("textbox", name=f"Your note on question {name}", exact=True)
        expect(box).to_have_count(1)
        expect(ada.locator("article.question", has=box)).to_contain_text(text)
        expect(ada.get_by_role("list", name=f"Notes on question {name}", exact=True)).to_have_count(
            1
        )
    expect(ada.get_by_role("textbox", name="Your note on question 1", exact=True)).to_have_count(0)

    _context, dashboard = open_dashboard(facilitator, workshop_id)
    write_note(ada, "2.1", "Ask the foundations")
    expect(dashboard.get_by_role("button", name="Group 1, question 2.1")).to_contain_text("1")
    heads = dashboard.locator("#matrix thead button")
    expect(heads).to_have_count(4)
    expect(heads.nth(2)).to_have_accessible_name(
        "Question 2.1 Question 1 of National work? — every group"
    )
    panel = dashboard.locator("#questions-panel")
    panel.locator("summary").click()
    expect(panel.get_by_role("button", name="Lock question 2.1", exact=True)).to_have_count(1)
    expect(panel.get_by_role("button", name="Lock question 1", exact=True)).to_have_count(0)

    # The plenary lists every question, each shown on the projector by its own button.
    dashboard.get_by_role("button", name="Start the plan").click()
    dashboard.get_by_role("button", name="Go here: step 3, Feedback in plenary").click()
    plenary = dashboard.get_by_role("list", name="Questions of the plenary")
    show = plenary.get_by_role("button", name="Show question 2.1 on the projector", exact=True)
    expect(show).to_have_count(1)
    show.click()
    expect(plenary.locator("li[aria-current]")).to_contain_text("Question 1 of National work?")
