"""Every important page passes axe-core's WCAG 2.1 A and AA rules in Chromium, filled with
realistic data: lists, tables and forms full, the live pages running (a started plan, a timer, a
share and an open vote), the edit forms, what participants and members read after the meeting
(a published annex with its vote's results, the members' page with an annex and minutes), the
participant's pages at a phone's size, forms showing their errors, and some pages in Danish.

axe-core is the copy in tests/vendor/axe-core (the app never serves it). One seeded world (made
in tests/accessibility_helpers.py), one logged-in facilitator and one joined participant serve the
whole module; every page gets a fresh browser context. The welcome and setup pages, shown only
before the first account exists, are checked on an empty app of their own. A failure lists each
rule broken: its id, impact, help and the elements.
"""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.accessibility_helpers import (
    AfterTheMeeting,
    World,
    first_member_id,
    first_question_id,
    outline_ids,
    publish_to_members,
    seed_published_workshop,
    seed_workshop,
    share_and_project,
)
from tests.conftest import DEFAULT_PASSWORD, LiveServer, app_on
from tests.live_helpers import add_note, join_in_browser, log_in_in_browser
from tests.meeting_pages_helpers import add_item_with_approved_annex, plan_series_meeting
from workshop.extensions import db
from workshop.models import Meeting, Participant
from workshop.services import accounts, topics

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
EMAIL = "fran@example.org"
PHONE = {"width": 390, "height": 844}


# --- the module's app, server and data ---


@pytest.fixture(scope="module")
def a11y_app(tmp_path_factory, postgres_test_url):
    """One app for the module: its pages only read, so one seeded world serves them all."""
    url = postgres_test_url or f"sqlite:///{tmp_path_factory.mktemp('a11y') / 'test.sqlite'}"
    with app_on(url) as app:
        yield app


@pytest.fixture(scope="module")
def world(a11y_app, browser):
    app = a11y_app
    server = LiveServer(app).start()
    with app.app_context():
        # No language of their own: the browser's is the page's (the Danish checks).
        owner_id = accounts.create_facilitator(EMAIL, "Fran Facilitator", DEFAULT_PASSWORD).id
    workshop_id, code = seed_workshop(app, owner_id)
    display_token = share_and_project(app, owner_id, workshop_id)
    planned = plan_series_meeting(app, owner_id)
    item_id = add_item_with_approved_annex(
        app, planned.meeting_id, owner_id, "Publish the figures monthly"
    )
    members_token, item_workshop_id = publish_to_members(app, owner_id, planned, item_id)
    # A second group, whose members' link the "members-link" page makes anew.
    other_series_id = plan_series_meeting(app, owner_id).series_id
    published_id, published_code, results_token = seed_published_workshop(app, owner_id)
    with app.app_context():
        meeting = db.session.get(Meeting, planned.meeting_id)
        topic_token = topics.submit_topic(
            meeting,
            {
                "submitter_name": "Aase Asyl",
                "department": "Asylum department",
                "title": "Waiting times",
                "description": "Shared figures on waiting times.",
                "purpose": "discussion",
            },
        ).token

    context = browser.new_context()
    page = context.new_page()
    log_in_in_browser(page, server.url, EMAIL)
    facilitator_state = context.storage_state()
    context.close()

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    join_in_browser(page, server.url, code, "Pia Participant")
    with app.app_context():
        participant_id = db.session.scalar(
            db.select(Participant.id).where(Participant.display_name == "Pia Participant")
        )
        question_id = first_question_id(workshop_id)
    add_note(app, workshop_id, participant_id, question_id, "Invite the ombudsman\n- early")
    join_in_browser(page, server.url, published_code, "Pia Participant")
    participant_state = context.storage_state()
    context.close()

    yield World(
        server.url,
        workshop_id,
        code,
        planned.series_id,
        planned.meeting_id,
        planned.submission_code,
        topic_token,
        *outline_ids(app, workshop_id),
        item_id,
        first_member_id(app, planned.series_id),
        other_series_id,
        display_token,
        AfterTheMeeting(
            published_id, published_code, results_token, members_token, item_workshop_id
        ),
        facilitator_state,
        participant_state,
    )
    for open_context in browser.contexts:
        open_context.close()
    server.stop()


# --- running axe ---


def axe_violations(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    return page.evaluate("options => axe.run(document, options)", options)["violations"]


def report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(json.dumps(part) for part in node["target"])
            lines.append(f"    {target}: {node['failureSummary']}".replace("\n", " / "))
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{report(violations)}"


# --- the pages ---


def online(page: Page) -> None:
    """Connected and caught up (said in the page's language: the state is read, not the word)."""
    expect(page.locator("#connection-state")).to_have_attribute("data-state", "online")


def participant_ready(page: Page) -> None:
    """Online, with the running step, its timer, the shared points and the open vote shown."""
    online(page)
    expect(page.locator("#timer .timer-time")).to_have_text(re.compile(r"^\d+:\d\d$"))
    expect(page.locator("#vote-points li.vote-point").first).to_be_visible()
    expect(page.locator("#shared-section")).to_be_visible()
    expect(page.locator("li.note", has_text="Invite the ombudsman")).to_be_visible()


def dashboard_ready(page: Page) -> None:
    online(page)
    expect(page.locator("#vote-totals")).to_be_attached()
    expect(page.locator("td.cell .cell-count").first).not_to_have_text("0")


def dashboard_cell_open(page: Page) -> None:
    """A cell opened: its notes, live, with the box to add one for the group."""
    dashboard_ready(page)
    page.locator("td.cell button").first.click()
    expect(page.locator("#detail")).to_be_visible()


def dashboard_questions_open(page: Page) -> None:
    """The panel of the questions opened: a lock for each and "bring everyone to" it."""
    dashboard_ready(page)
    page.locator("#questions-panel summary").click()
    expect(page.locator("#questions-panel .lock-button").first).to_be_visible()


def submit_empty(page: Page) -> None:
    """Send the page's form empty (its fields are checked by the server): errors are shown."""
    page.locator("main form[novalidate] button[type=submit]").first.click()
    expect(page.locator(".field-error, [aria-invalid=true]").first).to_be_visible()


def refused_login(page: Page) -> None:
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("The email address or the password is not correct.")).to_be_visible()


def submit_cleared(page: Page) -> None:
    """Clear the form's fields and send it: the required ones show their errors."""
    form = page.locator("main form[novalidate]").first
    for field in form.locator("input[type=text], input[type=date], textarea").all():
        field.fill("")
    submit_empty(page)


def merge_two_points(page: Page) -> None:
    """The secretary chooses two points of a question to merge: the wording to edit is shown."""
    merge = page.locator("form.merge-form").first
    form_id = merge.get_attribute("id")
    page.locator(f"input[name=point_ids][form='{form_id}']").nth(0).check()
    page.locator(f"input[name=point_ids][form='{form_id}']").nth(1).check()
    merge.locator("button").click()
    expect(page.locator("main form textarea")).to_be_visible()


def create_members_link(page: Page) -> None:
    """The coordinator makes the members' link: it is shown once, on a page of its own."""
    page.locator("form[action$='/members-link'] button").click()
    expect(page.locator("#members-link-url")).to_be_visible()


def nothing(_page: Page) -> None:
    pass


OUTLINE = "/workshops/{w.workshop_id}/outline"
DASHBOARD = "/workshops/{w.workshop_id}/live"
GROUP = "/workshops/{w.workshop_id}/groups/{w.group_id}/questions"
MEMBER = "/series/{w.series_id}/members/{w.member_id}"
ITEM = "/meetings/{w.meeting_id}/items/{w.item_id}"
# The error page (a members' link that does not work, as one mistyped or revoked).
NOT_FOUND = "/members/no-such-link"
MEMBERS = "/members/{w.after.members_token}"


# (id, who, path (formatted with the world), what to do or wait for before axe runs)
PAGES = [
    ("login", None, "/login", nothing),
    ("login-refused", None, "/login", refused_login),
    ("workshops", "facilitator", "/workshops", nothing),
    ("new-workshop-error", "facilitator", "/workshops/new", submit_empty),
    ("workshop-home", "facilitator", "/workshops/{w.workshop_id}", nothing),
    ("outline", "facilitator", "/workshops/{w.workshop_id}/outline", nothing),
    ("groups", "facilitator", "/workshops/{w.workshop_id}/groups", nothing),
    ("participants", "facilitator", "/workshops/{w.workshop_id}/participants", nothing),
    ("plan", "facilitator", "/workshops/{w.workshop_id}/plan", nothing),
    ("annex", "facilitator", "/workshops/{w.workshop_id}/annex", nothing),
    ("dashboard", "facilitator", "/workshops/{w.workshop_id}/live", dashboard_ready),
    ("dashboard-cell", "facilitator", "/workshops/{w.workshop_id}/live", dashboard_cell_open),
    ("dashboard-questions", "facilitator", DASHBOARD, dashboard_questions_open),
    ("projector", "facilitator", "/workshops/{w.workshop_id}/projector", online),
    ("display", None, "/display/{w.display_token}", online),
    ("join", None, "/j/{w.join_code}", nothing),
    ("join-error", None, "/j/{w.join_code}", submit_empty),
    ("participant", "participant", "/w/{w.workshop_id}", participant_ready),
    ("series", "facilitator", "/series/{w.series_id}", nothing),
    ("meeting", "facilitator", "/meetings/{w.meeting_id}", nothing),
    ("notice", "facilitator", "/meetings/{w.meeting_id}/notice", nothing),
    ("topics-review", "facilitator", "/meetings/{w.meeting_id}/topics", nothing),
    ("topics-send-in", None, "/submit/{w.submission_code}", nothing),
    ("topics-send-in-error", None, "/submit/{w.submission_code}", submit_empty),
    ("topic-status", None, "/topic/{w.topic_token}", nothing),
    ("account", "facilitator", "/account", nothing),
    ("minutes", "facilitator", "/meetings/{w.meeting_id}/minutes/", online),
    # The edit forms and the pages around them.
    ("workshop-edit", "facilitator", "/workshops/{w.workshop_id}/edit", nothing),
    ("workshop-edit-error", "facilitator", "/workshops/{w.workshop_id}/edit", submit_cleared),
    ("workshop-sharing", "facilitator", "/workshops/{w.workshop_id}/sharing", nothing),
    ("workshop-duplicate", "facilitator", "/workshops/{w.workshop_id}/duplicate", nothing),
    ("workshop-delete", "facilitator", "/workshops/{w.workshop_id}/delete", nothing),
    ("section-edit", "facilitator", OUTLINE + "/sections/{w.section_id}", nothing),
    ("section-edit-error", "facilitator", OUTLINE + "/sections/{w.section_id}", submit_cleared),
    ("question-edit", "facilitator", OUTLINE + "/questions/{w.question_id}", nothing),
    ("question-edit-error", "facilitator", OUTLINE + "/questions/{w.question_id}", submit_cleared),
    ("annex-merge", "facilitator", "/workshops/{w.workshop_id}/annex", merge_two_points),
    ("group-edit", "facilitator", GROUP, nothing),
    ("join-sheet", "facilitator", "/workshops/{w.workshop_id}/join-sheet", nothing),
    ("enter-join-code", None, "/join", nothing),
    ("enter-join-code-error", None, "/join", submit_empty),
    ("enter-submission-code", None, "/submit", nothing),
    ("enter-submission-code-error", None, "/submit", submit_empty),
    ("all-series", "facilitator", "/series", nothing),
    ("series-new", "facilitator", "/series/new", nothing),
    ("series-edit", "facilitator", "/series/{w.series_id}/edit", nothing),
    ("series-edit-error", "facilitator", "/series/{w.series_id}/edit", submit_cleared),
    ("series-delete", "facilitator", "/series/{w.series_id}/delete", nothing),
    ("member-edit", "facilitator", MEMBER, nothing),
    ("member-edit-error", "facilitator", MEMBER, submit_cleared),
    ("standing-items", "facilitator", "/series/{w.series_id}/standing-items", nothing),
    ("members-link", "facilitator", "/series/{w.other_series_id}", create_members_link),
    ("meeting-new", "facilitator", "/meetings/new?series_id={w.series_id}", nothing),
    ("meeting-edit", "facilitator", "/meetings/{w.meeting_id}/edit", nothing),
    ("meeting-edit-error", "facilitator", "/meetings/{w.meeting_id}/edit", submit_cleared),
    ("meeting-delete", "facilitator", "/meetings/{w.meeting_id}/delete", nothing),
    ("meeting-next", "facilitator", "/meetings/{w.meeting_id}/next", nothing),
    ("item-edit", "facilitator", ITEM, nothing),
    ("item-edit-error", "facilitator", ITEM, submit_cleared),
    ("end-all-sessions", "facilitator", "/account/sessions/end-all", nothing),
    # After the meeting: what participants and members read.
    ("participant-after", "participant", "/w/{w.after.workshop_id}", online),
    ("published-annex", "participant", "/w/{w.after.workshop_id}/annex", nothing),
    ("annex-published", "facilitator", "/workshops/{w.after.workshop_id}/annex", nothing),
    ("dashboard-results", "facilitator", "/workshops/{w.after.workshop_id}/live", online),
    ("projector-results", "facilitator", "/workshops/{w.after.workshop_id}/projector", online),
    ("results", None, "/results/{w.after.results_token}", nothing),
    ("members-page", None, MEMBERS, nothing),
    ("members-annex", None, MEMBERS + "/annexes/{w.after.item_workshop_id}", nothing),
    ("members-minutes", None, MEMBERS + "/minutes/{w.meeting_id}", nothing),
    ("not-found", None, NOT_FOUND, nothing),
]
# Checked in Danish too (the browser asks for it): the participant's page on a phone, a form's
# error, facilitators' pages and a form (where a translated name can lose the visible words), and
# what participants and members read afterwards.
DANISH = (
    "participant",
    "join-error",
    "workshop-home",
    "account",
    "dashboard-questions",
    "meeting-edit",
    "published-annex",
    "members-page",
)
# Checked at a phone's size too (the participant's pages always are): the pages opened from a link
# a member or participant may well open on their phone, and pages whose tables are read row by
# row there (a table's roles and its cells' shown labels).
ON_A_PHONE = (
    "results",
    "members-page",
    "enter-join-code",
    "workshops",
    "account",
    "participants",
    "annex-published",
)


# The documents (an annex or the minutes as HTML) come with a policy that lets no script run:
# only axe is let in past it.
DOCUMENTS = ("members-annex", "members-minutes")


def case(page: tuple, locale: str, suffix: str = "", viewport: dict | None = None):
    who, path, ready = page[1:]
    options = {
        "locale": locale,
        "viewport": PHONE if who == "participant" else viewport,
        "bypass_csp": page[0] in DOCUMENTS,
    }
    return pytest.param(who, path, ready, options, id=page[0] + suffix)


CASES = (
    [case(page, "en") for page in PAGES]
    + [case(page, "da-DK", "-da") for page in PAGES if page[0] in DANISH]
    + [case(page, "en", "-phone", PHONE) for page in PAGES if page[0] in ON_A_PHONE]
)


@pytest.mark.parametrize(("who", "path", "ready", "options"), CASES)
def test_page_has_no_accessibility_violations(browser, world: World, who, path, ready, options):
    state = {"facilitator": world.facilitator_state, "participant": world.participant_state}
    context = browser.new_context(storage_state=state.get(who), **options)
    try:
        page = context.new_page()
        response = page.goto(world.url + path.format(w=world))
        expected = 404 if path == NOT_FOUND else 200
        assert response is not None and response.status == expected, f"{path}: {response.status}"
        ready(page)
        assert_accessible(page)
    finally:
        context.close()


# --- before the first account: the welcome and setup pages (their own empty app) ---


def welcome_shown(page: Page) -> None:
    expect(page.locator("main a[href='/setup']").first).to_be_visible()


def setup_form_shown(page: Page) -> None:
    expect(page.locator("main form[novalidate] input[type=password]").first).to_be_visible()


FIRST_RUN = (
    pytest.param("/", welcome_shown, "en", None, id="welcome"),
    pytest.param("/", welcome_shown, "da-DK", None, id="welcome-da"),
    pytest.param("/", welcome_shown, "nb-NO", PHONE, id="welcome-nb-phone"),
    pytest.param("/setup", setup_form_shown, "en", None, id="setup"),
    pytest.param("/setup", submit_empty, "da-DK", None, id="setup-errors-da"),
    pytest.param("/setup", submit_empty, "en", PHONE, id="setup-errors-phone"),
)


@pytest.mark.parametrize(("path", "ready", "locale", "viewport"), FIRST_RUN)
def test_first_run_page_has_no_accessibility_violations(
    browser, live_server, path, ready, locale, viewport
):
    context = browser.new_context(locale=locale, viewport=viewport)
    try:
        page = context.new_page()
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, f"{path}: {response.status}"
        ready(page)
        assert_accessible(page)
    finally:
        context.close()
