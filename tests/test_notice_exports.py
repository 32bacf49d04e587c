"""The notice of a meeting, as a coordinator downloads it: Word read back with python-docx,
the .ics parsed, Markdown and PDF, in the series' language; the CLI export."""

import io
import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import docx
import icalendar
import pytest
from pypdf import PdfReader

from tests.meetings_helpers import plan_meeting, series_with_members
from tests.notice_helpers import make_network_meeting, meeting_row, notice_app
from tests.workshops_helpers import api_as, text_of
from workshop.cli import main as workshop_command


@pytest.fixture
def app(database_url):
    with notice_app(database_url) as app:
        yield app


@pytest.fixture
def api(app, client, owner):
    return api_as(app, client, owner, **{"Accept-Language": "en"})


@pytest.fixture
def meeting_id(app, owner):
    return make_network_meeting(app, owner)


def export(api, meeting_id, format_name):
    response = api("get", f"/meetings/{meeting_id}/notice/export?format={format_name}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response


def test_word_notice_has_the_header_numbered_items_and_their_times(api, meeting_id):
    response = export(api, meeting_id, "docx")
    assert response.headers["Content-Disposition"].endswith("nettverksmoete-1-2026-innkalling.docx")
    word = docx.Document(io.BytesIO(response.data))
    lines = [paragraph.text for paragraph in word.paragraphs]

    assert lines[:3] == ["Asylnettverket", "Innkalling til møte", "Nettverksmøte 1/2026"]
    assert "Dato: torsdag 12. mars 2026" in lines
    assert "Tid: 10:00–12:00" in lines
    assert "Sted: Møterom 3, Hausmanns gate 21" in lines
    assert "Saksliste" in lines
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 2"]
    assert headings == [
        "1. Godkjenning av innkalling og saksliste",
        "2. Orienteringer fra avdelingene",
        "3. Ny rutine for *registrering* <b>",
        "4. Eventuelt",
    ]
    assert "10:00–10:05 · 5 minutter" in lines
    assert "10:05–10:35 · 30 minutter · Innleder: Alle" in lines
    assert "10:35–11:20 · 45 minutter · Innleder: Kari Nordmann" in lines
    assert "11:20–11:30 · 10 minutter" in lines
    assert "Vedlegg 3.1: Forslag til rutine (https://x.org/a_b)" in lines
    workshop_line = next(line for line in lines if line.startswith("Gruppearbeid i Workshop"))
    assert "/j/" in workshop_line
    assert word.core_properties.language == "nb-NO"


def test_calendar_event_has_a_stable_uid_the_meetings_times_place_and_title(app, api, meeting_id):
    first = icalendar.Calendar.from_ical(export(api, meeting_id, "ics").data)
    again = icalendar.Calendar.from_ical(export(api, meeting_id, "ics").data)
    [event] = first.walk("VEVENT")
    oslo = ZoneInfo("Europe/Oslo")

    assert str(event["UID"]) == meeting_row(app, meeting_id).calendar_uid
    assert str(again.walk("VEVENT")[0]["UID"]) == str(event["UID"])
    assert event.decoded("DTSTART") == datetime(2026, 3, 12, 10, 0, tzinfo=oslo)
    assert event.decoded("DTEND") == datetime(2026, 3, 12, 12, 0, tzinfo=oslo)
    assert str(event["LOCATION"]) == "Møterom 3, Hausmanns gate 21"
    assert str(event["SUMMARY"]) == "Asylnettverket: Nettverksmøte 1/2026"
    assert int(event["SEQUENCE"]) == 0
    assert "3. Ny rutine for *registrering* <b>" in str(event["DESCRIPTION"])
    assert first.walk("VTIMEZONE"), "the event's zone is defined in the file"


def test_meeting_without_a_start_time_is_a_whole_day_event(app, owner, api):
    meeting_id = make_network_meeting(app, owner, start_time=None, end_time=None)
    [event] = icalendar.Calendar.from_ical(export(api, meeting_id, "ics").data).walk("VEVENT")
    assert event.decoded("DTSTART") == date(2026, 3, 12)
    assert event.decoded("DTEND") == date(2026, 3, 13)


def test_meeting_without_a_date_has_no_calendar_event_and_says_why(app, owner, api):
    meeting_id = make_network_meeting(app, owner, date=None)
    response = api("get", f"/meetings/{meeting_id}/notice/export?format=ics")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "meeting_without_date"
    assert "no date" in response.get_json()["error"]["message"]


def test_markdown_notice_keeps_user_text_literal(api, meeting_id):
    text = export(api, meeting_id, "md").get_data(as_text=True)
    assert "# Nettverksmøte 1/2026" in text
    assert "### 3. Ny rutine for \\*registrering\\* \\<b\\>" in text
    assert "<b>" not in text


def test_pdf_notice_shows_the_agenda(api, meeting_id):
    response = export(api, meeting_id, "pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Innkalling til møte" in text
    assert "Ny rutine for *registrering* <b>" in text


def test_the_notice_files_own_title_names_the_meeting_and_its_series(api, meeting_id):
    # "Nettverksmøte 1/2026" is every series' first meeting: a PDF viewer's title bar, a file
    # manager or a screen reader names the series too, as the notice's header does.
    word = docx.Document(io.BytesIO(export(api, meeting_id, "docx").data))
    pdf = PdfReader(io.BytesIO(export(api, meeting_id, "pdf").data))

    title = "Innkalling til møte · Nettverksmøte 1/2026 · Asylnettverket"
    assert word.core_properties.title == title
    assert pdf.metadata.title == title


def test_notice_page_data_offers_every_format_and_the_email_text(api, meeting_id):
    response = api("get", f"/meetings/{meeting_id}/notice")
    assert response.status_code == 200
    notice = response.get_json()
    assert set(notice["exports"]) == {"docx", "pdf", "md", "ics"}
    assert notice["email"]["subject"] == (
        "Innkalling til møte: Nettverksmøte 1/2026 (Asylnettverket), torsdag 12. mars 2026"
    )
    assert "1. Godkjenning av innkalling og saksliste" in notice["email"]["body"]
    assert [r["name"] for r in notice["recipients"]] == ["Kari Nordmann", "Nils Berg"]
    assert notice["deliveries"] == [] and notice["sent_at"] is None


def test_unknown_format_is_refused_with_the_formats_there_are(api, meeting_id):
    response = api("get", f"/meetings/{meeting_id}/notice/export?format=odt")
    assert response.status_code == 400
    assert "docx, ics, md, pdf" in response.get_json()["error"]["message"]


def test_another_facilitators_meeting_is_not_found(app, client, make_facilitator, meeting_id):
    stranger = api_as(app, client, make_facilitator(email="other@example.org"))
    assert stranger("get", f"/meetings/{meeting_id}/notice").status_code == 404
    assert stranger("get", f"/meetings/{meeting_id}/notice/export").status_code == 404


def test_cli_exports_the_notice_as_word(app, runner, meeting_id, tmp_path):
    target = tmp_path / "innkalling.docx"
    result = runner.invoke(
        workshop_command, ["export-notice", str(meeting_id), "--format", "docx", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    lines = [paragraph.text for paragraph in docx.Document(str(target)).paragraphs]
    assert "1. Godkjenning av innkalling og saksliste" in lines


def test_cli_names_a_meeting_that_does_not_exist(runner):
    result = runner.invoke(workshop_command, ["export-notice", "999", "--format", "md"])
    assert result.exit_code != 0
    assert "There is no meeting 999" in result.output


# --- the coordinator's notice page ---


def test_notice_page_offers_downloads_and_the_email_text_with_user_text_escaped(
    login_as, owner, meeting_id
):
    browser = login_as(owner)
    response = browser.get(f"/meetings/{meeting_id}/notice", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    page = text_of(response)

    for format_name in ("docx", "pdf", "md", "ics"):
        assert f"/meetings/{meeting_id}/notice/export?format={format_name}" in html
    subject = "Innkalling til møte: Nettverksmøte 1/2026 (Asylnettverket), torsdag 12. mars 2026"
    assert f'value="{subject}"' in html
    assert "3. Ny rutine for *registrering* &lt;b&gt;" in html and "<b>" not in html
    assert "Sending by e-mail is not set up on this server" in page
    assert "The notice has not been sent by e-mail yet." in page
    download = browser.get(f"/meetings/{meeting_id}/notice/export?format=md")
    assert download.status_code == 200
    assert "# Nettverksmøte 1/2026" in download.get_data(as_text=True)


def test_notice_page_of_another_facilitators_meeting_is_not_found(
    login_as, make_facilitator, meeting_id
):
    browser = login_as(make_facilitator(email="other@example.org"))
    assert browser.get(f"/meetings/{meeting_id}/notice").status_code == 404
    assert browser.get(f"/meetings/{meeting_id}/notice/export?format=md").status_code == 404


def test_notice_of_a_meeting_planned_through_the_api(api):
    """The cycle's way in: a series with three members, a meeting with its standing items and an
    item with a workshop, all through the API; then the notice as Word and .ics."""
    series = series_with_members(api)
    meeting = plan_meeting(api, series["id"])
    item = api(
        "post",
        f"/meetings/{meeting['id']}/items",
        json={"title": "Felles tolketjeneste", "presenter": "Aase Asyl", "duration_minutes": 40},
    ).get_json()
    assert api("post", f"/meetings/{meeting['id']}/items/{item['id']}/workshop").status_code == 201

    word = docx.Document(io.BytesIO(export(api, meeting["id"], "docx").data))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 2"]
    assert len(headings) == len(meeting["items"]) + 1
    assert [heading.split(". ", 1)[0] for heading in headings] == [
        str(number) for number in range(1, len(headings) + 1)
    ]
    assert f"{len(headings) - 2}. Felles tolketjeneste" in headings  # before the end items
    lines = [p.text for p in word.paragraphs]
    assert "Tid: 09:00–12:00" in lines and "Sted: Møterom 4" in lines
    assert any(line.startswith("Gruppearbeid i Workshop: Lenke for å delta") for line in lines)

    [event] = icalendar.Calendar.from_ical(export(api, meeting["id"], "ics").data).walk("VEVENT")
    oslo = ZoneInfo("Europe/Oslo")
    assert event.decoded("DTSTART") == datetime(2025, 3, 14, 9, 0, tzinfo=oslo)
    assert event.decoded("DTEND") == datetime(2025, 3, 14, 12, 0, tzinfo=oslo)
    assert str(event["SUMMARY"]) == "Nettverk for innvandring: Nettverksmøte 1/2025"
    assert str(event["LOCATION"]) == "Møterom 4"
    assert (
        str(event["UID"])
        == api("get", f"/meetings/{meeting['id']}/notice").get_json()["calendar_uid"]
    )


def test_the_notice_is_in_the_language_chosen_for_the_meeting(api, meeting_id):
    # The series writes Bokmål; this one meeting is held in Danish: its notice follows the
    # meeting's "Language of the meeting", as its minutes do.
    changed = api("patch", f"/meetings/{meeting_id}", json={"language": "da"})
    assert changed.status_code == 200, changed.get_data(as_text=True)
    markdown = export(api, meeting_id, "md").get_data(as_text=True)
    assert "Indkaldelse til møde" in markdown
    word = docx.Document(io.BytesIO(export(api, meeting_id, "docx").data))
    assert word.core_properties.language == "da-DK"


def test_the_notice_says_what_each_item_asks_of_the_meeting(api, meeting_id):
    # Members prepare differently for a decision than for news: the agenda says which, in the
    # meeting's language, in every format; an item that does not say gets no word.
    for title, purpose in (("Budsjett 2027", "decision"), ("Nytt fra UDI", "information")):
        added = api(
            "post",
            f"/meetings/{meeting_id}/items",
            json={"title": title, "purpose": purpose, "duration_minutes": 15},
        )
        assert added.status_code == 201, added.get_data(as_text=True)

    word = docx.Document(io.BytesIO(export(api, meeting_id, "docx").data))
    lines = [paragraph.text for paragraph in word.paragraphs]
    assert "Til vedtak · 11:20–11:35 · 15 minutter" in lines
    assert "Til orientering · 11:35–11:50 · 15 minutter" in lines
    assert "10:00–10:05 · 5 minutter" in lines  # not said
    markdown = export(api, meeting_id, "md").get_data(as_text=True)
    assert "Til vedtak · 11:20–11:35 · 15 minutter" in markdown

    api("patch", f"/meetings/{meeting_id}", json={"language": "en"})
    english = export(api, meeting_id, "md").get_data(as_text=True)
    assert "\nFor information · 11:35" in english


def test_an_english_notice_writes_the_date_day_first_and_times_on_the_24_hour_clock(
    app, owner, api
):
    # English readers here are Nordic councils and NGOs: "Thursday, 12 March 2026" and 13:30,
    # as the document's own language (en-GB) says, not "Thursday, March 12, 2026" and 1:30 PM.
    meeting_id = make_network_meeting(app, owner, start_time=time(13, 30), end_time=time(15, 0))
    changed = api("patch", f"/meetings/{meeting_id}", json={"language": "en"})
    assert changed.status_code == 200, changed.get_data(as_text=True)

    word = docx.Document(io.BytesIO(export(api, meeting_id, "docx").data))
    lines = [paragraph.text for paragraph in word.paragraphs]
    assert "Date: Thursday, 12 March 2026" in lines
    assert "Time: 13:30–15:00" in lines
    assert "13:30–13:35 · 5 minutes" in lines
    assert word.core_properties.language == "en-GB"
    markdown = export(api, meeting_id, "md").get_data(as_text=True)
    assert "Thursday, 12 March 2026" in markdown and "13:30–15:00" in markdown
    email = api("get", f"/meetings/{meeting_id}/notice").get_json()["email"]
    assert email["subject"] == (
        "Notice of meeting: Nettverksmøte 1/2026 (Asylnettverket), Thursday, 12 March 2026"
    )
    # A time on the 12-hour clock ("1:30 PM"); not " PM" alone, which a random code may hold.
    twelve_hour = re.compile(r"\d\s?[AP]M\b")
    assert not any(twelve_hour.search(text) for text in [*lines, markdown, *email.values()])
