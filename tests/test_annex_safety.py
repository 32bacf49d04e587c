"""Exports are safe: no names in anonymous workshops, user text literal, empty workshops valid."""

import csv
import io
import json
import subprocess
import zipfile

import docx
import pypdf
import pytest
from annex_helpers import add_note, exported
from conftest import require
from markdown_it import MarkdownIt
from test_annex_exports import html_outline, pdf_text, word_paragraphs

from workshop.models.base import without_control_characters

EMOJI_FONTS = subprocess.run(
    ["fc-list", ":charset=1f389"], capture_output=True, text=True, check=False
).stdout.strip()
ALL_FORMATS = ("docx", "pdf", "md", "html", "csv", "json")
LONG_WORD = "Menneskerettighedsinstitutionsuafhængighedsvurderingsprocedure" * 5
# What participants may type, and how it must read in the document (control characters go).
TRICKY_NOTES = [
    ("<script>alert('x')</script> & <b>bold</b>", "<script>alert('x')</script> & <b>bold</b>"),
    ("**not bold** and _not italic_ `code` [link](http://x) ~~no~~", None),
    ("# not a heading", None),
    ("| not | a | table |", None),
    ("1. not a numbered list", None),
    ("> not a quote", None),
    ("+ not a list &amp; not an entity \\ backslash", None),
    ("Control\x01char\x07acters\x1b gone\x0c", "Controlcharacters gone"),
    (LONG_WORD, None),
    ("Emoji 🎉 👩🏽‍💻 stay", None),
    ("Word's “quotes” — and ‘dashes’ – ÆØÅ æøå", None),
]
RIGHT_TO_LEFT = "שלום עולם"


def everything(app, workshop_id: int) -> dict[str, str]:
    """Every export as searchable text: DOCX's XML parts, the PDF's text, the rest as is."""
    texts = {}
    for format_name in ALL_FORMATS:
        content = exported(app, workshop_id, format_name)
        if format_name == "docx":
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                content = "".join(
                    archive.read(name).decode("utf-8")
                    for name in archive.namelist()
                    if name.endswith((".xml", ".rels"))
                )
        elif format_name == "pdf":
            content = pdf_text(content) + content.decode("latin-1")
        texts[format_name] = content
    return texts


@pytest.mark.parametrize("anonymity", ["anonymous", "anonymous_to_peers"])
def test_no_participant_name_appears_in_any_export_of_an_anonymous_workshop(
    app, make_workshop, make_participant, anonymity
):
    workshop = make_workshop(anonymity=anonymity)
    participant, _token = make_participant(workshop, name="Ada Lovelace")
    add_note(app, workshop, "A point from Ada's table", participant_id=participant)

    for format_name, text in everything(app, workshop).items():
        assert "Lovelace" not in text, format_name
        assert "A point from Ada" in text or format_name in ("docx", "pdf"), format_name
    data = json.loads(exported(app, workshop, "json"))
    assert "author" not in data["columns"] and "author" not in data["notes"][0]


def test_a_named_workshop_keeps_authors_in_the_raw_data_only(app, make_workshop, make_participant):
    workshop = make_workshop(anonymity="named")
    participant, _token = make_participant(workshop, name="Ada Lovelace")
    add_note(app, workshop, "A point", participant_id=participant)

    texts = everything(app, workshop)

    assert "Lovelace" in texts["csv"] and "Lovelace" in texts["json"]
    for format_name in ("docx", "pdf", "md", "html"):
        assert "Lovelace" not in texts[format_name], format_name


@pytest.fixture
def tricky(app, make_workshop):
    workshop = make_workshop(questions=1, groups=1)
    for typed, _expected in TRICKY_NOTES:
        add_note(app, workshop, typed)
    add_note(app, workshop, RIGHT_TO_LEFT)
    return workshop


def expected_texts() -> list[str]:
    return [expected or typed for typed, expected in TRICKY_NOTES] + [RIGHT_TO_LEFT]


def test_markdown_renders_user_text_literally(app, tricky):
    markdown = exported(app, tricky, "md")
    renderer = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    outline = html_outline(renderer.render(markdown))

    for tag in ("script", "b", "code", "a", "table", "s", "blockquote", "ol", "h4"):
        assert tag not in outline.tags, tag
    assert outline.tags.count("em") == 1  # only the status line is emphasised
    assert outline.tags.count("h1") == 1
    assert [text for tag, text in outline.items if tag == "li"] == expected_texts()


def test_html_shows_user_text_escaped_and_literal(app, tricky):
    page = exported(app, tricky, "html")
    outline = html_outline(page)

    assert "script" not in outline.tags and "b" not in outline.tags
    assert "&lt;script&gt;" in page
    assert [text for tag, text in outline.items if tag == "li"] == expected_texts()
    assert f'<li dir="auto">{RIGHT_TO_LEFT}</li>' in page


def test_pdf_shows_user_text_literally(app, make_workshop):
    workshop = make_workshop(questions=1, groups=1)
    texts = [expected or typed for typed, expected in TRICKY_NOTES if "Emoji" not in typed]
    for typed, _expected in TRICKY_NOTES:
        if "Emoji" not in typed:
            add_note(app, workshop, typed)

    text = "".join(pdf_text(exported(app, workshop, "pdf")).split())

    positions = [text.index("".join(expected.split())) for expected in texts]
    assert positions == sorted(positions)


def test_pdf_keeps_emoji_when_an_emoji_font_is_installed(app, make_workshop):
    require(bool(EMOJI_FONTS), "No emoji font (apt-get install fonts-noto-color-emoji)")
    workshop = make_workshop(questions=1, groups=1)
    add_note(app, workshop, "Emoji 🎉 👩🏽‍💻 stay")

    pdf = exported(app, workshop, "pdf")
    assert "Emoji 🎉 👩🏽\u200d💻 stay" in pdf_text(pdf)
    # Drawn with the emoji font (found by fontconfig's fallback: naming it for every line of
    # text made a long annex's PDF four times slower), not as empty boxes.
    assert any("Emoji" in name for name in embedded_fonts(pdf))


def embedded_fonts(pdf: bytes) -> set[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"].get("/Font", {}).values()
    }


def test_word_keeps_user_text_literal_and_valid(app, tricky):
    rows = word_paragraphs(exported(app, tricky, "docx"))

    points = [r["text"] for r in rows if r["style"] == "List Paragraph"]
    assert points == expected_texts()
    document = docx.Document(io.BytesIO(exported(app, tricky, "docx")))
    right_to_left = next(p for p in document.paragraphs if p.text == RIGHT_TO_LEFT)
    assert (
        right_to_left._p.pPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi"
        )
        is not None
    )


def test_raw_exports_keep_text_exactly_in_json_and_safely_in_csv(app, tricky):
    notes = json.loads(exported(app, tricky, "json"))["notes"]
    rows = list(csv.DictReader(io.StringIO(exported(app, tricky, "csv").lstrip("\ufeff"))))

    # Text is stored without control characters (models/base.py); otherwise exactly as typed.
    stored = [without_control_characters(typed) for typed, _ in TRICKY_NOTES]
    assert [n["text"] for n in notes] == [*stored, RIGHT_TO_LEFT]
    csv_texts = [row["Text"] for row in rows]
    assert csv_texts[0] == TRICKY_NOTES[0][0]
    assert csv_texts[7] == "Controlcharacters gone"
    assert csv_texts[6] == "'+ not a list &amp; not an entity \\ backslash"  # no formula


@pytest.mark.parametrize("sections", [(), ("Empty section",)])
def test_an_empty_workshop_exports_valid_documents_saying_there_are_no_notes(
    app, make_workshop, sections
):
    workshop = make_workshop(sections=sections, questions=0 if not sections else 1)

    assert "*No notes.*" in exported(app, workshop, "md")
    assert ("p", "No notes.") in html_outline(exported(app, workshop, "html")).items
    assert "No notes." in pdf_text(exported(app, workshop, "pdf"))
    assert "No notes." in [r["text"] for r in word_paragraphs(exported(app, workshop, "docx"))]
    assert json.loads(exported(app, workshop, "json"))["notes"] == []
    assert len(exported(app, workshop, "csv").splitlines()) == 1
    assert pypdf.PdfReader(io.BytesIO(exported(app, workshop, "pdf"))).pages
