"""Helpers for the live pages' tests: putting people into sessions and browsers, adding notes."""

import re
import time
import uuid

import flask
from playwright.sync_api import Page

from tests.conftest import DEFAULT_PASSWORD
from workshop.extensions import db
from workshop.models import Facilitator, Group, Participant, Question, Workshop
from workshop.participant_session import remember_participant
from workshop.services import notes


def participant_session(app, workshop_id: int, participant_id: int) -> dict:
    """The session a browser has after joining, made by the joining code itself."""
    with app.test_request_context():
        remember_participant(workshop_id, participant_id)
        return dict(flask.session)


def enter_as_participant(client, app, workshop_id: int, participant_id: int):
    """Make the test client the browser of that participant (for tests not about joining)."""
    with client.session_transaction() as session:
        session.update(participant_session(app, workshop_id, participant_id))
    return client


def question_ids(app, workshop_id: int) -> list[int]:
    with app.app_context():
        return list(
            db.session.scalars(
                db.select(Question.id)
                .where(Question.workshop_id == workshop_id)
                .order_by(Question.section_id, Question.position)
            )
        )


def group_ids(app, workshop_id: int) -> list[int]:
    with app.app_context():
        return list(
            db.session.scalars(
                db.select(Group.id).where(Group.workshop_id == workshop_id).order_by(Group.position)
            )
        )


def join_code(app, workshop_id: int) -> str:
    with app.app_context():
        return db.session.get(Workshop, workshop_id).join_code


def add_note(app, workshop_id: int, participant_id: int, question_id: int, text: str) -> str:
    """A note written by a participant, through the notes service (as the socket handler does)."""
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        participant = db.session.get(Participant, participant_id)
        note_id = str(uuid.uuid4())
        notes.add_note(workshop, participant, note_id, question_id, text)
        return note_id


def facilitator_email(app, facilitator_id: int) -> str:
    with app.app_context():
        return db.session.get(Facilitator, facilitator_id).email


# --- in a real browser ---


def join_in_browser(page: Page, base_url: str, code: str, name: str, group: str = "Group 1"):
    """Join through the real join link, as a participant scanning the QR code would."""
    page.goto(f"{base_url}/j/{code}")
    page.get_by_label("Your name").fill(name)
    page.get_by_label(group, exact=True).check()
    page.get_by_role("button", name="Join").click()
    page.wait_for_url(re.compile(r"/w/\d+$"))
    return page


def log_in_in_browser(page: Page, base_url: str, email: str, password: str = DEFAULT_PASSWORD):
    page.goto(f"{base_url}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login" not in url)  # logged in: sent on from the form
    return page


def wait_for_events(page: Page, condition, what: str, seconds: float = 10) -> None:
    """Wait until condition() holds, letting Playwright deliver the page's events meanwhile (a
    plain sleep would not: events reach Python handlers only while Playwright has control)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not seen in {seconds} s: {what}"
        page.wait_for_timeout(50)


def said_last(sentence: str) -> re.Pattern:
    """What a page's announcer holds once `sentence` was said: news of the room arriving within a
    moment is said together, in order (static/js/live-ui.js), so other news may stand before it."""
    return re.compile(rf"(^|\s){re.escape(sentence)}$")
