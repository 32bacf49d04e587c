"""In Chromium at a phone's width (390 px): a topic sent in with a list in its description and a
long word in its title reads as typed, line by line, on the coordinator's page and on the
submitter's personal link, and neither page is wider than the phone. An indented "  - " sub-point
of a topic's or an agenda item's description stays indented, as in the minutes and Word."""

from playwright.sync_api import expect

from tests.live_helpers import log_in_in_browser
from tests.meeting_pages_helpers import plan_series_meeting
from workshop.extensions import db
from workshop.models import Meeting
from workshop.services import agenda

PHONE = {"width": 390, "height": 844}
LONG_WORD = "Søknadsbehandlingseffektiviseringsprosjektgjennomføringsplanleggingsarbeidsgruppe"
DESCRIPTION = "Vi ønsker å drøfte:\n- ventetid på mottak\n  - særlig for barn\n- språkhjelp"
LINK = "https://example.no/en/veldig/lang/lenke/uten/mellomrom/som/går/over/hele/skjermen/æøå"


def page_width(page) -> int:
    # Measured once the page's stylesheets apply: after a form's redirect its text can be on the
    # page before them (seen under load: 1,195 px, the long word unbroken).
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollWidth")


def left_of(box, words: str) -> float:
    """Where on the screen `words` begin inside `box` (its first character's left edge)."""
    return box.evaluate(
        """(box, words) => {
          const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(words);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + 1);
            return range.getBoundingClientRect().left;
          }
          throw new Error(`no "${words}" in the box`);
        }""",
        words,
    )


def assert_sub_point_indented(box) -> None:
    # It stood flush with "- ventetid", its two leading spaces collapsed (white-space: pre-line).
    assert left_of(box, "- særlig for barn") > left_of(box, "- ventetid på mottak") + 4


def test_a_topics_lines_and_long_words_fit_a_phone_for_submitter_and_coordinator(
    app, browser, live_server, make_facilitator
):
    email = "coordinator@example.org"
    planned = plan_series_meeting(app, make_facilitator(email=email), language="nb")

    representative = browser.new_context(viewport=PHONE, locale="nb-NO").new_page()
    representative.goto(f"{live_server.url}/submit/{planned.submission_code}")
    representative.get_by_label("Navnet ditt").fill("Åse Ødegård")
    representative.get_by_label("Din avdeling eller organisasjon").fill("Asylavdelingen")
    representative.get_by_label("Sak", exact=True).fill(LONG_WORD)
    representative.get_by_label("Kort beskrivelse").fill(f"{DESCRIPTION}\nSe {LINK}")
    representative.get_by_role("button", name="Send inn saken").click()
    expect(representative.get_by_text("Takk: saken din er sendt inn.")).to_be_visible()
    assert page_width(representative) <= PHONE["width"]

    coordinator = browser.new_context(viewport=PHONE).new_page()
    log_in_in_browser(coordinator, live_server.url, email)
    coordinator.goto(f"{live_server.url}/meetings/{planned.meeting_id}/topics")
    topic = coordinator.locator("article.topic", has_text=LONG_WORD)
    # The list is shown as the submitter typed it, one point a line, not run together.
    expect(topic.locator(".pre-line")).to_have_text(f"{DESCRIPTION}\nSe {LINK}")
    assert topic.locator(".pre-line").inner_text().startswith(DESCRIPTION)
    assert_sub_point_indented(topic.locator(".pre-line"))
    assert page_width(coordinator) <= PHONE["width"]


def test_an_agenda_items_sub_point_stays_indented_and_its_link_wraps_on_a_phone(
    app, browser, live_server, make_facilitator
):
    email = "coordinator@example.org"
    planned = plan_series_meeting(app, make_facilitator(email=email), language="nb")
    with app.app_context():
        meeting = db.session.get(Meeting, planned.meeting_id)
        fields = {"title": "Ventetid", "description": f"{DESCRIPTION}\nSe {LINK}"}
        agenda.add_item(meeting, fields)

    coordinator = browser.new_context(viewport=PHONE).new_page()
    log_in_in_browser(coordinator, live_server.url, email)
    coordinator.goto(f"{live_server.url}/meetings/{planned.meeting_id}")
    description = coordinator.locator(".pre-line", has_text="Vi ønsker å drøfte:")
    expect(description).to_be_visible()
    assert_sub_point_indented(description)
    # The link has no spaces: it still breaks where it must, inside the phone's width.
    box = description.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    assert page_width(coordinator) <= PHONE["width"]
