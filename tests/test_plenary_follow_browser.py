"""In Chromium: the facilitator curates the annex (merges two points, leaves one out) and shares
a section curated; another group sees the merged point and not the excluded one. Then, while a
raw share is on, a note one group writes appears live on the other group's page. And a
participant's dots placed on one device show at once on their second device."""

from playwright.sync_api import expect

from tests.annex_helpers import add_note
from tests.live_helpers import said_last
from tests.test_live_browser import (  # noqa: F401 (fixtures)
    note,
    open_dashboard,
    open_participant,
    write_note,
)
from tests.test_plenary_browser import dots_on, place_by_keyboard
from tests.test_room_browser import caught_up, in_room
from workshop.services import votes
from workshop.services.votes import VoteSettings


def curate(annex, question_id: int) -> None:
    """Merge the first two points of the question into one, and exclude the aside."""
    points = annex.locator(f"#question-{question_id}")
    points.get_by_label("Select point 1 for merging").check()
    points.get_by_label("Select point 2 for merging").check()
    points.get_by_role("button", name="Merge selected points").click()
    annex.get_by_label("Wording of the merged point").fill("Work with civil society and NGOs")
    annex.get_by_role("button", name="Merge", exact=True).click()
    expect(annex.get_by_text("The points are merged.")).to_be_visible()
    aside = points.locator("li.annex-point", has_text="An aside nobody needs")
    aside.get_by_role("button", name="Exclude").click()
    expect(annex.get_by_text("The point is excluded from the annex.")).to_be_visible()


def share(dashboard, source_label: str, section: bool) -> None:
    dashboard.locator("#share-form").get_by_label(source_label).check()
    target = dashboard.locator("#share-target")
    # The first option after "All questions" is the section; the question options follow.
    target.select_option(index=1 if section else 2)
    dashboard.get_by_role("button", name="Share", exact=True).click()


def test_a_curated_section_share_then_a_raw_share_that_follows_new_notes(
    app,
    live_server,
    live_workshop,
    open_participant,  # noqa: F811
    open_dashboard,  # noqa: F811
):
    facilitator, workshop_id = live_workshop(sections=("International work",), questions=2)
    add_note(app, workshop_id, "Work with civil society", group=0)
    add_note(app, workshop_id, "Cooperate with NGOs", group=1)
    add_note(app, workshop_id, "An aside nobody needs", group=1)
    dashboard_context, dashboard = open_dashboard(facilitator, workshop_id)
    _context, ada = open_participant(workshop_id, "Ada", "Group 1")
    _context, bo = open_participant(workshop_id, "Bo", "Group 2")
    caught_up(ada)
    caught_up(bo)

    annex = dashboard_context.new_page()
    annex.goto(f"{live_server.url}/workshops/{workshop_id}/annex")
    question_id = int(annex.locator("section.annex-question").first.get_attribute("id")[9:])
    curate(annex, question_id)

    share(dashboard, "The annex's curated points", section=True)
    expect(dashboard.locator("#share-now")).to_contain_text("the annex's points of")
    shared = bo.locator("#shared-section")
    expect(shared).to_contain_text("Work with civil society and NGOs")
    expect(shared).not_to_contain_text("An aside nobody needs")
    expect(shared.locator("ul.shared-points li")).to_have_count(1)
    # Merged from two groups' notes: under no single group's name.
    expect(shared.locator("section.shared-group h4")).to_have_text(
        ["Several groups or added in editing"]
    )
    # A section-wide share shows each of its questions, the one without points too.
    expect(shared.locator("section.shared-question")).to_have_count(2)

    # The annex edited again: the curated share follows it on the participants' pages.
    merged = annex.locator("li.annex-point", has_text="Work with civil society and NGOs")
    merged.get_by_role("button", name="Exclude").click()
    expect(annex.get_by_text("The point is excluded from the annex.")).to_be_visible()
    expect(shared).not_to_contain_text("Work with civil society and NGOs")
    expect(bo.locator("#announcer")).to_have_text(said_last("The shared points were updated."))

    # Now the notes as written: a new note of Group 1 reaches Group 2's page at once.
    share(dashboard, "The groups' notes as written", section=False)
    expect(shared).to_contain_text("Cooperate with NGOs")
    write_note(ada, "1", "Ask the ombudsman first")
    expect(note(ada, "Ask the ombudsman first")).to_contain_text("Saved")
    group_1 = shared.locator("section.shared-group", has=bo.get_by_role("heading", name="Group 1"))
    expect(group_1).to_contain_text("Ask the ombudsman first")
    expect(group_1).to_contain_text("Ada")  # a named workshop: authors shown
    expect(bo.locator("#announcer")).to_have_text(
        said_last("Group 1 added a point to what is shared.")
    )
    # Group 2's own notes list did not get it: it is only in what is shared.
    expect(bo.locator("li.note", has_text="Ask the ombudsman first")).to_have_count(0)


def test_dots_placed_on_one_device_show_on_the_participants_second_device(
    app,
    browser,
    live_server,
    make_workshop,
    open_participant,  # noqa: F811
):
    workshop_id = make_workshop(status="live", questions=1)
    add_note(app, workshop_id, "Universities", group=0)
    add_note(app, workshop_id, "The ombudsman", group=1)
    laptop_context, laptop = open_participant(workshop_id, "Ada", "Group 1")
    # The same person on a phone: the same session (the link they joined by, opened there).
    phone = browser.new_context(storage_state=laptop_context.storage_state()).new_page()
    phone.goto(laptop.url)
    caught_up(laptop)
    caught_up(phone)
    question_id = int(laptop.locator("form.composer").first.get_attribute("data-question-id"))
    in_room(app, workshop_id, votes.open_vote, VoteSettings("raw", "question", question_id))
    expect(phone.locator("#dots-left")).to_have_text("5 of 5 dots left")

    place_by_keyboard(laptop, "ombudsman", 2)
    expect(laptop.locator("#dots-left")).to_have_text("3 of 5 dots left")
    expect(dots_on(phone, "ombudsman")).to_contain_text("Your dots: 2")
    expect(phone.locator("#dots-left")).to_have_text("3 of 5 dots left")

    back = dots_on(phone, "ombudsman").get_by_role("button", name="Take back a dot")
    back.focus()
    back.press("Enter")
    expect(laptop.locator("#dots-left")).to_have_text("4 of 5 dots left")
    expect(dots_on(laptop, "ombudsman")).to_contain_text("Your dots: 1")
