"""Every important page passes axe-core's WCAG 2.1 A and AA rules in Chromium, filled with
realistic data: lists, tables and forms full, the live pages running (a started plan, a timer, a
share and an open vote), the participant's page at a phone's size, forms showing their errors,
and some pages in Danish.

axe-core is the copy in tests/vendor/axe-core (the app never serves it). One seeded world, one
logged-in facilitator and one joined participant serve the whole module; every page gets a fresh
browser context. A failure lists each rule broken: its id, impact, help and the elements.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import DEFAULT_PASSWORD, LiveServer, app_on
from tests.live_helpers import add_note, join_in_browser, log_in_in_browser
from tests.meeting_pages_helpers import add_item_with_approved_annex, plan_series_meeting
from workshop.annex.versions import approve_annex
from workshop.extensions import db
from workshop.models import Facilitator, Meeting, Participant, Question, Workshop
from workshop.services import accounts, demo, live, room, shares, topics, votes
from workshop.services.votes import VoteSettings

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
EMAIL = "fran@example.org"
PHONE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class World:
    """The seeded data's ids and links, and the browser states of the people who use them."""

    url: str
    workshop_id: int
    join_code: str
    series_id: int
    meeting_id: int
    submission_code: str
    topic_token: str
    facilitator_state: dict
    participant_state: dict


# --- the module's app, server and data ---


@pytest.fixture(scope="module")
def a11y_app(tmp_path_factory, postgres_test_url):
    """One app for the module: its pages only read, so one seeded world serves them all."""
    url = postgres_test_url or f"sqlite:///{tmp_path_factory.mktemp('a11y') / 'test.sqlite'}"
    with app_on(url) as app:
        yield app


def first_question_id(workshop_id: int) -> int:
    return db.session.scalar(
        db.select(Question.id)
        .where(Question.workshop_id == workshop_id)
        .order_by(Question.section_id, Question.position)
    )


def seed_workshop(app, owner_id: int) -> tuple[int, str]:
    """The demo workshop (three groups, nine participants, notes), its plan started with a
    timer, question 1's notes shared and a vote open on them; its annex approved."""
    with app.app_context():
        workshop = demo.load_demo(owner_id)
        workshop_id = workshop.id
        first_question = first_question_id(workshop_id)

        def in_room(action, *args):
            workshop = db.session.get(Workshop, workshop_id)
            return live.write_live(workshop_id, lambda: action(workshop, *args))

        in_room(room.start_plan)
        in_room(room.start_timer, 600)
        in_room(shares.set_share, "raw", "question", first_question)
        settings = VoteSettings(source="raw", scope="question", target_id=first_question)
        in_room(votes.open_vote, settings)
        workshop = db.session.get(Workshop, workshop_id)
        approve_annex(workshop, db.session.get(Facilitator, owner_id))
        return workshop_id, workshop.join_code


@pytest.fixture(scope="module")
def world(a11y_app, browser):
    app = a11y_app
    server = LiveServer(app).start()
    with app.app_context():
        # No language of their own: the browser's is the page's (the Danish checks).
        owner_id = accounts.create_facilitator(EMAIL, "Fran Facilitator", DEFAULT_PASSWORD).id
    workshop_id, code = seed_workshop(app, owner_id)
    planned = plan_series_meeting(app, owner_id)
    add_item_with_approved_annex(app, planned.meeting_id, owner_id, "Publish the figures monthly")
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
    expect(page.locator("#connection-state")).to_have_text("Online")


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


def submit_empty(page: Page) -> None:
    """Send the page's form empty (its fields are checked by the server): errors are shown."""
    page.locator("main form[novalidate] button[type=submit]").first.click()
    expect(page.locator(".field-error, [aria-invalid=true]").first).to_be_visible()


def refused_login(page: Page) -> None:
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("The email address or the password is not correct.")).to_be_visible()


def nothing(_page: Page) -> None:
    pass


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
    ("projector", "facilitator", "/workshops/{w.workshop_id}/projector", online),
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
]
# Checked in Danish too (the browser asks for it): the participant's page on a phone, a form's
# error, and a facilitator's page.
DANISH = ("participant", "join-error", "workshop-home")
CASES = [pytest.param(*page[1:], "en", id=page[0]) for page in PAGES] + [
    pytest.param(*page[1:], "da-DK", id=f"{page[0]}-da") for page in PAGES if page[0] in DANISH
]


@pytest.mark.parametrize(("who", "path", "ready", "locale"), CASES)
def test_page_has_no_accessibility_violations(browser, world: World, who, path, ready, locale):
    state = {"facilitator": world.facilitator_state, "participant": world.participant_state}
    context = browser.new_context(
        storage_state=state.get(who),
        locale=locale,
        viewport=PHONE if who == "participant" else None,
    )
    try:
        page = context.new_page()
        response = page.goto(world.url + path.format(w=world))
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        ready(page)
        assert_accessible(page)
    finally:
        context.close()
