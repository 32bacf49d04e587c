"""Every export format read back and checked for structure, language, emptiness and escaping."""

import csv
import io
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import docx
import pypdf
import pytest
from annex_helpers import (
    add_block,
    add_note,
    call,
    exported,
    point_ids,
    set_workshop,
    word_paragraphs,
)
from docx.oxml.ns import qn

from workshop.annex import curate

EXPECTED_MARKDOWN = Path(__file__).with_name("annex_expected.md")


@pytest.fixture
def strategy(app, make_workshop):
    """Two sections (the first with a lettered block and a lead-in), two groups, some notes."""
    workshop = make_workshop(
        title="Strategi 2030", sections=("International work", "National work"), questions=2
    )
    set_workshop(
        app,
        workshop,
        date=date(2025, 3, 4),
        document_number="2025-117",
        reference="REF-9",
        annex_intro="The groups' points, lightly edited.\n\nSee the minutes, item 4.",
    )
    add_block(
        app,
        workshop,
        0,
        "Partnerships",
        ["Who can the institute work with and keep its independence?"],
        prompt="How can the institute, strategically:",
    )
    add_note(app, workshop, "Work with UN bodies\n- UNDP\n- OHCHR", question=0, group=0)
    add_note(app, workshop, "Keep independence from donors", question=0, group=1)
    add_note(app, workshop, "Due diligence first", question=1, group=0)
    add_note(app, workshop, "National network", question=2, group=1)
    add_note(app, workshop, "Partners with shared values", question=4, group=0)
    return workshop


def test_markdown_export_matches_the_fixture_exactly(app, strategy):
    assert exported(app, strategy, "md") == EXPECTED_MARKDOWN.read_text(encoding="utf-8")


# --- Word ---


def test_word_export_has_real_headings_and_real_numbered_and_bulleted_lists(app, strategy):
    content = exported(app, strategy, "docx")
    rows = word_paragraphs(content)

    assert rows[0]["text"] == "ANNEX 1" and rows[0]["bold"]
    assert [r["text"] for r in rows[1:5]] == [
        "Workshop: Strategi 2030",
        "Date: 4 March 2025",
        "Document number: 2025-117",
        "Reference: REF-9",
    ]
    assert [r["text"] for r in rows if r["style"] == "Title"] == [
        "Notes from the group discussions"
    ]
    headings = [
        (r["style"], r["text"], r["format"], r["level"])
        for r in rows
        if r["style"].startswith("Heading")
    ]
    assert headings == [
        ("Heading 1", "International work", None, None),
        ("Heading 2", "Question 1 of International work?", "decimal", 0),
        ("Heading 2", "Question 2 of International work?", "decimal", 0),
        ("Heading 2", "Partnerships", "upperLetter", 0),
        ("Heading 3", "Who can the institute work with and keep its independence?", "decimal", 0),
        ("Heading 1", "National work", None, None),
        ("Heading 2", "Question 1 of National work?", "decimal", 0),
        ("Heading 2", "Question 2 of National work?", "decimal", 0),
    ]
    points = [(r["text"], r["format"], r["level"]) for r in rows if r["style"] == "List Paragraph"]
    assert points == [
        ("Work with UN bodies", "bullet", 0),
        ("UNDP", "bullet", 1),
        ("OHCHR", "bullet", 1),
        ("Keep independence from donors", "bullet", 0),
        ("Due diligence first", "bullet", 0),
        ("National network", "bullet", 0),
        ("Partners with shared values", "bullet", 0),
    ]
    assert "No notes." in [r["text"] for r in rows]


def test_word_numbering_restarts_in_each_section(app, strategy):
    rows = word_paragraphs(exported(app, strategy, "docx"))
    question_lists = [
        r["num"] for r in rows if r["style"] == "Heading 2" and r["format"] == "decimal"
    ]
    international_1, international_2, national_1, national_2 = question_lists
    assert international_1 == international_2
    assert national_1 == national_2 != international_1
    document = docx.Document(io.BytesIO(exported(app, strategy, "docx")))
    nums = {
        int(n.get(qn("w:numId"))): n
        for n in document.part.numbering_part.element.findall(qn("w:num"))
    }
    restart = nums[national_1].find(qn("w:lvlOverride")).find(qn("w:startOverride"))
    assert restart.get(qn("w:val")) == "1"


def test_word_properties_carry_title_and_language_and_no_author(app, strategy):
    set_workshop(app, strategy, language="da")
    document = docx.Document(io.BytesIO(exported(app, strategy, "docx")))

    properties = document.core_properties
    assert properties.title == "BILAG 1 · Noter fra gruppedrøftelserne · Strategi 2030"
    assert properties.language == "da-DK"
    assert properties.author == ""
    assert "Dato: 4. marts 2025" in [p.text for p in document.paragraphs]


# --- PDF, HTML ---


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_pdf_export_has_the_text_in_order_with_embedded_fonts(app, strategy):
    add_note(app, strategy, "Ærlighed, øjne og åbenhed", question=3, group=1)
    content = exported(app, strategy, "pdf")

    text = " ".join(pdf_text(content).split())  # line breaks fall where the layout puts them
    order = [
        "ANNEX 1",
        "Notes from the group discussions",
        "International work",
        "1. Question 1 of International work?",
        "Work with UN bodies",
        "UNDP",
        "Keep independence from donors",
        "A. Partnerships",
        "How can the institute, strategically:",
        "National work",
        "Ærlighed, øjne og åbenhed",
        "Partners with shared values",
    ]
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert reader.metadata.title == "ANNEX 1 · Notes from the group discussions · Strategi 2030"
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor


class HTMLOutline(HTMLParser):
    """Collects the tags of a page and the text of its headings and list items."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.items: list[tuple[str, str]] = []
        self._open: list[list] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("h1", "h2", "h3", "h4", "li", "p"):
            self._open.append([tag, ""])

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            name, text = self._open.pop()
            self.items.append((name, " ".join(text.split())))

    def handle_data(self, data):
        if self._open:
            self._open[-1][1] += data


def html_outline(text: str) -> HTMLOutline:
    parser = HTMLOutline()
    parser.feed(text)
    return parser


def test_html_export_is_a_print_friendly_page_with_headings_and_lists(app, strategy):
    page = exported(app, strategy, "html")
    outline = html_outline(page)

    assert "@page" in page and "<link" not in page and "<script" not in page
    # In English as the date above it is written (4 March 2025), and as the Word file says.
    assert '<html lang="en-GB">' in page and "4 March 2025" in page
    assert ("h1", "Notes from the group discussions") in outline.items
    assert ("h3", "1. Question 1 of International work?") in outline.items
    assert ("h3", "A. Partnerships") in outline.items
    assert ("h4", "1. Who can the institute work with and keep its independence?") in outline.items
    assert ("li", "UNDP") in outline.items
    assert ("p", "No notes.") in outline.items


# --- Raw notes ---


def test_raw_notes_export_one_row_per_note_as_csv_and_json(app, strategy, make_participant):
    participant, _token = make_participant(strategy, group_index=1, name="Grete Hansen")
    _un, independence = point_ids(app, strategy, 0)
    call(app, curate.set_point_excluded, strategy, independence, True)
    # Written after curating began: a new note, not in the annex until taken in.
    add_note(app, strategy, "Named note", question=3, group=1, participant_id=participant)

    data = json.loads(exported(app, strategy, "json"))
    rows = list(csv.DictReader(io.StringIO(exported(app, strategy, "csv").lstrip("\ufeff"))))

    assert [n["text"] for n in data["notes"]] == [
        "Work with UN bodies\n- UNDP\n- OHCHR",
        "Keep independence from donors",
        "Due diligence first",
        "National network",
        "Named note",
        "Partners with shared values",
    ]
    first = data["notes"][0]
    assert first["section"] == "International work" and first["block"] == ""
    assert (first["question_number"], first["group"]) == ("1.", "Group 1")
    assert data["notes"][3]["block"] == "A. Partnerships"
    assert [n["in_annex"] for n in data["notes"]] == [True, False, True, True, False, True]
    assert data["notes"][4]["author"] == "Grete Hansen"
    assert re.match(r"2025-03-04T09:0\d:00\+00:00", first["created_at"])
    assert len(rows) == 6
    assert rows[4]["Author"] == "Grete Hansen"
    assert rows[1]["In the annex"] == "0"
    assert rows[0]["Text"] == "Work with UN bodies\n- UNDP\n- OHCHR"
    assert rows[0]["Question"] == "Question 1 of International work?"
