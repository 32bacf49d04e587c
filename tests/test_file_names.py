"""Downloaded and written files are named in the document's own language (the workshop's or the
meeting's, not the reader's), in plain ASCII: the annex, the minutes, the notice and its calendar
file, the outline as text, through the pages, the API and the command line."""

import pytest
from annex_helpers import add_note
from conftest import csrf_token_from
from minutes_helpers import make_meeting

from tests.workshops_helpers import api_as
from workshop.cli import main as workshop_command

# What each language calls the files; the reader's browser asks for another language each time.
NAMES = {
    "en": {
        "annex": "annex-v1",
        "draft": "annex-v1-draft",
        "notes": "notes",
        "minutes": "minutes-v1",
        "minutes_draft": "minutes-v1-draft",
        "notice": "notice",
        "outline": "outline",
        "meeting": "meeting",
    },
    "da": {
        "annex": "bilag-v1",
        "draft": "bilag-v1-kladde",
        "notes": "noter",
        "minutes": "referat-v1",
        "minutes_draft": "referat-v1-kladde",
        "notice": "indkaldelse",
        "outline": "disposition",
        "meeting": "moede",
    },
    "nb": {
        "annex": "vedlegg-v1",
        "draft": "vedlegg-v1-utkast",
        "notes": "notater",
        "minutes": "referat-v1",
        "minutes_draft": "referat-v1-utkast",
        "notice": "innkalling",
        "outline": "disposisjon",
        "meeting": "moete",
    },
}
LANGUAGES = list(NAMES)
READER = {"en": "da", "da": "nb", "nb": "en"}  # never the document's own language


def attachment(response) -> str:
    """The file name a browser saves the response under; the header must be plain ASCII."""
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    header = response.headers["Content-Disposition"]
    assert header.isascii() and "filename*" not in header, header
    kind, _, name = header.partition("; filename=")
    assert kind == "attachment", header
    return name


@pytest.fixture
def annex_of(app, client, login_as, make_workshop, owner):
    """A live workshop in `language` with a note, its owner logged in; returns its id."""
    login_as(owner)

    def make(language: str, title: str = "Strategi 2030") -> int:
        workshop = make_workshop(owner_id=owner, title=title, language=language, status="live")
        add_note(app, workshop, "Samarbejde med civilsamfundet", group=0)
        return workshop

    return make


@pytest.mark.parametrize("language", LANGUAGES)
def test_annex_downloads_are_named_in_the_workshops_language(client, annex_of, language):
    workshop = annex_of(language)
    words = NAMES[language]
    headers = {"Accept-Language": READER[language]}

    def name(**query) -> str:
        url = f"/workshops/{workshop}/annex/export"
        return attachment(client.get(url, query_string=query, headers=headers))

    assert name(format="docx") == f"strategi-2030-{words['draft']}.docx"
    assert name(format="csv") == f"strategi-2030-{words['notes']}.csv"
    page = client.get(f"/workshops/{workshop}/annex").get_data(as_text=True)
    approve = client.post(
        f"/workshops/{workshop}/annex/approve", data={"csrf_token": csrf_token_from(page)}
    )
    assert approve.status_code == 302
    assert name(format="pdf") == f"strategi-2030-{words['annex']}.pdf"
    assert name(format="md", version=1) == f"strategi-2030-{words['annex']}.md"


def test_a_title_of_danish_letters_is_spelled_out_not_dropped(client, annex_of):
    """Werkzeug's ASCII fallback for a non-ASCII name would drop æ, ø and å ("mde-om-.docx")."""
    workshop = annex_of("da", title="Møde om æøå — Ærø")
    response = client.get(f"/workshops/{workshop}/annex/export?format=docx")
    assert attachment(response) == "moede-om-aeoeaa-aeroe-bilag-v1-kladde.docx"


def test_a_title_without_letters_gives_the_name_of_the_kind_and_number(client, annex_of):
    workshop = annex_of("da", title="???")
    response = client.get(f"/workshops/{workshop}/annex/export?format=md")
    assert attachment(response) == f"workshop-{workshop}-bilag-v1-kladde.md"


@pytest.fixture
def meeting_in(app, client, owner):
    """A meeting "Council meeting" in `language`; returns its id and the owner's API, read in
    another language."""

    def make(language: str, title: str = "Council meeting"):
        meeting = make_meeting(
            app, owner, [{"title": "Status"}], "Netværket", language=language, title=title
        )
        return meeting, api_as(app, client, owner, **{"Accept-Language": READER[language]})

    return make


@pytest.mark.parametrize("language", LANGUAGES)
def test_minutes_downloads_are_named_in_the_meetings_language(meeting_in, language):
    meeting, api = meeting_in(language)
    words = NAMES[language]

    def name(**query) -> str:
        return attachment(api("get", f"/meetings/{meeting}/minutes/export", query_string=query))

    assert name(format="docx") == f"council-meeting-{words['minutes_draft']}.docx"
    assert api("post", f"/meetings/{meeting}/minutes/approve", json={}).status_code == 201
    assert name(format="pdf") == f"council-meeting-{words['minutes']}.pdf"
    assert name(format="md", version=1) == f"council-meeting-{words['minutes']}.md"


@pytest.mark.parametrize("language", LANGUAGES)
def test_notice_downloads_are_named_in_the_meetings_language(meeting_in, language):
    meeting, api = meeting_in(language)
    words = NAMES[language]
    for extension in ("docx", "pdf", "md", "ics"):
        response = api("get", f"/meetings/{meeting}/notice/export?format={extension}")
        assert attachment(response) == f"council-meeting-{words['notice']}.{extension}"
    untitled, api = meeting_in(language, title="")
    response = api("get", f"/meetings/{untitled}/notice/export?format=docx")
    assert attachment(response) == f"{words['meeting']}-{untitled}-{words['notice']}.docx"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_outline_as_text_is_named_in_the_workshops_language(client, annex_of, language):
    workshop = annex_of(language)
    response = client.get(
        f"/workshops/{workshop}/outline/text", headers={"Accept-Language": READER[language]}
    )
    name = response.headers["Content-Disposition"].partition("; filename=")[2]
    assert name == f'"{NAMES[language]["outline"]}-{workshop}.txt"'


def test_the_command_line_writes_files_under_the_same_names(
    runner, annex_of, meeting_in, tmp_path, monkeypatch
):
    folder = tmp_path / "exports"
    folder.mkdir()
    monkeypatch.chdir(folder)
    workshop = annex_of("da")
    meeting, _api = meeting_in("nb")
    for command in (
        ["export-annex", str(workshop), "--format", "docx"],
        ["export-minutes", str(meeting), "--format", "pdf"],
        ["export-notice", str(meeting), "--format", "docx"],
    ):
        result = runner.invoke(workshop_command, command)
        assert result.exit_code == 0, result.output
    assert sorted(path.name for path in folder.iterdir()) == [
        "council-meeting-innkalling.docx",
        "council-meeting-referat-v1-utkast.pdf",
        "strategi-2030-bilag-v1-kladde.docx",
    ]
