"""Votes in the annex and publishing it: order by votes and mark the top N, votes in the exports
(off by default in the documents, always in CSV/JSON), approved versions keep their numbers, and
participants read and download the published version (until it is withdrawn), in the browser
that joined or by their own results link on another device."""

import csv
import io
import json
import re
import uuid

import docx
import pytest
from conftest import csrf_token_from

from tests.live_helpers import add_note, enter_as_participant, question_ids
from tests.workshops_helpers import api_url as url
from tests.workshops_helpers import bearer
from workshop.extensions import db
from workshop.models import AnnexVersion, Participant
from workshop.models.base import utcnow


@pytest.fixture
def workshop_id(owner, make_workshop):
    return make_workshop(owner_id=owner, status="live")


def dot(client, token, point_id):
    answer = client.post(
        "/api/v1/participant/dots",
        json={"id": str(uuid.uuid4()), "point_id": point_id},
        headers=bearer(token),
    )
    assert answer.status_code == 200, answer.json
    return answer.json


@pytest.fixture
def voted(app, client, workshop_id, auth, make_participant):
    """Three notes under question 1; a closed raw vote: "Third" 2 dots, "Second" 1, "First" 0."""
    writer, _ = make_participant(workshop_id, 1, "Bo")
    question = question_ids(app, workshop_id)[0]
    for text in ("First", "Second", "Third"):
        add_note(app, workshop_id, writer, question, text)
    opened = client.post(
        url(workshop_id, "vote"),
        json={"source": "raw", "scope": "question", "target_id": question},
        headers=auth,
    )
    points = {p["text"]: p["id"] for p in opened.json["change"]["vote"]["points"]}
    voter_ids = [make_participant(workshop_id, 0, name) for name in ("Ada", "Cy")]
    dot(client, voter_ids[0][1], points["Third"])
    dot(client, voter_ids[1][1], points["Third"])
    dot(client, voter_ids[1][1], points["Second"])
    assert client.post(url(workshop_id, "vote/close"), headers=auth).status_code == 200
    return {"question": question, "points": points, "voters": voter_ids}


def question_points(annex: dict, question_id: int) -> list[dict]:
    for section in annex["sections"]:
        for question in section["questions"]:
            if question["id"] == question_id:
                return question["points"]
    raise AssertionError("no such question")


def export(client, workshop_id, auth, fmt, version=None) -> bytes:
    query = f"?format={fmt}" + (f"&version={version}" if version else "")
    response = client.get(url(workshop_id, "annex/export") + query, headers=auth)
    assert response.status_code == 200, response.data[:300]
    return response.data


def word_text(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def test_curating_orders_points_by_votes_and_marks_the_top_ones(client, workshop_id, auth, voted):
    annex = client.get(url(workshop_id, "annex"), headers=auth).json
    before = question_points(annex, voted["question"])
    assert [(p["text"], p["votes"]) for p in before] == [("First", 0), ("Second", 1), ("Third", 2)]

    ordered = client.post(
        url(workshop_id, "annex/order-by-votes"),
        json={"question_id": voted["question"], "top": 1},
        headers=auth,
    )
    assert ordered.status_code == 200, ordered.json
    after = question_points(ordered.json, voted["question"])
    assert [(p["text"], p["votes"], p["top"]) for p in after] == [
        ("Third", 2, True),
        ("Second", 1, False),
        ("First", 0, False),
    ]


def test_votes_show_in_documents_only_when_the_annex_includes_them(
    client, workshop_id, auth, voted
):
    client.post(url(workshop_id, "annex/order-by-votes"), json={"top": 0}, headers=auth)
    assert "votes" not in export(client, workshop_id, auth, "md").decode()
    patched = client.patch(url(workshop_id, "annex"), json={"include_votes": True}, headers=auth)
    assert patched.status_code == 200 and patched.json["include_votes"] is True
    markdown = export(client, workshop_id, auth, "md").decode()
    assert "- Third *(2 votes)*" in markdown and "- Second *(1 vote)*" in markdown
    assert markdown.index("Third") < markdown.index("Second") < markdown.index("First")
    assert "Third (2 votes)" in word_text(export(client, workshop_id, auth, "docx"))
    assert "(2 votes)" in export(client, workshop_id, auth, "html").decode()


def test_csv_and_json_carry_votes_per_note_and_per_point(client, workshop_id, auth, voted):
    rows = list(
        csv.reader(io.StringIO(export(client, workshop_id, auth, "csv").decode("utf-8-sig")))
    )
    header, notes = rows[0], rows[1:]
    votes = {row[header.index("Text")]: row[header.index("Votes")] for row in notes}
    assert votes == {"First": "0", "Second": "1", "Third": "2"}
    assert "Votes of its point" in header
    data = json.loads(export(client, workshop_id, auth, "json"))
    assert {n["text"]: n["point_votes"] for n in data["notes"]} == {
        "First": 0,
        "Second": 1,
        "Third": 2,
    }


def test_an_approved_version_keeps_its_numbers_when_the_vote_is_reopened(
    client, workshop_id, auth, voted
):
    client.patch(url(workshop_id, "annex"), json={"include_votes": True}, headers=auth)
    assert client.post(url(workshop_id, "annex/approve"), headers=auth).status_code == 201
    client.post(url(workshop_id, "vote/reopen"), headers=auth)
    dot(client, voted["voters"][0][1], voted["points"]["First"])
    dot(client, voted["voters"][0][1], voted["points"]["First"])
    client.post(url(workshop_id, "vote/close"), headers=auth)

    approved = export(client, workshop_id, auth, "md", version=1).decode()
    draft = export(client, workshop_id, auth, "md").decode()
    assert "- First *(0 votes)*" in approved
    assert "- First *(2 votes)*" in draft
    # The vote changed what the annex says: the export is the next version's draft, so called.
    assert "*Draft of version 2*" in draft


def test_an_annex_the_vote_changed_after_approval_can_be_approved_as_the_next_version(
    client, workshop_id, auth, voted
):
    client.patch(url(workshop_id, "annex"), json={"include_votes": True}, headers=auth)
    client.post(url(workshop_id, "annex/approve"), headers=auth)
    annex = client.get(url(workshop_id, "annex"), headers=auth).json
    assert annex["changed_since_approval"] is False
    again = client.post(url(workshop_id, "annex/approve"), headers=auth)
    assert again.status_code == 409 and again.json["error"]["code"] == "annex_already_approved"

    client.post(url(workshop_id, "vote/reopen"), headers=auth)
    dot(client, voted["voters"][0][1], voted["points"]["First"])
    client.post(url(workshop_id, "vote/close"), headers=auth)
    annex = client.get(url(workshop_id, "annex"), headers=auth).json
    assert annex["status"] == "approved" and annex["changed_since_approval"] is True

    approved = client.post(url(workshop_id, "annex/approve"), headers=auth)
    assert approved.status_code == 201 and approved.json["number"] == 2
    assert "- First *(1 vote)*" in export(client, workshop_id, auth, "md", version=2).decode()
    assert "- First *(0 votes)*" in export(client, workshop_id, auth, "md", version=1).decode()
    annex = client.get(url(workshop_id, "annex"), headers=auth).json
    assert (annex["version"], annex["changed_since_approval"]) == (2, False)


def test_an_approved_annex_still_reads_as_approved_after_a_release_rewords_its_labels(
    app, client, workshop_id, auth
):
    assert client.post(url(workshop_id, "annex/approve"), headers=auth).status_code == 201
    with app.app_context():
        version = db.session.scalars(db.select(AnnexVersion)).one()
        # As an earlier release wrote them: its own words, not what was approved.
        version.document = {
            **version.document,
            "labels": {**version.document["labels"], "no_notes": "Nothing yet.", "date": "Dated"},
        }
        db.session.commit()

    annex = client.get(url(workshop_id, "annex"), headers=auth).json
    assert (annex["status"], annex["changed_since_approval"]) == ("approved", False)
    assert "*Draft of version 2*" not in export(client, workshop_id, auth, "md").decode()
    again = client.post(url(workshop_id, "annex/approve"), headers=auth)
    assert again.status_code == 409 and again.json["error"]["code"] == "annex_already_approved"


def test_participants_read_the_published_annex_until_it_is_withdrawn(
    app, client, workshop_id, auth, voted, make_participant
):
    participant_id, token = make_participant(workshop_id, 0, "Dee")
    refused = client.post(url(workshop_id, "annex/publication"), json={}, headers=auth)
    assert refused.status_code == 409 and refused.json["error"]["code"] == "annex_not_approved"
    client.post(url(workshop_id, "annex/approve"), headers=auth)
    published = client.post(
        url(workshop_id, "annex/publication"), json={"include_votes": True}, headers=auth
    )
    assert published.status_code == 200, published.json
    assert published.json["change"]["kind"] == "annex:published"

    read = client.get("/api/v1/participant/annex", headers=bearer(token))
    assert read.status_code == 200 and read.json["publication"]["version"] == 1
    assert [r["dots"] for r in read.json["publication"]["results"]] == [2, 1, 0]
    # A client with the token alone (no browser session) downloads the files too.
    word_link = read.json["downloads"]["docx"]
    assert word_link == "/api/v1/participant/annex/docx"
    word = client.get(word_link, headers=bearer(token))
    assert word.status_code == 200 and "Third (2 votes)" in word_text(word.data)
    assert client.get(read.json["downloads"]["pdf"], headers=bearer(token)).data[:4] == b"%PDF"
    other = client.get("/api/v1/participant/annex/csv", headers=bearer(token))
    assert other.status_code == 404 and other.json["error"]["code"] == "unknown_format"
    assert client.get(word_link).status_code == 401

    browser = enter_as_participant(app.test_client(), app, workshop_id, participant_id)
    page = browser.get(f"/w/{workshop_id}/annex")
    assert page.status_code == 200
    assert b"Third" in page.data and b"2 votes" in page.data
    word = browser.get(f"/w/{workshop_id}/annex/docx")
    assert word.status_code == 200 and "Third (2 votes)" in word_text(word.data)
    assert browser.get(f"/w/{workshop_id}/annex/pdf").data[:4] == b"%PDF"
    assert browser.get(f"/w/{workshop_id}/annex/csv").status_code == 404

    assert client.delete(url(workshop_id, "annex/publication"), headers=auth).status_code == 200
    assert client.get("/api/v1/participant/annex", headers=bearer(token)).status_code == 404
    withdrawn = client.get("/api/v1/participant/annex/docx", headers=bearer(token))
    assert withdrawn.status_code == 404
    assert browser.get(f"/w/{workshop_id}/annex").status_code == 404
    assert browser.get(f"/w/{workshop_id}/annex/docx").status_code == 404


# --- the annex page's forms ---


def test_the_annex_page_orders_by_votes_includes_them_and_publishes(
    client, login_as, owner, workshop_id, auth, voted
):
    login_as(owner)
    page = f"/workshops/{workshop_id}/annex"
    token = csrf_token_from(client.get(page).get_data(as_text=True))

    def post(path, **data):
        return client.post(
            f"{page}/{path}", data={"csrf_token": token, **data}, follow_redirects=True
        )

    assert "ordered by votes" in post("votes/order", top="1").get_data(as_text=True)
    post("votes/include", include_votes="y")
    assert "- Third *(2 votes; top priority)*" in export(client, workshop_id, auth, "md").decode()
    refused = post("votes/order", top="99")
    assert "Mark between 0 and 50" in refused.get_data(as_text=True)
    post("publication/withdraw")  # nothing published: refused, nothing changes
    client.post(url(workshop_id, "annex/approve"), headers=auth)
    assert "published to the participants" in post("publication").get_data(as_text=True)
    assert (
        client.get(url(workshop_id, "annex/publication"), headers=auth).json["publication"][
            "version"
        ]
        == 1
    )


def test_the_annex_pages_chart_nests_sub_points_and_shows_no_share_before_anyone_voted(
    app, client, login_as, owner, workshop_id, auth, make_participant
):
    writer, _ = make_participant(workshop_id, 1, "Bo")
    question = question_ids(app, workshop_id)[0]
    add_note(app, workshop_id, writer, question, "Be open about funders\n- Funding ceiling")
    vote = {"source": "raw", "scope": "question", "target_id": question}
    assert client.post(url(workshop_id, "vote"), json=vote, headers=auth).status_code == 200
    assert client.post(url(workshop_id, "vote/close"), headers=auth).status_code == 200
    login_as(owner)
    html = client.get(f"/workshops/{workshop_id}/annex").get_data(as_text=True)
    chart = html[html.index('<ol class="vote-bars"') : html.index("</figure>")]
    bar_text = chart[chart.index('class="vote-bar-text"') : chart.index("vote-bar-track")]
    # The sub-point is a list item nested under the point, not a "- " line.
    nested = r"<li[^>]*>Be open about funders\s*<ul><li[^>]*>Funding ceiling</li>"
    assert re.search(nested, bar_text)
    assert "- Funding" not in chart
    # Nobody voted: no "chosen by 0 %", and no percentage in the table either.
    shown = re.sub(r'style="[^"]*"', "", chart)  # the bars' widths are percentages too
    assert "chosen by" not in shown and "%" not in shown
    assert "0 people voted." in html


# --- the participant's results link ---


def results_link(app, workshop_id: int, participant_id: int) -> str:
    """The link as the participant's own page shows it (the path part)."""
    browser = enter_as_participant(app.test_client(), app, workshop_id, participant_id)
    page = browser.get(f"/w/{workshop_id}").get_data(as_text=True)
    assert "Your link to this workshop" in page
    return re.search(r'id="results-link">http://localhost(/results/[^<]+)</a>', page).group(1)


def publish(client, workshop_id: int, auth: dict) -> None:
    approved = client.post(url(workshop_id, "annex/approve"), headers=auth)
    assert approved.status_code == 201, approved.get_json()
    published = client.post(url(workshop_id, "annex/publication"), json={}, headers=auth)
    assert published.status_code == 200, published.get_json()


def test_the_results_link_opens_the_published_annex_on_another_device(
    app, client, workshop_id, auth, make_participant
):
    participant_id, _token = make_participant(workshop_id, 0, "Ada")
    add_note(app, workshop_id, participant_id, question_ids(app, workshop_id)[0], "Keep the say")
    link = results_link(app, workshop_id, participant_id)
    other_device = app.test_client()  # no session: never joined in this browser

    waiting = other_device.get(link)
    assert waiting.status_code == 404
    assert "The annex is not published." in waiting.get_data(as_text=True)

    publish(client, workshop_id, auth)
    page = other_device.get(link)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Keep the say" in text
    assert f'href="{link}/docx"' in text and f'href="{link}/pdf"' in text
    assert "Back to the workshop" not in text  # this device is not in the workshop
    word = other_device.get(f"{link}/docx")
    assert word.status_code == 200
    assert "Keep the say" in [p.text for p in docx.Document(io.BytesIO(word.data)).paragraphs]
    assert other_device.get(f"{link}/pdf").data[:4] == b"%PDF"
    assert other_device.get(f"{link}/csv").status_code == 404
    # It opens the results only: the participant's page still wants a join.
    assert other_device.get(f"/w/{workshop_id}").status_code == 302

    assert client.delete(url(workshop_id, "annex/publication"), headers=auth).status_code == 200
    assert other_device.get(link).status_code == 404
    assert other_device.get(f"{link}/docx").status_code == 404


def test_a_forged_or_a_removed_participants_link_opens_nothing(
    app, client, workshop_id, auth, make_participant
):
    participant_id, _token = make_participant(workshop_id, 0, "Ada")
    link = results_link(app, workshop_id, participant_id)
    publish(client, workshop_id, auth)
    assert client.get(link).status_code == 200

    forged = link[:-2] + ("AA" if not link.endswith("AA") else "BB")
    assert client.get(forged).status_code == 404
    assert client.get("/results/" + "x" * 300).status_code == 404
    with app.app_context():
        db.session.get(Participant, participant_id).removed_at = utcnow()
        db.session.commit()
    assert client.get(link).status_code == 404
    assert client.get(f"{link}/docx").status_code == 404


def test_the_annex_pages_order_by_votes_names_each_question_by_its_full_number(
    app, client, login_as, owner, make_workshop, auth, make_participant
):
    """Questions in blocks are "A.1", "B.2" there, as everywhere else on the page ("Question 1.:"
    three times over, with the blocks' letters lost, left the facilitator guessing)."""
    workshop_id = make_workshop(owner_id=owner, status="live", sections=())
    outline = (
        "# International work\n1. Who can the institute work for?\n"
        "# National work\n## A. In the world we live in:\n1. Secure its independence?\n"
        "## B. Reflections\n1. Are these the right topics?\n2. Is something missing?\n"
    )
    put = client.put(
        f"/api/v1/workshops/{workshop_id}/outline/text",
        data=outline.encode(),
        headers=auth,
        content_type="text/plain; charset=utf-8",
    )
    assert put.status_code == 200, put.json
    writer, _ = make_participant(workshop_id, 0, "Bo")
    question = question_ids(app, workshop_id)[0]
    add_note(app, workshop_id, writer, question, "Universities")
    vote = {"source": "raw", "scope": "question", "target_id": question}
    assert client.post(url(workshop_id, "vote"), json=vote, headers=auth).status_code == 200
    assert client.post(url(workshop_id, "vote/close"), headers=auth).status_code == 200

    login_as(owner)
    html = client.get(f"/workshops/{workshop_id}/annex").get_data(as_text=True)
    start = html.index('<select id="order-question"')
    choice = html[start : html.index("</select>", start)]
    options = [
        re.sub(r"\s+", " ", text).strip() for text in re.findall(r">([^<]+)</option>", choice)
    ]
    assert options == [
        "Every question",
        "Question 1: Who can the institute work for?",
        "Question A.1: Secure its independence?",
        "Question B.1: Are these the right topics?",
        "Question B.2: Is something missing?",
    ]
