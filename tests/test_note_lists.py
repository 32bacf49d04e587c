"""A note that is only a "- " list: a plain list of points in every export, and a note of only
"- " is empty, refused like any empty note."""

import io

import pypdf
import pytest

from tests.annex_helpers import add_note, word_paragraphs
from tests.realtime_helpers import add_payload, live, new_id  # noqa: F401 (fixture)
from workshop.extensions import db
from workshop.models import Note

ONLY_A_LIST = "- First point\n- Second point"
WITH_SUB_POINT = "Plain point\n- its sub-point"


@pytest.fixture
def listed(app, client, login_as, make_workshop, owner):
    """A workshop whose one question has a note that is only a list and one with a sub-point;
    returns a function that downloads its annex as the editor does."""
    workshop = make_workshop(owner_id=owner, questions=1, groups=1)
    add_note(app, workshop, ONLY_A_LIST)
    add_note(app, workshop, WITH_SUB_POINT)
    login_as(owner)

    def download(format_name: str):
        response = client.get(f"/workshops/{workshop}/annex/export?format={format_name}")
        assert response.status_code == 200
        return response.data

    return download


def test_markdown_lists_the_points_of_a_note_that_is_only_a_list(listed):
    markdown = listed("md").decode()
    # It was "- First point\n  - Second point": the first point over the second.
    assert "- First point\n- Second point\n- Plain point\n  - its sub-point\n" in markdown


def test_word_lists_the_points_of_a_note_that_is_only_a_list(listed):
    rows = word_paragraphs(listed("docx"))
    points = [(r["text"], r["level"]) for r in rows if r["style"] == "List Paragraph"]
    assert points == [
        ("First point", 0),
        ("Second point", 0),
        ("Plain point", 0),
        ("its sub-point", 1),
    ]


def test_pdf_lists_the_points_of_a_note_that_is_only_a_list(listed):
    page = pypdf.PdfReader(io.BytesIO(listed("pdf"))).pages[0]
    starts: dict[str, float] = {}

    def seen(text, _cm, tm, _font, _size):
        if text.strip():
            starts.setdefault(text.strip(), tm[4])

    page.extract_text(visitor_text=seen)
    left = {name: starts[name] for name in ("First point", "Second point", "Plain point")}
    assert len(set(left.values())) == 1, left  # one level: the second is no sub-point
    assert starts["its sub-point"] > left["Plain point"]


@pytest.mark.parametrize("text", ["- ", "-", "- \n-  \n", "•", "  -  \n\n- "])
def test_a_note_of_only_list_marks_is_refused_as_empty(app, live, text):  # noqa: F811
    workshop = live()
    ada = workshop.as_participant(0)
    ack = ada.call("note:add", add_payload(workshop.question_ids[0], text))
    assert ack["ok"] is False
    assert ack["error"]["code"] == "note_empty"
    assert ack["error"]["message"] == "A note cannot be empty."

    written = ada.call("note:add", add_payload(workshop.question_ids[0], ONLY_A_LIST))
    assert written["ok"] is True
    edit = {"id": written["note"]["id"], "op_id": new_id(), "text": text, "base_revision": 1}
    edited = ada.call("note:edit", edit)
    assert edited["ok"] is False and edited["error"]["code"] == "note_empty"
    with app.app_context():
        assert db.session.scalars(db.select(Note.text)).all() == [ONLY_A_LIST]
