"""Sending the notice by e-mail through a real SMTP server started by the test (aiosmtpd):
every member with an address gets one message with the .ics; a re-send is an update of the same
event; with the server down or refusing, nothing is marked sent that was not."""

import email
import email.policy

import icalendar
import pytest
from aiosmtpd.controller import Controller

from tests.conftest import free_port
from tests.notice_helpers import make_network_meeting, meeting_row, notice_app
from tests.workshops_helpers import api_as, post_form, text_of
from workshop.extensions import db
from workshop.models import Facilitator
from workshop.services.meetings import create_meeting


class Mailbox:
    """An aiosmtpd handler that keeps every message it accepts, and refuses the addresses and
    messages it is told to."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.refused_addresses: set[str] = set()
        self.refuse_data = False
        self.fail_after: int | None = None  # accept this many messages, then fail

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused_addresses:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_data:
            return "554 5.7.1 Message rejected as spam"
        if self.fail_after is not None and len(self.messages) >= self.fail_after:
            return "451 4.3.0 Mail server temporarily out of disk space"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        return [message for message in self.messages if address in message["To"]]


@pytest.fixture
def mailbox():
    return Mailbox()


@pytest.fixture
def smtp_port(mailbox):
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port
    controller.stop()


def smtp_settings(port: int) -> dict:
    return {
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": port,
        "SMTP_STARTTLS": False,
        "SMTP_FROM": "Koordinator <nettverk@example.org>",
        "SMTP_TIMEOUT_SECONDS": 5,
    }


@pytest.fixture
def app(database_url, smtp_port):
    with notice_app(database_url, **smtp_settings(smtp_port)) as app:
        yield app


@pytest.fixture
def api(app, client, owner):
    return api_as(app, client, owner, **{"Accept-Language": "en"})


@pytest.fixture
def meeting_id(app, owner):
    return make_network_meeting(app, owner)


def calendar_of(message) -> icalendar.Event:
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_filename() == "nettverksmoete-1-2026-innkalling.ics"
    [event] = icalendar.Calendar.from_ical(attachment.get_content()).walk("VEVENT")
    return event


def send(api, meeting_id):
    return api("post", f"/meetings/{meeting_id}/notice/send")


def test_every_member_with_an_email_gets_one_message_with_the_calendar_file(
    app, api, mailbox, meeting_id
):
    response = send(api, meeting_id)
    assert response.status_code == 201, response.get_data(as_text=True)

    assert len(mailbox.messages) == 2
    for address in ("kari@example.org", "nils@example.org"):
        [message] = mailbox.to(address)
        assert message["Subject"] == (
            "Innkalling til møte: Nettverksmøte 1/2026 (Asylnettverket), torsdag 12. mars 2026"
        )
        assert "1. Godkjenning av innkalling og saksliste" in message.get_body().get_content()
        event = calendar_of(message)
        assert str(event["UID"]) == meeting_row(app, meeting_id).calendar_uid
        assert int(event["SEQUENCE"]) == 0
    assert not [m for m in mailbox.messages if "Ola" in m["To"]]

    notice = api("get", f"/meetings/{meeting_id}/notice").get_json()
    assert notice["sent_at"] is not None
    assert sorted(d["email"] for d in notice["deliveries"]) == [
        "kari@example.org",
        "nils@example.org",
    ]
    assert not any(d["update"] for d in notice["deliveries"])


def test_a_notice_sent_again_is_an_update_of_the_same_calendar_event(app, api, mailbox, meeting_id):
    assert send(api, meeting_id).status_code == 201
    response = send(api, meeting_id)
    assert response.status_code == 201
    assert response.get_json()["update"] is True

    first, second = mailbox.to("kari@example.org")
    assert second["Subject"].startswith("Oppdatert innkalling til møte: ")
    assert str(calendar_of(second)["UID"]) == str(calendar_of(first)["UID"])
    assert int(calendar_of(second)["SEQUENCE"]) == 1
    deliveries = api("get", f"/meetings/{meeting_id}/notice").get_json()["deliveries"]
    assert sorted((d["sequence"], d["update"]) for d in deliveries) == [
        (0, False),
        (0, False),
        (1, True),
        (1, True),
    ]


def test_with_the_mail_server_down_nothing_is_marked_sent_and_the_coordinator_is_told_why(
    app, api, mailbox, meeting_id
):
    app.config["SMTP_PORT"] = free_port()  # nothing listens there
    response = send(api, meeting_id)

    assert response.status_code == 502
    error = response.get_json()["error"]
    assert error["code"] == "notice_not_sent"
    assert error["message"].startswith("The notice was not sent: the mail server said")
    assert "Nobody got it" in error["message"]
    notice = api("get", f"/meetings/{meeting_id}/notice").get_json()
    assert notice["sent_at"] is None and notice["deliveries"] == []
    assert mailbox.messages == []


def test_a_server_refusing_the_message_marks_nothing_sent(app, api, mailbox, meeting_id):
    mailbox.refuse_data = True
    response = send(api, meeting_id)

    assert response.status_code == 502
    assert "554 5.7.1 Message rejected as spam" in response.get_json()["error"]["message"]
    notice = api("get", f"/meetings/{meeting_id}/notice").get_json()
    assert notice["sent_at"] is None and notice["deliveries"] == []


def test_a_refused_address_is_named_and_only_those_who_got_it_are_recorded(
    app, api, mailbox, meeting_id
):
    mailbox.refused_addresses = {"kari@example.org"}
    response = send(api, meeting_id)

    assert response.status_code == 502
    error = response.get_json()["error"]
    assert error["code"] == "notice_partly_sent"
    assert "nils@example.org" in error["message"] and "kari@example.org" in error["message"]
    notice = api("get", f"/meetings/{meeting_id}/notice").get_json()
    assert notice["sent_at"] is None
    assert [d["email"] for d in notice["deliveries"]] == ["nils@example.org"]
    assert [m["To"] for m in mailbox.messages] == ["Nils Berg <nils@example.org>"]


def test_the_refusal_is_told_in_the_coordinators_language(app, client, owner, meeting_id):
    app.config["SMTP_PORT"] = free_port()
    danish = api_as(app, client, owner, **{"Accept-Language": "da"})
    message = send(danish, meeting_id).get_json()["error"]["message"]
    assert message.startswith("Indkaldelsen blev ikke sendt")


def test_without_smtp_settings_nothing_is_sent(app, api, mailbox, meeting_id):
    app.config["SMTP_HOST"] = None
    response = send(api, meeting_id)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "smtp_not_configured"
    assert api("get", f"/meetings/{meeting_id}/notice").get_json()["smtp_configured"] is False
    assert mailbox.messages == []


def test_coordinator_sends_from_the_notice_page_and_sees_the_record(
    login_as, owner, mailbox, meeting_id
):
    browser = login_as(owner)
    page = f"/meetings/{meeting_id}/notice"
    english = {"Accept-Language": "en"}
    response = post_form(browser, page, f"{page}/send", {}, headers=english, follow_redirects=True)

    shown = text_of(response)
    assert "The notice was sent to 2 members." in shown
    assert "Kari Nordmann <kari@example.org>" in shown and "First notice" in shown
    assert "Send the updated notice" in shown
    assert len(mailbox.messages) == 2


def test_the_notice_page_tells_why_nothing_was_sent(app, login_as, owner, mailbox, meeting_id):
    app.config["SMTP_PORT"] = free_port()
    browser = login_as(owner)
    page = f"/meetings/{meeting_id}/notice"
    response = post_form(
        browser, page, f"{page}/send", {}, headers={"Accept-Language": "nb"}, follow_redirects=True
    )
    shown = text_of(response)
    assert "Innkallingen ble ikke sendt" in shown
    assert "Innkallingen er ikke sendt på e-post ennå." in shown


def test_a_server_without_the_encryption_asked_for_gets_nothing(app, api, mailbox, meeting_id):
    app.config["SMTP_STARTTLS"] = True  # the test server offers no STARTTLS
    response = send(api, meeting_id)

    assert response.status_code == 502
    assert "STARTTLS" in response.get_json()["error"]["message"]
    assert mailbox.messages == []
    assert api("get", f"/meetings/{meeting_id}/notice").get_json()["deliveries"] == []


def test_a_server_failing_midway_leaves_a_record_of_who_got_it(app, api, mailbox, meeting_id):
    mailbox.fail_after = 1
    response = send(api, meeting_id)

    assert response.status_code == 502
    error = response.get_json()["error"]
    assert error["code"] == "notice_partly_sent"
    assert "kari@example.org" in error["message"] and "451" in error["message"]
    notice = api("get", f"/meetings/{meeting_id}/notice").get_json()
    assert notice["sent_at"] is None
    assert [d["email"] for d in notice["deliveries"]] == ["kari@example.org"]

    mailbox.fail_after = None  # the server works again: everyone gets the update
    again = send(api, meeting_id)
    assert again.status_code == 201 and again.get_json()["update"] is True
    assert sorted(m["To"].addresses[0].addr_spec for m in mailbox.messages) == [
        "kari@example.org",
        "kari@example.org",
        "nils@example.org",
    ]
    assert api("get", f"/meetings/{meeting_id}/notice").get_json()["sent_at"] is not None


def test_a_meeting_outside_a_series_has_nobody_to_send_to(app, api, owner, mailbox):
    with app.app_context():
        facilitator = db.session.get(Facilitator, owner)
        meeting = create_meeting(facilitator, {"title": "Enkeltmøte", "language": "da"})
        meeting_id = meeting.id
    response = send(api, meeting_id)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "no_recipients"
    markdown = api("get", f"/meetings/{meeting_id}/notice/export?format=md")
    assert "*Indkaldelse til møde*" in markdown.get_data(as_text=True)
