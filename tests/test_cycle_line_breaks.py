"""Line breaks typed in a browser's text box (sent as \\r\\n) are kept as one break each: in what
is stored, in the Word notice a member gets, and in the character limits the browser shows; and
an indented "  - " sub-point stays indented in the PDF notice."""

import io

import docx
import pypdf
import pytest

from tests.conftest import csrf_token_from
from tests.meeting_pages_helpers import plan_series_meeting
from tests.workshops_helpers import text_of
from workshop.extensions import db
from workshop.models import Meeting, Topic


@pytest.fixture
def planned(app, owner):
    return plan_series_meeting(app, owner, language="nb")


def add_item(coordinator, planned, description: str) -> None:
    """An agenda item with this description, added on the meeting page as the browser sends it."""
    response = coordinator(
        f"/meetings/{planned.meeting_id}/items",
        {"title": "Ny rutine", "description": description, "purpose": "decision"},
    )
    assert response.status_code == 303, text_of(response)


def test_an_items_description_typed_in_a_browser_has_one_break_per_line_in_the_word_notice(
    app, client, coordinator, planned
):
    description = "Vi ønsker å drøfte:\r\n\r\n- ventetid på mottak\r\n- språkhjelp"
    add_item(coordinator, planned, description)
    with app.app_context():
        item = db.session.get(Meeting, planned.meeting_id).items[3]
        assert item.description == "Vi ønsker å drøfte:\n\n- ventetid på mottak\n- språkhjelp"

    word = client.get(f"/meetings/{planned.meeting_id}/notice/export?format=docx")
    assert word.status_code == 200
    paragraph = next(
        p for p in docx.Document(io.BytesIO(word.data)).paragraphs if "Vi ønsker" in p.text
    )
    # One <w:br/> per line break typed: the blank line stays one blank line, the list is not
    # double-spaced.
    assert paragraph.text == "Vi ønsker å drøfte:\n\n- ventetid på mottak\n- språkhjelp"


def test_a_topic_as_long_as_the_browser_allows_is_not_refused_for_its_line_breaks(app, planned):
    """The browser counts a line break as one character toward the 3,000 (maxlength); so does the
    server."""
    other = app.test_client()
    url = f"/submit/{planned.submission_code}"
    token = csrf_token_from(other.get(url).get_data(as_text=True))
    description = "\r\n".join(["x" * 99] * 30)  # 2,999 characters as the browser counts them
    response = other.post(
        url,
        data={
            "csrf_token": token,
            "submitter_name": "Åse Ødegård",
            "department": "Asylavdelingen",
            "title": "Ventetid",
            "description": description,
            "purpose": "discussion",
        },
    )
    assert response.status_code == 303, text_of(response)
    with app.app_context():
        topic = db.session.scalars(db.select(Topic)).one()
        assert topic.description == description.replace("\r\n", "\n")


def test_a_description_stored_with_crlf_before_this_fix_still_has_one_break_per_line_in_word(
    app, client, coordinator, planned
):
    with app.app_context():
        item = db.session.get(Meeting, planned.meeting_id).items[0]
        item.description = "Første linje\r\nAndre linje"
        db.session.commit()
    word = client.get(f"/meetings/{planned.meeting_id}/notice/export?format=docx")
    texts = [p.text for p in docx.Document(io.BytesIO(word.data)).paragraphs]
    assert "Første linje\nAndre linje" in texts


def test_an_items_indented_sub_point_stays_indented_in_the_pdf_notice(
    app, client, coordinator, planned
):
    description = "Vi ønsker å drøfte:\r\n- ventetid på mottak\r\n  - særlig for barn"
    add_item(coordinator, planned, description)
    pdf = client.get(f"/meetings/{planned.meeting_id}/notice/export?format=pdf")
    assert pdf.status_code == 200
    lines = [
        line
        for page in pypdf.PdfReader(io.BytesIO(pdf.data)).pages
        for line in page.extract_text(extraction_mode="layout").split("\n")
    ]
    # Its two leading spaces were collapsed (white-space: pre-line): flush with its point.
    parent = next(line for line in lines if "- ventetid på mottak" in line)
    sub_point = next(line for line in lines if "- særlig for barn" in line)
    assert sub_point.index("- særlig") > parent.index("- ventetid")
