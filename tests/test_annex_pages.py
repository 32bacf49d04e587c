"""The annex page, its JSON API and the export-annex command, through their real boundaries."""

import io
import json
import re

import docx
import pytest
from annex_helpers import add_note, point_ids, question_ids
from conftest import csrf_token_from
from sqlalchemy import select

from workshop.cli import main as workshop_command
from workshop.extensions import db
from workshop.models import Section, Workshop


@pytest.fixture
def owner(make_facilitator):
    return make_facilitator(name="Olga Owner")


@pytest.fixture
def workshop(app, make_workshop, owner):
    workshop = make_workshop(owner_id=owner, questions=2, groups=2, status="live")
    add_note(app, workshop, "Cooperate with civil society", group=0)
    add_note(app, workshop, "Keep <independence>", group=1)
    return workshop


@pytest.fixture
def editor(client, login_as, owner, workshop):
    """Logged in as the owner; returns (html of the annex page, its CSRF token)."""
    login_as(owner)

    def fetch():
        html = client.get(f"/workshops/{workshop}/annex").get_data(as_text=True)
        return html, csrf_token_from(html)

    return fetch


def post(client, url, token, **data):
    return client.post(url, data={"csrf_token": token, **data})


def test_annex_page_shows_the_points_per_question_while_the_workshop_is_live(editor):
    html, _token = editor()

    assert "Cooperate with civil society" in html
    assert "Keep &lt;independence&gt;" in html and "<independence>" not in html
    assert re.search(r'<span class="number">1\.</span> Question 1 of International work\?', html)
    assert "Draft of version 1." in html


def test_annex_page_needs_login_and_is_not_found_for_other_facilitators(
    client, login_as, make_facilitator, workshop
):
    response = client.get(f"/workshops/{workshop}/annex")
    assert response.status_code in (302, 401)

    login_as(make_facilitator())
    assert client.get(f"/workshops/{workshop}/annex").status_code == 404
    assert client.get(f"/workshops/{workshop}/annex/export?format=md").status_code == 404


def test_a_post_without_the_csrf_token_is_rejected(app, client, editor, workshop):
    editor()
    [point, _other] = point_ids(app, workshop)
    response = client.post(f"/workshops/{workshop}/annex/points/{point}/exclude")
    assert response.status_code == 400
    assert "Cooperate" in export(client, workshop, "md")


def export(client, workshop, format_name, **args):
    response = client.get(
        f"/workshops/{workshop}/annex/export", query_string={"format": format_name, **args}
    )
    assert response.status_code == 200
    return response.get_data(as_text=format_name in ("md", "html", "csv", "json"))


def test_editor_rewords_excludes_moves_and_adds_points_on_the_page(app, client, editor, workshop):
    _html, token = editor()
    civil, independence = point_ids(app, workshop)
    base = f"/workshops/{workshop}/annex"

    response = post(client, f"{base}/points/{civil}/text", token, text="Civil society, reworded")
    assert response.status_code == 302 and response.location.endswith(f"#point-{civil}")
    post(client, f"{base}/points/{independence}/move", token, direction="up")
    post(client, f"{base}/questions/{question_ids(app, workshop)[0]}/points", token, text="By hand")
    post(client, f"{base}/points/{civil}/exclude", token)

    html, _token = editor()
    assert "The point is excluded from the annex." in html
    assert "Excluded from the annex" in html
    markdown = export(client, workshop, "md")
    assert "- Keep \\<independence\\>\n- By hand\n" in markdown
    assert "reworded" not in markdown


def test_without_script_a_point_moves_to_a_position_and_the_page_returns_to_it(
    app, client, editor, workshop
):
    add_note(app, workshop, "Third", group=1)
    _html, token = editor()
    civil, independence, third = point_ids(app, workshop)
    base = f"/workshops/{workshop}/annex"

    response = post(client, f"{base}/points/{third}/position", token, position="1")

    assert response.status_code == 302 and response.location.endswith(f"#point-{third}")
    assert point_ids(app, workshop) == [third, civil, independence]
    html, token = editor()
    assert "The point is moved." in html
    assert f'<li id="point-{third}" tabindex="-1"' in html
    refused = post(client, f"{base}/points/{third}/position", token, position="0")
    assert refused.status_code == 302
    assert "A position is a number from 1 to 5000." in editor()[0]


def test_page_script_saves_a_whole_order_and_gets_a_message_to_announce(
    app, client, editor, workshop
):
    _html, token = editor()
    civil, independence = point_ids(app, workshop)
    url = f"/workshops/{workshop}/annex/questions/{question_ids(app, workshop)[0]}/order"
    as_script = {"Accept": "application/json", "Accept-Language": "nb"}

    saved = client.post(
        url, data={"csrf_token": token, "point_ids": [independence, civil]}, headers=as_script
    )
    assert saved.status_code == 200
    assert saved.get_json() == {"ok": True, "message": "Den nye rekkefølgen er lagret."}
    assert point_ids(app, workshop) == [independence, civil]

    refused = client.post(url, data={"csrf_token": token, "point_ids": [civil]}, headers=as_script)
    assert refused.status_code == 400
    assert refused.get_json()["message"].startswith("Rekkefølgen må inneholde hvert")
    assert point_ids(app, workshop) == [independence, civil]


def test_annex_page_has_skip_links_to_approve_and_to_every_question(app, editor, workshop):
    html, _token = editor()
    first, second = question_ids(app, workshop)

    skip_links = html[
        html.index('class="annex-skip-links"') : html.index(
            "</nav>", html.index('class="annex-skip-links"')
        )
    ]
    assert skip_links.index('href="#approve"') < skip_links.index(f'href="#question-{first}"')
    assert f'href="#question-{second}"' in skip_links
    assert '<section class="card" id="approve" tabindex="-1"' in html
    assert f'id="question-{second}" tabindex="-1"' in html


def test_page_refuses_bad_wording_with_a_message(app, client, editor, workshop):
    _html, token = editor()
    civil, _other = point_ids(app, workshop)

    post(client, f"/workshops/{workshop}/annex/points/{civil}/text", token, text="x" * 10001)

    html, _token = editor()
    assert "At most 10,000 characters." in html


def test_merging_on_the_page_shows_the_wording_to_edit_then_merges(app, client, editor, workshop):
    _html, token = editor()
    civil, independence = point_ids(app, workshop)
    base = f"/workshops/{workshop}/annex"

    step = client.post(
        f"{base}/merge", data={"csrf_token": token, "point_ids": [civil, independence]}
    )
    html = step.get_data(as_text=True)
    assert step.status_code == 200
    # One point to reword, not two lines that would stay two bullets.
    assert "Cooperate with civil society; Keep &lt;independence&gt;</textarea>" in html

    done = client.post(
        f"{base}/merge",
        data={
            "csrf_token": csrf_token_from(html),
            "point_ids": [civil, independence],
            "confirm": "1",
            "text": "Cooperate, independently",
        },
    )
    assert done.status_code == 302
    html, _token = editor()
    assert "From 2 notes" in html
    assert "- Cooperate, independently\n\n" in export(client, workshop, "md")


def test_header_form_saves_and_shows_errors(client, editor, workshop):
    _html, token = editor()
    base = f"/workshops/{workshop}/annex"
    values = {
        "label_word": "BILAG",
        "label_number": "2",
        "date": "2025-03-04",
        "document_number": "DOC-1",
        "reference": "",
        "title": "Noter",
        "intro": "",
        "attribution": "mark",
    }

    assert post(client, f"{base}/header", token, **values).status_code == 302
    markdown = export(client, workshop, "md")
    assert markdown.startswith(
        "**BILAG 2**\n\nWorkshop: Strategy workshop\\\nDate: 4 March 2025\\\n"
        "Document number: DOC-1\n"
    )
    assert "*(Group 1)*" in markdown

    refused = post(client, f"{base}/header", token, **{**values, "title": ""})
    assert refused.status_code == 400
    assert "The annex needs a title." in refused.get_data(as_text=True)


def test_header_saved_on_the_page_before_notes_keeps_later_notes_in_the_export(
    app, client, login_as, make_workshop, owner
):
    empty = make_workshop(owner_id=owner, questions=2, groups=1, status="live")
    login_as(owner)
    base = f"/workshops/{empty}/annex"
    token = csrf_token_from(client.get(base).get_data(as_text=True))
    header = {"label_word": "BILAG", "label_number": "3", "title": "Noter", "attribution": "none"}
    assert post(client, f"{base}/header", token, **header).status_code == 302

    add_note(app, empty, "First point of the day", question=0)
    add_note(app, empty, "Second question's point", question=1)

    markdown = export(client, empty, "md")
    assert markdown.startswith("**BILAG 3**")
    assert "- First point of the day\n" in markdown
    assert "- Second question's point\n" in markdown
    assert "No notes" not in markdown
    assert "new note" not in client.get(base).get_data(as_text=True)


def test_the_workshops_home_says_where_its_annex_stands(client, editor, workshop):
    home = f"/workshops/{workshop}"
    assert "Draft of version 1" in client.get(home).get_data(as_text=True)
    _html, token = editor()
    post(client, f"/workshops/{workshop}/annex/approve", token)
    page = client.get(home).get_data(as_text=True)
    assert "Version 1 is approved." in page
    assert "Draft of version" not in page


def test_approving_on_the_page_lists_the_version_with_its_downloads(app, client, editor, workshop):
    _html, token = editor()
    base = f"/workshops/{workshop}/annex"

    post(client, f"{base}/approve", token)
    html, token = editor()
    assert "Version 1 is approved." in html
    assert f"{base}/export?format=docx&amp;version=1" in html

    civil, _other = point_ids(app, workshop)
    post(client, f"{base}/points/{civil}/text", token, text="After approval")
    assert "Draft of version 2." in editor()[0]
    document = docx.Document(io.BytesIO(export(client, workshop, "docx", version=1)))
    assert "Cooperate with civil society" in [p.text for p in document.paragraphs]


def test_an_approved_annex_whose_details_changed_offers_to_approve_the_next_version(
    app, client, editor, workshop
):
    _html, token = editor()
    base = f"/workshops/{workshop}/annex"
    post(client, f"{base}/approve", token)
    html, token = editor()
    assert "Approve version 2" not in html
    with app.app_context():
        db.session.get(Workshop, workshop).annex_title = "Notes from the rooms"
        db.session.commit()

    html, token = editor()
    assert "The votes or the workshop's details have changed since" in html
    assert "Approve version 2" in html
    post(client, f"{base}/approve", token)
    html, _token = editor()
    assert "Version 2 is approved. Any change starts the draft of version 3." in html
    assert "Approve version" not in html
    version_2 = docx.Document(io.BytesIO(export(client, workshop, "docx", version=2)))
    assert "Notes from the rooms" in [p.text for p in version_2.paragraphs]


def test_new_notes_after_curating_are_marked_new_to_take_in_or_leave_out(
    app, client, editor, workshop
):
    _html, token = editor()
    civil, _other = point_ids(app, workshop)
    base = f"/workshops/{workshop}/annex"
    post(client, f"{base}/points/{civil}/exclude", token)
    add_note(app, workshop, "Arrived late", group=1)
    add_note(app, workshop, "Also late", group=0)

    html, token = editor()
    assert "2 new notes" in html
    also, late = point_ids(app, workshop, pending=True)  # in group order: group 1 first
    post(client, f"{base}/points/{late}/take-in", token)
    post(client, f"{base}/points/{also}/leave-out", token)

    markdown = export(client, workshop, "md")
    assert "- Arrived late" in markdown and "Also late" not in markdown


def test_fixed_words_follow_the_workshops_language_not_the_readers(app, client, editor, workshop):
    from annex_helpers import set_workshop

    editor()
    set_workshop(app, workshop, language="nb")
    add_note(app, workshop, "Unused question stays empty", group=0)

    response = client.get(
        f"/workshops/{workshop}/annex/export?format=md", headers={"Accept-Language": "en"}
    )
    markdown = response.get_data(as_text=True)
    assert markdown.startswith("**VEDLEGG 1**")
    assert "*Ingen notater.*" in markdown


def test_exports_download_with_a_file_name_and_type(client, editor, workshop):
    editor()
    response = client.get(f"/workshops/{workshop}/annex/export?format=docx")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "strategy-workshop-annex-v1-draft.docx" in response.headers["Content-Disposition"]
    assert response.mimetype.endswith("wordprocessingml.document")
    html = client.get(f"/workshops/{workshop}/annex/export?format=html")
    assert html.mimetype == "text/html"
    assert "default-src 'none'" in html.headers["Content-Security-Policy"]
    assert client.get(f"/workshops/{workshop}/annex/export?format=exe").status_code == 400


# --- API ---


@pytest.fixture
def api(app, client, owner):
    """A JSON client for the owner's API token: api(method, path, json=None) -> response."""
    from workshop.models import Facilitator
    from workshop.services.accounts import create_api_token

    with app.app_context():
        _token, secret = create_api_token(db.session.get(Facilitator, owner), "tests")

    def call(method, path, payload=None, headers=None, **kwargs):
        return client.open(
            f"/api/v1{path}",
            method=method,
            json=payload,
            headers={"Authorization": f"Bearer {secret}", **(headers or {})},
            **kwargs,
        )

    return call


def test_api_reads_the_annex_and_curates_its_points(app, api, workshop):
    body = api("GET", f"/workshops/{workshop}/annex").get_json()
    question = body["sections"][0]["questions"][0]
    civil, independence = (p["id"] for p in question["points"])
    assert question["points"][0]["sources"][0]["group"] == "Group 1"
    assert body["status"] == "draft" and body["version"] == 1 and not body["curated"]

    changed = api("PATCH", f"/workshops/{workshop}/annex/points/{civil}", {"text": "Reworded"})
    assert changed.status_code == 200 and changed.get_json()["text"] == "Reworded"
    api("POST", f"/workshops/{workshop}/annex/points/{independence}/move", {"direction": "up"})
    added = api(
        "POST",
        f"/workshops/{workshop}/annex/points",
        {"question_id": question["id"], "text": "New"},
    )
    assert added.status_code == 201 and added.get_json()["manual"]
    merged = api(
        "POST",
        f"/workshops/{workshop}/annex/points/merge",
        {"point_ids": [civil, added.get_json()["id"]]},
    )
    assert merged.get_json()["text"] == "Reworded; New"
    api("PATCH", f"/workshops/{workshop}/annex/points/{independence}", {"excluded": True})

    after = api("GET", f"/workshops/{workshop}/annex").get_json()
    points = after["sections"][0]["questions"][0]["points"]
    assert [(p["text"], p["excluded"]) for p in points] == [
        ("Keep <independence>", True),
        ("Reworded; New", False),
    ]
    assert after["curated"] and after["point_count"] == 1


def test_api_changes_the_header_and_refuses_bad_input(api, workshop):
    patched = api("PATCH", f"/workshops/{workshop}/annex", {"label_word": "VEDLEGG"})
    assert patched.get_json()["header"]["label_word"] == "VEDLEGG"
    assert patched.get_json()["header"]["title"] == "Notes from the group discussions"

    too_long = api("PATCH", f"/workshops/{workshop}/annex", {"reference": "x" * 201})
    assert too_long.status_code == 400
    assert too_long.get_json()["error"]["details"]["fields"]["reference"]
    unknown = api("PATCH", f"/workshops/{workshop}/annex", {"status": "approved"})
    assert unknown.get_json()["error"]["code"] == "unknown_fields"
    assert api("PATCH", f"/workshops/{workshop}/annex", ["x"]).status_code == 400
    one = api("POST", f"/workshops/{workshop}/annex/points/merge", {"point_ids": [1]})
    assert one.status_code == 400


def test_api_header_edit_before_any_note_does_not_hold_back_later_notes(
    app, api, make_workshop, owner
):
    empty = make_workshop(owner_id=owner, questions=1, groups=2, status="live")
    patched = api("PATCH", f"/workshops/{empty}/annex", {"label_word": "VEDLEGG"})
    assert patched.status_code == 200 and not patched.get_json()["curated"]

    add_note(app, empty, "Written after the header was set", group=0)
    add_note(app, empty, "And another", group=1)

    body = api("GET", f"/workshops/{empty}/annex").get_json()
    question = body["sections"][0]["questions"][0]
    assert [p["text"] for p in question["points"]] == [
        "Written after the header was set",
        "And another",
    ]
    assert question["new_points"] == [] and body["new_count"] == 0 and not body["curated"]
    markdown = api("GET", f"/workshops/{empty}/annex/export?format=md").get_data(as_text=True)
    assert markdown.startswith("**VEDLEGG 1**")
    assert "- Written after the header was set\n- And another" in markdown
    assert "No notes" not in markdown


def test_api_header_edit_after_approval_starts_the_next_draft(api, workshop):
    api("POST", f"/workshops/{workshop}/annex/approve")

    patched = api("PATCH", f"/workshops/{workshop}/annex", {"reference": "J.nr. 14/00321"})

    assert patched.get_json()["status"] == "draft" and patched.get_json()["version"] == 2
    unchanged = api("PATCH", f"/workshops/{workshop}/annex", {"reference": "J.nr. 14/00321"})
    assert unchanged.get_json()["version"] == 2


def test_api_sets_a_questions_whole_order_of_points_in_one_request(app, api, workshop):
    for text in ("Third", "Fourth", "Fifth"):
        add_note(app, workshop, text, group=1)
    question = question_ids(app, workshop)[0]
    civil, independence, third, fourth, fifth = point_ids(app, workshop)
    wanted = [fifth, civil, fourth, independence, third]

    response = api(
        "PUT", f"/workshops/{workshop}/annex/questions/{question}/order", {"point_ids": wanted}
    )

    assert response.status_code == 200
    assert [p["id"] for p in response.get_json()["points"]] == wanted
    body = api("GET", f"/workshops/{workshop}/annex").get_json()
    assert body["curated"]
    assert [p["id"] for p in body["sections"][0]["questions"][0]["points"]] == wanted
    markdown = api("GET", f"/workshops/{workshop}/annex/export?format=md").get_data(as_text=True)
    assert bullets_in(markdown) == [
        "Fifth",
        "Cooperate with civil society",
        "Fourth",
        "Keep \\<independence\\>",
        "Third",
    ]


def bullets_in(markdown: str) -> list[str]:
    return [line[2:] for line in markdown.splitlines() if line.startswith("- ")]


@pytest.mark.parametrize(
    "make_order",
    [
        lambda ids, other: ids[:-1],  # one left out
        lambda ids, other: [*ids, other],  # a point of another question
        lambda ids, other: [ids[0], *ids[:-1]],  # one twice, one missing
        lambda ids, other: [*ids, ids[0]],  # one twice
    ],
    ids=["missing", "foreign", "repeated-and-missing", "repeated"],
)
def test_api_refuses_an_order_that_is_not_exactly_the_questions_points(
    app, api, workshop, make_order
):
    add_note(app, workshop, "On the other question", question=1)
    question = question_ids(app, workshop)[0]
    ids = point_ids(app, workshop)
    [other] = point_ids(app, workshop, question=1)

    refused = api(
        "PUT",
        f"/workshops/{workshop}/annex/questions/{question}/order",
        {"point_ids": make_order(ids, other)},
        headers={"Accept-Language": "da"},
    )

    assert refused.status_code == 400
    error = refused.get_json()["error"]
    assert error["code"] == "annex_order_mismatch"
    assert "spørgsmål" in error["message"]  # in Danish
    assert point_ids(app, workshop) == ids
    assert not api("GET", f"/workshops/{workshop}/annex").get_json()["curated"]


def test_api_order_refuses_bad_payloads_and_unknown_questions(app, api, workshop, make_workshop):
    question = question_ids(app, workshop)[0]
    url = f"/workshops/{workshop}/annex/questions/{question}/order"
    for payload in ({}, {"point_ids": []}, {"point_ids": ["x"]}, {"point_ids": [[1]]}, [1]):
        response = api("PUT", url, payload)
        assert response.status_code == 400, payload
    too_many = api("PUT", url, {"point_ids": list(range(1, 5002))})
    assert too_many.get_json()["error"]["details"]["fields"]["point_ids"]
    foreign = question_ids(app, make_workshop())[0]
    missing = api(
        "PUT", f"/workshops/{workshop}/annex/questions/{foreign}/order", {"point_ids": [1]}
    )
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "question_not_found"


def test_api_approves_and_exports_versions_and_raw_notes(api, workshop):
    approved = api("POST", f"/workshops/{workshop}/annex/approve")
    assert approved.status_code == 201 and approved.get_json()["number"] == 1
    again = api("POST", f"/workshops/{workshop}/annex/approve")
    assert again.status_code == 409
    assert again.get_json()["error"]["code"] == "annex_already_approved"

    markdown = api("GET", f"/workshops/{workshop}/annex/export?format=md&version=1")
    assert markdown.status_code == 200 and b"*Version 1, approved" in markdown.data
    raw = json.loads(api("GET", f"/workshops/{workshop}/annex/export?format=json").data)
    assert [n["text"] for n in raw["notes"]] == [
        "Cooperate with civil society",
        "Keep <independence>",
    ]
    no_version = api("GET", f"/workshops/{workshop}/annex/export?format=csv&version=1")
    assert no_version.get_json()["error"]["code"] == "annex_raw_has_no_versions"
    missing = api("GET", f"/workshops/{workshop}/annex/export?format=md&version=9")
    assert missing.status_code == 404


def test_every_export_the_api_serves_carries_the_strict_content_security_policy(api, workshop):
    api("POST", f"/workshops/{workshop}/annex/approve")
    for query in ("format=html", "format=html&version=1", "format=md", "format=docx"):
        response = api("GET", f"/workshops/{workshop}/annex/export?{query}")
        assert response.status_code == 200, query
        policy = response.headers.get("Content-Security-Policy", "")
        assert "default-src 'none'" in policy and "script-src" not in policy, query
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_api_needs_a_token_and_hides_other_facilitators_workshops(
    client, api, make_workshop, workshop
):
    assert client.get(f"/api/v1/workshops/{workshop}/annex").status_code == 401
    foreign = make_workshop()
    assert api("GET", f"/workshops/{foreign}/annex").status_code == 404


def test_openapi_describes_the_annex_routes(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "/workshops/{workshop_id}/annex/export" in paths
    assert "patch" in paths["/workshops/{workshop_id}/annex/points/{point_id}"]
    order = paths["/workshops/{workshop_id}/annex/questions/{question_id}/order"]["put"]
    schema = order["requestBody"]["content"]["application/json"]["schema"]
    assert schema["required"] == ["point_ids"]
    assert schema["properties"]["point_ids"] == {
        "type": "array",
        "items": {"type": "integer"},
        "minItems": 1,
        "maxItems": 5000,
    }


# --- CLI ---


def test_cli_exports_text_to_stdout_and_word_to_a_file(runner, workshop, tmp_path):
    markdown = runner.invoke(workshop_command, ["export-annex", str(workshop), "--format", "md"])
    assert markdown.exit_code == 0, markdown.output
    assert "- Keep \\<independence\\>" in markdown.output

    target = tmp_path / "annex.docx"
    word = runner.invoke(
        workshop_command, ["export-annex", str(workshop), "--format", "docx", "-o", str(target)]
    )
    assert word.exit_code == 0, word.output
    paragraphs = [p.text for p in docx.Document(str(target)).paragraphs]
    assert "Cooperate with civil society" in paragraphs


def test_cli_reports_unknown_workshops_and_versions(runner, workshop):
    missing = runner.invoke(workshop_command, ["export-annex", "999", "--format", "md"])
    assert missing.exit_code != 0 and "There is no workshop 999" in missing.output
    no_version = runner.invoke(
        workshop_command, ["export-annex", str(workshop), "--format", "md", "--version", "3"]
    )
    assert no_version.exit_code != 0 and "no approved version 3" in no_version.output


def test_the_links_to_each_question_say_which_section_it_is_in(
    app, client, login_as, make_workshop, owner
):
    workshop = make_workshop(owner_id=owner, sections=("Partners", "Funding"), questions=2)
    with app.app_context():
        for section in db.session.scalars(select(Section).where(Section.workshop_id == workshop)):
            section.number_style = "upper"  # A., B.
        db.session.commit()
    login_as(owner)
    html = client.get(f"/workshops/{workshop}/annex").get_data(as_text=True)
    skip_links = html.split('class="annex-skip-links"', 1)[1].split("</nav>", 1)[0]
    shown = re.findall(r'href="#question-\d+">([^<]*)<', skip_links)
    # Question 1 of each section was "Question 1." twice; now each says where it is.
    assert shown == ["Question A.1", "Question A.2", "Question B.1", "Question B.2"]


def test_links_to_questions_of_unnumbered_sections_name_each_question_once(
    app, client, login_as, make_workshop, owner
):
    # Sections without a number each count their questions from 1: "Question 1" stood twice.
    # Each question's name in the workshop now says which section it is in, by its position.
    workshop = make_workshop(owner_id=owner, sections=("Partners", "Funding"), questions=2)
    login_as(owner)
    html = client.get(f"/workshops/{workshop}/annex").get_data(as_text=True)
    skip_links = html.split('class="annex-skip-links"', 1)[1].split("</nav>", 1)[0]
    shown = re.findall(r'href="#question-\d+">([^<]*)<', skip_links)
    assert shown == ["Question 1.1", "Question 1.2", "Question 2.1", "Question 2.2"]


def test_the_export_of_an_unchanged_approved_annex_is_that_version(client, editor, workshop):
    _html, token = editor()
    base = f"/workshops/{workshop}/annex"
    post(client, f"{base}/approve", token)

    # The page's plain Export links, after the approval and before any change: the approved
    # version, labelled as approved (it said "Draft of version 1" under the approved file's name).
    current = client.get(f"{base}/export?format=md")
    assert current.status_code == 200
    assert b"*Version 1, approved" in current.data and b"Draft" not in current.data
    assert current.data == client.get(f"{base}/export?format=md&version=1").data
    assert "annex-v1.md" in current.headers["Content-Disposition"]
