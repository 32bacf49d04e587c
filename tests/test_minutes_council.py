"""The council meeting of the issue, reproduced through the API: six items, a workshop whose
annex is Annex 1, two presentations attached, reports with four reporters' bullet points, the
coming meetings; approved, then exported as one Word file and one PDF and read back."""

import io
import uuid

import docx
import pypdf
import pytest
from annex_helpers import word_paragraphs
from minutes_helpers import op, set_field

REPORTS = """- Asylum department (Anna Holm)
  - Fewer applications this quarter
  - New guidance on interviews
- Residence department (Bo Lind)
  - Waiting times down to eight weeks
- Reception department (Carl Berg)
  - Two centres merged
  - Staff trained in the new procedure
- Secretariat (Dina Friis)
  - The annual report is out"""
COMING = [
    {"date": "2027-03-04", "start": "13:00", "end": "16:00", "note": ""},
    {"date": "2027-06-10", "start": "09:30", "end": "12:00", "note": ""},
    {"date": "2027-09-16", "start": "13:00", "end": "16:00", "note": "Aarhus"},
]
ITEM_TITLES = (
    "Godkendelse af dagsorden",
    "Godkendelse af referat fra sidste møde",
    "Drøftelse af strategi 2030",
    "Orientering fra afdelingerne",
    "Eventuelt",
    "Kommende møder",
)
QUESTIONS = (
    "Hvem kan instituttet samarbejde med og bevare sin uafhængighed?",
    "Hvad er væsentlig due diligence?",
)


def created(response, status=201) -> dict:
    assert response.status_code == status, response.get_json()
    return response.get_json()


def add_item(api, meeting_id: int, title: str) -> int:
    return created(api("post", f"/meetings/{meeting_id}/items", json={"title": title}))["id"]


def run_workshop(api, workshop_id: int) -> None:
    """An outline of two numbered questions, one group, a note for each question, approved."""
    outline = "# Internationalt arbejde\n" + "".join(
        f"{n}. {text}\n" for n, text in enumerate(QUESTIONS, start=1)
    )
    body = {"text": outline}
    assert api("put", f"/workshops/{workshop_id}/outline/text", json=body).status_code == 200
    group = created(api("post", f"/workshops/{workshop_id}/groups", json={"name": "Gruppe 1"}))
    live = api("post", f"/workshops/{workshop_id}/status", json={"status": "live"})
    assert live.status_code == 200, live.get_json()
    outline_json = api("get", f"/workshops/{workshop_id}/outline").get_json()
    question_ids = [q["id"] for s in outline_json["sections"] for q in s["questions"]]
    for question_id, text in zip(
        question_ids, ("Andre institutter", "Risikovurdering"), strict=True
    ):
        note = {
            "id": str(uuid.uuid4()),
            "question_id": question_id,
            "group_id": group["id"],
            "text": text,
        }
        created(api("post", f"/workshops/{workshop_id}/notes", json=note))


@pytest.fixture
def council(app, api):
    """The meeting and the ids of its six items."""
    meeting = created(
        api(
            "post",
            "/meetings",
            json={
                "title": "Rådsmøde",
                "language": "da",
                "date": "2026-12-03",
                "start_time": "13:00",
                "end_time": "16:00",
                "place": "Instituttets mødelokale",
            },
        )
    )
    items = [add_item(api, meeting["id"], title) for title in ITEM_TITLES]
    created(
        api(
            "post",
            f"/meetings/{meeting['id']}/items/{items[0]}/attachments",
            json={"title": "Dagsorden for rådsmøde 3. december 2026"},
        )
    )
    workshop = created(api("post", f"/meetings/{meeting['id']}/items/{items[2]}/workshop", json={}))
    run_workshop(api, workshop["id"])
    return meeting["id"], workshop["id"]


def write_minutes(api, meeting_id: int) -> list[int]:
    """What the secretary types, through the save protocol; the minutes' item ids."""
    items = [i["id"] for i in api("get", f"/meetings/{meeting_id}/minutes").get_json()["items"]]
    for field, value in (
        ("document_number", "2026-0042"),
        ("reference", "RÅD-4/2026"),
        ("theme", "Strategi 2030"),
        ("coming_meetings", COMING),
    ):
        assert set_field(api, meeting_id, field, value).status_code == 200
    texts = [
        (items[0], "decision", "Dagsordenen blev godkendt."),
        (items[1], "decision", "Referatet blev godkendt."),
        (items[2], "background", "Rådet drøftede udkastet til strategi 2030."),
        (
            items[2],
            "discussion",
            "Oplæg ved direktøren og ved formanden.\n\nRådet drøftede spørgsmålene i grupper.",
        ),
        (items[2], "decision", "Sekretariatet arbejder videre med udkastet."),
        (items[3], "discussion", REPORTS),
        (items[4], "discussion", "Intet."),
    ]
    for item_id, field, value in texts:
        answer = set_field(api, meeting_id, field, value, item_id=item_id)
        assert answer.status_code == 200, answer.get_json()
    for title in ("Præsentation: strategi 2030 (direktøren)", "Præsentation: økonomi (formanden)"):
        assert op(api, meeting_id, "add_annex", title=title, item_id=items[2]).status_code == 200
    return items


def approve(api, meeting_id: int) -> None:
    refused = api("post", f"/meetings/{meeting_id}/minutes/approve", json={})
    assert refused.status_code == 409
    assert refused.get_json()["error"]["code"] == "minutes_annex_not_approved"
    assert refused.get_json()["error"]["details"]["annexes"][0]["number"] == 1
    approved = api(
        "post", f"/meetings/{meeting_id}/minutes/approve", json={"approve_annexes": True}
    )
    assert created(approved)["number"] == 1


def page_breaks(content: bytes) -> list[int]:
    """Indexes of the paragraphs that hold a page break."""
    document = docx.Document(io.BytesIO(content))
    return [
        index
        for index, paragraph in enumerate(document.paragraphs)
        if paragraph._p.xpath('.//w:br[@w:type="page"]')
    ]


def test_the_council_minutes_come_out_as_one_word_file_and_one_pdf(app, api, council):
    meeting_id, workshop_id = council
    write_minutes(api, meeting_id)
    state = api("get", f"/meetings/{meeting_id}/minutes").get_json()
    assert [(a["number"], a["kind"]) for a in state["annexes"]] == [
        (1, "workshop"),
        (2, "document"),
        (3, "document"),
    ]
    approve(api, meeting_id)
    annex = api("get", f"/workshops/{workshop_id}/annex").get_json()
    assert annex["status"] == "approved"  # approved in the same step

    word = api("get", f"/meetings/{meeting_id}/minutes/export?format=docx&version=1")
    assert word.status_code == 200
    rows = word_paragraphs(word.data)
    texts = [row["text"] for row in rows]

    header = [
        "Dokumentnummer: 2026-0042",
        "Reference: RÅD-4/2026",
        "Tema: Strategi 2030",
        "REFERAT",
        "Rådsmøde",
        "Dato: 3. december 2026",
        "Tidspunkt: 13.00–16.00",
        "Sted: Instituttets mødelokale",
    ]
    assert texts[: len(header)] == header
    assert rows[3]["style"] == "Title"

    headings = [row for row in rows if row["style"] == "Heading 1"]
    assert [h["text"] for h in headings[:6]] == list(ITEM_TITLES)
    assert all(h["format"] == "decimal" for h in headings[:6])  # real numbering, not typed
    assert len({h["num"] for h in headings[:6]}) == 1

    def after(heading: str) -> list[str]:
        start = texts.index(heading) + 1
        end = next((i for i in range(start, len(rows)) if rows[i]["style"] == "Heading 1"), None)
        return texts[start : end or len(texts)]

    assert after("Godkendelse af dagsorden") == [
        "Bilag: 1.1 Dagsorden for rådsmøde 3. december 2026",
        "Beslutning: Dagsordenen blev godkendt.",
    ]
    assert after("Drøftelse af strategi 2030") == [
        "Baggrund: Rådet drøftede udkastet til strategi 2030.",
        "Oplæg ved direktøren og ved formanden.",
        "Rådet drøftede spørgsmålene i grupper.",
        "Et resumé fra grupperne er vedlagt som bilag 1.",
        "Bilag 2: Præsentation: strategi 2030 (direktøren)",
        "Bilag 3: Præsentation: økonomi (formanden)",
        "Beslutning: Sekretariatet arbejder videre med udkastet.",
    ]
    assert after("Eventuelt") == ["Intet."]

    start = texts.index("Orientering fra afdelingerne") + 1
    bullets = [(r["text"], r["level"], r["format"]) for r in rows[start : start + 10]]
    assert bullets[0] == ("Asylum department (Anna Holm)", 0, "bullet")
    assert bullets[1] == ("Fewer applications this quarter", 1, "bullet")
    assert [b for b in bullets if b[1] == 0] == [
        ("Asylum department (Anna Holm)", 0, "bullet"),
        ("Residence department (Bo Lind)", 0, "bullet"),
        ("Reception department (Carl Berg)", 0, "bullet"),
        ("Secretariat (Dina Friis)", 0, "bullet"),
    ]
    assert len([b for b in bullets if b[1] == 1]) == 6

    coming = after("Kommende møder")
    assert coming[:3] == [
        "torsdag den 4. marts 2027, 13.00–16.00",
        "torsdag den 10. juni 2027, 09.30–12.00",
        "torsdag den 16. september 2027, 13.00–16.00 (Aarhus)",
    ]
    coming_start = texts.index("Kommende møder") + 1
    assert all(r["format"] == "bullet" for r in rows[coming_start : coming_start + 3])

    # The annex: on its own page after the minutes, with its own header and numbered questions.
    breaks = page_breaks(word.data)
    assert len(breaks) == 1
    annex_rows = rows[breaks[0] + 1 :]
    assert annex_rows[0]["text"] == "BILAG 1" and annex_rows[0]["bold"]
    assert breaks[0] > texts.index("Kommende møder")
    assert any(r["style"] == "Title" for r in annex_rows)
    questions = [r for r in annex_rows if r["text"] in QUESTIONS]
    assert [q["text"] for q in questions] == list(QUESTIONS)
    assert all(q["format"] == "decimal" and q["style"].startswith("Heading") for q in questions)
    assert "Andre institutter" in [r["text"] for r in annex_rows]
    assert docx.Document(io.BytesIO(word.data)).core_properties.language == "da-DK"

    pdf = api("get", f"/meetings/{meeting_id}/minutes/export?format=pdf&version=1")
    assert pdf.status_code == 200
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.data)).pages]
    text = "\n".join(pages)
    in_order = [
        "Dokumentnummer",
        "REFERAT",
        "Rådsmøde",
        "Godkendelse af dagsorden",
        "Dagsordenen blev godkendt.",
        "Drøftelse af strategi 2030",
        "vedlagt som bilag 1",
        "Orientering fra afdelingerne",
        "Anna Holm",
        "Fewer applications",
        "Dina Friis",
        "Eventuelt",
        "Intet.",
        "Kommende møder",
        "BILAG 1",
        QUESTIONS[0][:30],
        "Andre institutter",
        QUESTIONS[1][:20],
    ]
    positions = [text.index(needle) for needle in in_order]
    assert positions == sorted(positions)
    annex_page = next(i for i, page in enumerate(pages) if "BILAG 1" in page)
    assert "Kommende møder" not in pages[annex_page]  # the annex starts a page of its own


def test_an_approved_version_is_unchanged_by_later_edits(app, api, council):
    meeting_id, _workshop_id = council
    items = write_minutes(api, meeting_id)
    approve(api, meeting_id)
    first = api("get", f"/meetings/{meeting_id}/minutes/export?format=docx&version=1").data
    markdown = api("get", f"/meetings/{meeting_id}/minutes/export?format=md&version=1").data

    answer = set_field(api, meeting_id, "decision", "Udsat.", item_id=items[0])
    assert answer.get_json()["status"] == "draft" and answer.get_json()["version"] == 2
    assert op(api, meeting_id, "leave_out", item_id=items[4], left_out=True).status_code == 200

    again = api("get", f"/meetings/{meeting_id}/minutes/export?format=docx&version=1").data
    assert again == first
    old_md = api("get", f"/meetings/{meeting_id}/minutes/export?format=md&version=1").data
    assert old_md == markdown and "Dagsordenen blev godkendt." in old_md.decode()
    draft = api("get", f"/meetings/{meeting_id}/minutes/export?format=md").data.decode()
    assert "Udsat." in draft and "Eventuelt" not in draft
    versions = api("get", f"/meetings/{meeting_id}/minutes/versions").get_json()["versions"]
    assert [v["number"] for v in versions] == [1]
    missing = api("get", f"/meetings/{meeting_id}/minutes/export?format=md&version=2")
    assert missing.status_code == 404
