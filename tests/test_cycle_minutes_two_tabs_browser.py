"""The minutes open in two tabs of one browser (they share one outbox, so either tab's page may
send what the other typed): each tab shows the text the server has, once it is not being typed
in, instead of going on showing an older text marked "Saved"."""

from playwright.sync_api import expect

from tests.live_helpers import facilitator_email, log_in_in_browser
from tests.minutes_page_helpers import make_meeting_with_agenda, minutes_item


def decision_of(page):
    card = page.locator(
        "li.minutes-item", has=page.get_by_role("heading", name="Approval of the agenda")
    )
    return card.get_by_label("Decision", exact=False).first


def test_a_field_left_in_one_tab_shows_what_the_other_tab_saved_over_it(
    app, browser, live_server, make_facilitator
):
    app.config["MINUTES_REFRESH_SECONDS"] = 1
    secretary = make_facilitator()
    meeting_id = make_meeting_with_agenda(app, secretary)
    context = browser.new_context()
    first = context.new_page()
    log_in_in_browser(first, live_server.url, facilitator_email(app, secretary))
    url = f"{live_server.url}/meetings/{meeting_id}/minutes/"
    first.goto(url)
    second = context.new_page()
    second.goto(url)
    decision = decision_of(first)
    decision.fill("The agenda was approved.")  # and the cursor stays in the field
    # The second tab shows it too (whichever tab's page sent it).
    expect(decision_of(second)).to_have_value("The agenda was approved.", timeout=10_000)
    # Now the second tab cannot reach the server: what is typed there is sent by the first tab,
    # which follows the same outbox.
    second.route("**/minutes/ops", lambda route: route.abort())
    decision_of(second).fill("The agenda was approved with one change.")
    decision_of(second).press("Tab")
    for _ in range(100):
        if minutes_item(app, meeting_id, "Approval of the agenda").decision.endswith("change."):
            break
        first.wait_for_timeout(100)
    assert (
        minutes_item(app, meeting_id, "Approval of the agenda").decision
        == "The agenda was approved with one change."
    )

    decision.press("Tab")  # the secretary leaves the field in the first tab
    expect(decision).to_have_value("The agenda was approved with one change.")
    context.close()
