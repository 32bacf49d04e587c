"""A participant's page catching up in Chromium: status changes replayed by `changes:since` are
said only where they ended — nothing when the workshop is as the page left it, once when not."""

from playwright.sync_api import expect

from tests.test_live_browser import open_participant  # noqa: F401 (fixture)
from tests.test_room_browser import RECORD_ANNOUNCEMENTS, caught_up, in_room
from workshop.services.lifecycle import change_status

OPENED = "The workshop is live: you can add notes now."
REOPENED = "The workshop is open for notes again."


def away_while(app, workshop_id: int, context, page, *statuses: str) -> list[str]:
    """The participant goes offline, the workshop moves through `statuses`, they come back: what
    the page's announcer said once it had caught up."""
    caught_up(page)
    context.set_offline(True)
    expect(page.locator("#connection-state")).to_have_text("Offline")
    for status in statuses:
        in_room(app, workshop_id, change_status, status)
    page.evaluate(RECORD_ANNOUNCEMENTS)
    context.set_offline(False)
    caught_up(page)
    page.wait_for_timeout(1000)  # news waits a moment for more news before it is said
    return page.evaluate("window.heard")


def test_workshop_closed_and_reopened_while_away_is_no_news_when_back(
    app,
    make_workshop,
    open_participant,  # noqa: F811
):
    workshop_id = make_workshop(status="live", questions=1)
    context, ada = open_participant(workshop_id, "Ada")

    heard = away_while(app, workshop_id, context, ada, "closed", "live")

    assert not [words for words in heard if REOPENED in words or OPENED in words]
    expect(ada.locator("#closed-banner")).to_be_hidden()
    expect(ada.get_by_label("Your note on question 1", exact=True)).to_be_enabled()


def test_workshop_opened_while_away_is_said_once_when_back(
    app,
    make_workshop,
    open_participant,  # noqa: F811
):
    workshop_id = make_workshop(status="draft", questions=1)
    context, ada = open_participant(workshop_id, "Ada")
    expect(ada.locator("#closed-banner")).to_be_visible()

    heard = away_while(app, workshop_id, context, ada, "live", "closed", "live")

    assert sum(words.count(OPENED) + words.count(REOPENED) for words in heard) == 1
    assert any(OPENED in words for words in heard)
    expect(ada.locator("#closed-banner")).to_be_hidden()
