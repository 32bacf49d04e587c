"""In Chromium: a department representative sends in a topic by the meeting's link and sees it
accepted once the coordinator accepts it; the members' page shows the published annex."""

import re

from playwright.sync_api import expect

from tests.live_helpers import log_in_in_browser
from tests.meeting_pages_helpers import add_item_with_approved_annex, plan_series_meeting


def test_representative_sends_in_a_topic_and_sees_it_accepted_by_the_coordinator(
    app, browser, live_server, make_facilitator
):
    email = "coordinator@example.org"
    planned = plan_series_meeting(app, make_facilitator(email=email))
    app.config["TOPIC_STATUS_REFRESH_SECONDS"] = 1

    representative = browser.new_context().new_page()
    representative.goto(f"{live_server.url}/submit/{planned.submission_code}")
    expect(representative.get_by_role("heading", name="Network meeting 1/2027")).to_be_visible()
    representative.get_by_label("Your name").fill("Rune Opphold")
    representative.get_by_label("Your department or organisation").fill("Residence department")
    representative.get_by_label("Topic", exact=True).fill("Shared <b>waiting</b> times")
    representative.get_by_label("Short description").fill("Can we compare the figures?")
    representative.get_by_label("Decision").check()
    representative.get_by_role("button", name="Send in the topic").press("Enter")
    expect(representative.get_by_text("Thank you: your topic is sent in.")).to_be_visible()
    expect(
        representative.get_by_role("heading", name="Shared <b>waiting</b> times")
    ).to_be_visible()
    status = representative.locator("#topic-status")
    expect(status).to_have_text("Submitted")

    coordinator = browser.new_context().new_page()
    log_in_in_browser(coordinator, live_server.url, email)
    coordinator.goto(f"{live_server.url}/meetings/{planned.meeting_id}")
    coordinator.get_by_role("link", name="Review the topics").click()
    topic = coordinator.locator("article.topic", has_text="Shared <b>waiting</b> times")
    expect(topic).to_contain_text("Rune Opphold, Residence department")
    topic.get_by_role("button", name="Accept as a new item").focus()
    coordinator.keyboard.press("Enter")
    expect(
        coordinator.get_by_text("The topic is accepted as a new item of the agenda.")
    ).to_be_visible()

    # The representative's page shows the decision without a reload, and announces it.
    expect(status).to_have_text("Accepted")
    # After the three standing items at the start, before "Any other business".
    expect(representative.locator("#topic-announcer")).to_have_text(
        "Accepted. Your topic is item 4 on the agenda."
    )
    expect(representative.get_by_role("heading", name="Edit your topic")).to_have_count(0)
    expect(representative.get_by_text("The topic can no longer be edited")).to_be_visible()

    # The coordinator moves it up by keyboard; focus stays with the moved item.
    coordinator.goto(f"{live_server.url}/meetings/{planned.meeting_id}")
    item = coordinator.locator("li.agenda-item", has_text="Shared <b>waiting</b> times")
    expect(item.get_by_role("heading")).to_contain_text("4.")
    item.get_by_role("button", name=re.compile("^Move up")).focus()
    coordinator.keyboard.press("Enter")
    expect(coordinator.get_by_text("Moved up.")).to_be_visible()
    expect(item.get_by_role("heading")).to_contain_text("3.")
    expect(item).to_be_focused()
    expect(representative.locator("#topic-announcer")).to_have_text(
        "Accepted. Your topic is item 3 on the agenda."
    )

    # Said, and gone after a while: not to be come upon long after by a screen-reader user.
    representative.clock.install()  # its words' timers from now on run on the page's own time
    item.get_by_role("button", name=re.compile("^Move down")).focus()
    coordinator.keyboard.press("Enter")
    expect(representative.locator("#topic-status-card")).to_contain_text("item 4")
    representative.clock.run_for(1_000)
    announced = representative.locator("#topic-announcer")
    expect(announced).to_have_text("Accepted. Your topic is item 4 on the agenda.")
    representative.clock.run_for(8_000)
    expect(announced).to_have_text("Accepted. Your topic is item 4 on the agenda.")
    representative.clock.run_for(3_000)
    expect(announced).to_be_empty()


def test_members_page_shows_the_published_meeting_and_its_approved_annex(
    app, browser, live_server, make_facilitator
):
    email = "secretary@example.org"
    owner = make_facilitator(email=email)
    planned = plan_series_meeting(app, owner)
    add_item_with_approved_annex(app, planned.meeting_id, owner, "Publish the figures monthly")

    coordinator = browser.new_context().new_page()
    log_in_in_browser(coordinator, live_server.url, email)
    coordinator.goto(f"{live_server.url}/meetings/{planned.meeting_id}")
    coordinator.get_by_role("button", name="Publish to the members").click()
    expect(
        coordinator.get_by_text("The meeting is published on the members' page.")
    ).to_be_visible()
    coordinator.goto(f"{live_server.url}/series/{planned.series_id}")
    coordinator.get_by_role("button", name="Create the members' link").click()
    members_link = coordinator.locator("#members-link-url").get_attribute("href")
    assert members_link

    member = browser.new_context().new_page()
    member.goto(members_link)
    expect(member.get_by_role("heading", name="Migration network")).to_be_visible()
    expect(member.get_by_role("heading", name="Network meeting 1/2027")).to_be_visible()
    expect(member.get_by_text("aase@example.org")).to_have_count(0)
    annex_item = member.locator("li.agenda-item", has_text="Shared waiting-time figures")
    annex_item.get_by_role("link", name=re.compile(r"^Read the annex")).click()
    expect(member.get_by_text("Publish the figures monthly")).to_be_visible()


def test_the_moves_an_item_cannot_make_are_disabled_and_look_it(
    app, browser, live_server, make_facilitator
):
    email = "coordinator@example.org"
    planned = plan_series_meeting(app, make_facilitator(email=email))
    page = browser.new_context().new_page()
    log_in_in_browser(page, live_server.url, email)
    page.goto(f"{live_server.url}/meetings/{planned.meeting_id}")
    items = page.locator("li.agenda-item")
    first_up = items.first.get_by_role("button", name=re.compile("^Move up"))
    second_up = items.nth(1).get_by_role("button", name=re.compile("^Move up"))
    last_down = items.last.get_by_role("button", name=re.compile("^Move down"))

    expect(first_up).to_be_disabled()
    expect(last_down).to_be_disabled()
    expect(second_up).to_be_enabled()
    # Drawn faded, not like the buttons that work (the meeting page had no such style).
    assert opacity(first_up) == opacity(last_down) == 0.5
    assert opacity(second_up) == 1


def opacity(locator) -> float:
    return float(locator.evaluate("element => getComputedStyle(element).opacity"))
