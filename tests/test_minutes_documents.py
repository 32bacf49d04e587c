"""The minutes' documents: markup and control characters escaped in every format, the fixed
words in the meeting's language, and `workshop export-minutes`."""

import io
import re

import docx
import pytest
from minutes_helpers import make_meeting, op, set_field

from workshop.cli import main as workshop_command

HOSTILE = '<script>alert(1)</script> & **bold** # [x](javascript:y) "quoted"\x07'
AGENDA = (
    {"title": "Approval of the agenda <i>", "standing": True, "attachments": ["Agenda & plan"]},
    {"title": "Reports"},
    {"title": "Next meetings", "standing": True},
)


@pytest.fixture
def hostile(app, api, owner):
    """Minutes whose every field holds markup and control characters."""
    meeting_id = make_meeting(app, owner, AGENDA, title="Council <b>meeting</b>")
    state = api("get", f"/meetings/{meeting_id}/minutes").get_json()
    for field in ("document_number", "reference", "theme", "place"):
        assert set_field(api, meeting_id, field, HOSTILE).status_code == 200
    coming = [{"date": "2027-03-04", "start": "13:00", "end": "", "note": HOSTILE}]
    assert set_field(api, meeting_id, "coming_meetings", coming).status_code == 200
    for item in state["items"]:
        for field in ("background", "discussion", "decision"):
            value = f"{HOSTILE}\n- {HOSTILE}\n  - {HOSTILE}"
            answer = set_field(api, meeting_id, field, value, item_id=item["id"])
            assert answer.status_code == 200, answer.get_json()
    assert op(api, meeting_id, "add_annex", title=HOSTILE).status_code == 200
    return meeting_id


def export(api, meeting_id: int, format_name: str) -> bytes:
    response = api("get", f"/meetings/{meeting_id}/minutes/export?format={format_name}")
    assert response.status_code == 200, response.get_json()
    return response.data


def test_markup_is_escaped_and_control_characters_dropped_in_every_format(api, hostile):
    html = export(api, hostile, "html").decode()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>meeting</b>" not in html and "\x07" not in html
    markdown = export(api, hostile, "md").decode()
    assert "\\<script\\>" in markdown and "\\*\\*bold\\*\\*" in markdown
    assert "\\[x\\](javascript:y)" in markdown and "\x07" not in markdown
    word = docx.Document(io.BytesIO(export(api, hostile, "docx")))
    texts = [p.text for p in word.paragraphs]
    assert any(t.startswith("Document number: <script>alert(1)</script> & **bold**") for t in texts)
    assert "Council <b>meeting</b>" in texts
    assert not any("\x07" in t for t in texts)
    assert export(api, hostile, "pdf").startswith(b"%PDF")


def test_the_coming_meetings_go_under_the_item_that_announces_them(api, hostile):
    markdown = export(api, hostile, "md").decode()
    heading = markdown.index("## 3. Next meetings")
    assert markdown.index("Thursday, 4 March 2027, 13:00") > heading
    assert "## Coming meetings" not in markdown


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("da", ("REFERAT", "Bilag:", "Baggrund:", "Beslutning:", "Bilag 1:", "Kommende møder")),
        ("nb", ("REFERAT", "Vedlegg:", "Bakgrunn:", "Vedtak:", "Vedlegg 1:", "Kommende møter")),
        (
            "en",
            ("MINUTES", "Attachments:", "Background:", "Decision:", "Annex 1:", "Coming meetings"),
        ),
    ],
)
def test_the_fixed_words_follow_the_meeting_language(app, api, owner, language, words):
    agenda = ({"title": "Item", "attachments": ["Paper"], "description": "Why."},)
    meeting_id = make_meeting(app, owner, agenda, language=language)
    item_id = api("get", f"/meetings/{meeting_id}/minutes").get_json()["items"][0]["id"]
    set_field(api, meeting_id, "decision", "Done.", item_id=item_id)
    op(api, meeting_id, "add_annex", title="Paper", item_id=item_id)
    coming = [{"date": "2027-03-04", "start": "", "end": "", "note": ""}]
    set_field(api, meeting_id, "coming_meetings", coming)
    texts = "\n".join(
        p.text for p in docx.Document(io.BytesIO(export(api, meeting_id, "docx"))).paragraphs
    )
    for word in words:
        assert word in texts, word


def test_cli_exports_the_minutes(app, api, runner, hostile, tmp_path):
    markdown = runner.invoke(workshop_command, ["export-minutes", str(hostile), "--format", "md"])
    assert markdown.exit_code == 0, markdown.output
    assert re.search(r"^# MINUTES$", markdown.output, re.MULTILINE)
    target = tmp_path / "minutes.docx"
    word = runner.invoke(workshop_command, ["export-minutes", str(hostile), "-o", str(target)])
    assert word.exit_code == 0, word.output
    assert "MINUTES" in [p.text for p in docx.Document(str(target)).paragraphs]
    missing = runner.invoke(workshop_command, ["export-minutes", "999999", "--format", "md"])
    assert missing.exit_code != 0 and "There is no meeting 999999" in missing.output
    no_version = runner.invoke(
        workshop_command, ["export-minutes", str(hostile), "--format", "md", "--version", "4"]
    )
    assert no_version.exit_code != 0 and "no approved version 4" in no_version.output
