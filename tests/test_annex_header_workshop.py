"""The annex names the workshop it comes from: a reader of the minutes can tell which one it is."""

import io
import json
from datetime import date

import docx
import pypdf
import pytest
from annex_helpers import add_note, set_workshop
from conftest import csrf_token_from
from markdown_it import MarkdownIt
from test_annex_exports import html_outline, pdf_text

from tests.workshops_helpers import api_as
from workshop.extensions import db
from workshop.models import AnnexVersion

TITLE = "Rådsmøde om strategi 2030"
PLACE = "Københavns Rådhus"


@pytest.fixture
def owner(make_facilitator):
    return make_facilitator(name="Olga Owner")


@pytest.fixture
def workshop(app, make_workshop, owner):
    """A Danish council's workshop with a date and a place, and no annex title of its own."""
    workshop = make_workshop(owner_id=owner, title=TITLE, language="da", status="live")
    set_workshop(app, workshop, date=date(2025, 3, 4), place=PLACE, document_number="2025-117")
    add_note(app, workshop, "Samarbejde med civilsamfundet")
    return workshop


@pytest.fixture
def secretary(client, login_as, owner, workshop):
    """Logged in as the owner; returns the annex page's CSRF token."""
    login_as(owner)
    return csrf_token_from(client.get(f"/workshops/{workshop}/annex").get_data(as_text=True))


def download(client, workshop: int, format_name: str, **args):
    response = client.get(
        f"/workshops/{workshop}/annex/export", query_string={"format": format_name, **args}
    )
    assert response.status_code == 200
    return response.get_data(as_text=format_name != "docx" and format_name != "pdf")


def word_header(content: bytes) -> tuple[list[str], str]:
    """The Word file's lines above its title, and the title."""
    paragraphs = docx.Document(io.BytesIO(content)).paragraphs
    titles = [index for index, p in enumerate(paragraphs) if p.style.name == "Title"]
    return [p.text for p in paragraphs[: titles[0]]], paragraphs[titles[0]].text


def file_titles(client, workshop: int) -> tuple[str, str, str]:
    """The title each file gives itself: Word's properties, the PDF's metadata, the HTML <title>."""
    word = docx.Document(io.BytesIO(download(client, workshop, "docx"))).core_properties.title
    pdf = pypdf.PdfReader(io.BytesIO(download(client, workshop, "pdf"))).metadata.title
    page = download(client, workshop, "html")
    html = page[page.index("<title>") + len("<title>") : page.index("</title>")]
    return word, pdf, html


def save_header(client, workshop: int, token: str, **values):
    current = {
        "label_word": "",
        "label_number": "1",
        "date": "2025-03-04",
        "document_number": "2025-117",
        "reference": "",
        "title": "",
        "intro": "",
        "attribution": "none",
    }
    response = client.post(
        f"/workshops/{workshop}/annex/header", data={"csrf_token": token, **current, **values}
    )
    assert response.status_code == 302


def test_word_annex_without_a_title_of_its_own_names_the_workshop_and_its_place(
    client, secretary, workshop
):
    lines, title = word_header(download(client, workshop, "docx"))

    assert title == "Noter fra gruppedrøftelserne"
    assert lines == [
        "BILAG 1",
        f"Workshop: {TITLE}",
        "Dato: 4. marts 2025",
        f"Sted: {PLACE}",
        "Dokumentnummer: 2025-117",
        "Kladde til version 1",
    ]


def test_an_annex_title_that_names_the_workshop_is_not_repeated_above_it(
    client, secretary, workshop
):
    save_header(client, workshop, secretary, title=f"Noter fra {TITLE.lower()}")

    lines, title = word_header(download(client, workshop, "docx"))

    assert title == f"Noter fra {TITLE.lower()}"
    assert not [line for line in lines if line.startswith("Workshop:")]
    assert f"Sted: {PLACE}" in lines


def test_an_annex_title_of_other_words_keeps_the_workshop_named(client, secretary, workshop):
    save_header(client, workshop, secretary, title="Gruppernes svar")

    lines, title = word_header(download(client, workshop, "docx"))

    assert title == "Gruppernes svar"
    assert f"Workshop: {TITLE}" in lines and f"Sted: {PLACE}" in lines


def test_a_workshop_without_a_place_shows_no_empty_place_line(app, client, secretary, workshop):
    set_workshop(app, workshop, place="  ")

    lines, _title = word_header(download(client, workshop, "docx"))

    assert f"Workshop: {TITLE}" in lines
    assert not [line for line in lines if line.startswith("Sted")]


def test_markdown_pdf_and_html_name_the_workshop_and_place_too(client, secretary, workshop):
    markdown = download(client, workshop, "md")
    assert markdown.startswith(
        f"**BILAG 1**\n\nWorkshop: {TITLE}\\\nDato: 4. marts 2025\\\nSted: {PLACE}\\\n"
    )
    page = download(client, workshop, "html")
    assert f'<dt>Workshop:</dt> <dd dir="auto">{TITLE}</dd>' in page
    assert f'<dt>Sted:</dt> <dd dir="auto">{PLACE}</dd>' in page
    pdf = " ".join(pdf_text(download(client, workshop, "pdf")).split())
    assert pdf.index(f"Workshop: {TITLE}") < pdf.index(f"Sted: {PLACE}")
    assert pdf.index(f"Sted: {PLACE}") < pdf.index("Noter fra gruppedrøftelserne")


def test_the_raw_notes_json_names_the_workshop_its_place_and_date(client, secretary, workshop):
    data = json.loads(download(client, workshop, "json"))
    assert data["workshop"]["title"] == TITLE
    assert data["workshop"]["place"] == PLACE
    assert data["workshop"]["date"] == "2025-03-04"


def test_workshop_title_and_place_stay_literal_in_every_format(app, client, secretary, workshop):
    title, place = "<b>Råd</b> & *strategi* #1", "[Aarhus](http://x) <i>omegn</i>"
    set_workshop(app, workshop, title=title, place=place)

    lines, _title = word_header(download(client, workshop, "docx"))
    assert f"Workshop: {title}" in lines and f"Sted: {place}" in lines
    page = download(client, workshop, "html")
    assert "<b>Råd" not in page and "<i>omegn" not in page
    assert ("p", "BILAG 1") in html_outline(page).items
    assert "&lt;b&gt;Råd&lt;/b&gt; &amp; *strategi* #1" in page
    rendered = MarkdownIt("commonmark").render(download(client, workshop, "md"))
    assert "&lt;b&gt;Råd&lt;/b&gt; &amp; *strategi* #1" in rendered
    assert "[Aarhus](http://x) &lt;i&gt;omegn&lt;/i&gt;" in rendered
    assert "<a " not in rendered and "<em>strategi</em>" not in rendered


def test_a_version_approved_before_the_header_named_the_workshop_still_reads_as_approved(
    app, client, secretary, workshop
):
    client.post(f"/workshops/{workshop}/annex/approve", data={"csrf_token": secretary})
    with app.app_context():
        # As a release before this one stored it: format 1, no workshop or place line.
        version = db.session.query(AnnexVersion).one()
        document = json.loads(json.dumps(version.document))
        document["format"] = 1
        header = document["header"]
        header["meta"] = [
            {"label": line["label"], "value": line["value"]}
            for line in header["meta"]
            if line["field"] not in ("workshop", "place")
        ]
        version.document = document
        db.session.commit()

    response = client.get(f"/workshops/{workshop}/annex/export", query_string={"format": "docx"})
    lines, _title = word_header(response.get_data())

    assert "-v1.docx" in response.headers["Content-Disposition"]
    assert lines[-1].startswith("Version 1, godkendt")
    assert not [line for line in lines if line.startswith(("Workshop:", "Sted:"))]
    page = client.get(f"/workshops/{workshop}/annex").get_data(as_text=True)
    assert "Approve version 2" not in page

    # A change to what that version said (its date) makes the next version's draft, which names
    # the workshop and its place.
    set_workshop(app, workshop, date=date(2025, 3, 5))
    lines, _title = word_header(download(client, workshop, "docx"))
    assert f"Workshop: {TITLE}" in lines and f"Sted: {PLACE}" in lines
    assert lines[-1] == "Kladde til version 2"


def test_the_files_own_title_names_the_workshop_in_word_pdf_and_html(client, secretary, workshop):
    # What a file manager, a PDF viewer's title bar or a browser tab says: not only "BILAG 1".
    word, pdf, html = file_titles(client, workshop)

    assert word == pdf == html == f"BILAG 1 · Noter fra gruppedrøftelserne · {TITLE}"


def test_a_title_that_names_the_workshop_is_the_files_title_without_repeating_it(
    client, secretary, workshop
):
    save_header(client, workshop, secretary, label_word="BILAG", title=f"Noter fra {TITLE.lower()}")

    word, pdf, html = file_titles(client, workshop)

    assert word == pdf == html == f"BILAG 1 · Noter fra {TITLE.lower()}"


def test_the_files_title_keeps_a_workshop_title_literal(app, client, secretary, workshop):
    title = "<b>Råd</b> & *strategi* #1"
    set_workshop(app, workshop, title=title)

    word, pdf, html = file_titles(client, workshop)

    assert word == pdf == f"BILAG 1 · Noter fra gruppedrøftelserne · {title}"
    escaped = "&lt;b&gt;Råd&lt;/b&gt; &amp; *strategi* #1"
    assert html == f"BILAG 1 · Noter fra gruppedrøftelserne · {escaped}"


def api_annex_and_word_lines(api, workshop: int) -> tuple[dict, list[str]]:
    """The API's annex, and the lines the Word file the API exports shows above its title."""
    annex = api("get", f"/workshops/{workshop}/annex").get_json()
    word = api("get", f"/workshops/{workshop}/annex/export?format=docx").get_data()
    return annex, word_header(word)[0]


def test_the_api_gives_the_header_lines_the_documents_show_in_the_workshops_language(
    app, client, owner, workshop
):
    api = api_as(app, client, owner, **{"Accept-Language": "en"})

    annex, word_lines = api_annex_and_word_lines(api, workshop)

    assert annex["header_lines"] == [
        {"field": "workshop", "label": "Workshop", "value": TITLE},
        {"field": "date", "label": "Dato", "value": "4. marts 2025"},
        {"field": "place", "label": "Sted", "value": PLACE},
        {"field": "document_number", "label": "Dokumentnummer", "value": "2025-117"},
    ]
    assert annex["status_line"] == "Kladde til version 1"
    shown = [f"{line['label']}: {line['value']}" for line in annex["header_lines"]]
    assert word_lines == ["BILAG 1", *shown, annex["status_line"]]
    # The editable fields are as before, and still go back unchanged with PATCH.
    assert annex["header"]["document_number"] == "2025-117"
    assert api("patch", f"/workshops/{workshop}/annex", json=annex["header"]).status_code == 200


def test_the_apis_header_lines_follow_an_approval_and_a_change_of_the_workshops_details(
    app, client, owner, workshop
):
    api = api_as(app, client, owner)
    assert api("post", f"/workshops/{workshop}/annex/approve").status_code == 201

    annex, word_lines = api_annex_and_word_lines(api, workshop)
    assert annex["status_line"].startswith("Version 1, godkendt ")
    assert word_lines[-1] == annex["status_line"]

    set_workshop(app, workshop, place="Aarhus Rådhus")
    annex, word_lines = api_annex_and_word_lines(api, workshop)
    assert annex["changed_since_approval"] is True
    assert {"field": "place", "label": "Sted", "value": "Aarhus Rådhus"} in annex["header_lines"]
    assert annex["status_line"] == "Kladde til version 2" == word_lines[-1]
