"""The outline page: a facilitator builds, renumbers, pastes and exports the outline."""

import re

import pytest

from tests.outline_helpers import ISSUE_EXAMPLE, outline_as_text, question_texts, workshop_outline
from workshop.extensions import db
from workshop.models import Group, Note, Question


@pytest.fixture
def owner(make_facilitator, login_as):
    facilitator_id = make_facilitator()
    login_as(facilitator_id)
    return facilitator_id


@pytest.fixture
def outline_url(owner, make_workshop):
    workshop_id = make_workshop(owner_id=owner, sections=(), groups=0)
    return f"/workshops/{workshop_id}/outline"


def workshop_id_of(url: str) -> int:
    return int(re.search(r"/workshops/(\d+)", url).group(1))


def post(client, csrf_token, url, data, page=None):
    token = csrf_token(page or url.split("/outline")[0] + "/outline")
    return client.post(url, data={"csrf_token": token, **data})


def page_text(response) -> str:
    return response.get_data(as_text=True)


def test_pasted_issue_outline_is_shown_numbered_and_exported_back(
    app, client, csrf_token, outline_url
):
    response = post(client, csrf_token, f"{outline_url}/text", {"text": ISSUE_EXAMPLE})
    assert response.status_code == 302
    html = page_text(client.get(outline_url))
    assert "The outline is imported." in html
    assert "Questions on the national strategy" in html
    assert '<span class="label">A.</span> <span dir="auto">In the world we live in' in html
    assert '<span class="label">2.</span>' in html
    export = client.get(f"{outline_url}/text")
    assert export.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "attachment" in export.headers["Content-Disposition"]
    assert export.get_data(as_text=True) == ISSUE_EXAMPLE


def test_malformed_paste_shows_the_line_keeps_the_text_and_imports_nothing(
    app, client, csrf_token, outline_url
):
    pasted = "# Fine\n1. Fine?\nOops, no number here æøå\n"
    response = post(client, csrf_token, f"{outline_url}/text", {"text": pasted})
    assert response.status_code == 400
    html = page_text(response)
    assert "Line 3: expected a section heading" in html
    assert "Oops, no number here æøå\n</textarea>" in html
    assert workshop_outline(app, workshop_id_of(outline_url)) == []


def test_huge_paste_is_refused_with_the_limit(app, client, csrf_token, outline_url):
    response = post(client, csrf_token, f"{outline_url}/text", {"text": "# S\n" + "x" * 100_001})
    assert response.status_code == 400
    assert "At most 100,000 characters." in page_text(response)
    assert workshop_outline(app, workshop_id_of(outline_url)) == []


def test_facilitator_adds_a_section_a_block_and_questions_by_form(
    app, client, csrf_token, outline_url
):
    response = post(
        client, csrf_token, f"{outline_url}/sections", {"s-heading": "Nasjonal strategi"}
    )
    assert response.status_code == 302
    (section,) = workshop_outline(app, workshop_id_of(outline_url))
    sid = section["id"]
    post(
        client,
        csrf_token,
        f"{outline_url}/sections/{sid}/blocks",
        {f"b{sid}-heading": "Uavhengighet", f"b{sid}-prompt": "Hvordan kan instituttet:"},
    )
    block_id = workshop_outline(app, workshop_id_of(outline_url))[0]["blocks"][0]["id"]
    response = post(
        client,
        csrf_token,
        f"{outline_url}/sections/{block_id}/questions",
        {f"q{block_id}-text": "Sikre sin uavhengighet?"},
    )
    # Back at the same section's "add a question" form, open and ready for the next one.
    assert f"adding={block_id}" in response.headers["Location"]
    html = page_text(client.get(response.headers["Location"]))
    assert f'id="add-question-{block_id}" open' in html
    assert f'autofocus dir="auto" id="q{block_id}-text"' in html
    assert outline_as_text(app, workshop_id_of(outline_url)) == (
        "# Nasjonal strategi\n## A. Uavhengighet\n> Hvordan kan instituttet:\n"
        "1. Sikre sin uavhengighet?\n"
    )


def test_an_empty_question_is_refused_on_the_page(app, client, csrf_token, outline_url):
    post(client, csrf_token, f"{outline_url}/sections", {"s-heading": "S"})
    sid = workshop_outline(app, workshop_id_of(outline_url))[0]["id"]
    response = post(
        client, csrf_token, f"{outline_url}/sections/{sid}/questions", {f"q{sid}-text": "  "}
    )
    assert response.status_code == 400
    html = page_text(response)
    assert "Enter the question." in html
    assert f'id="add-question-{sid}" open' in html


def test_move_buttons_renumber_questions(app, client, csrf_token, outline_url):
    post(client, csrf_token, f"{outline_url}/text", {"text": "# S\n1. First?\n2. Second?\n"})
    first_id = workshop_outline(app, workshop_id_of(outline_url))[0]["questions"][0]["id"]
    response = post(
        client, csrf_token, f"{outline_url}/questions/{first_id}/move", {"direction": "down"}
    )
    assert response.headers["Location"].endswith(f"#question-{first_id}")
    assert outline_as_text(app, workshop_id_of(outline_url)) == "# S\n1. Second?\n2. First?\n"
    assert "Moved down." in page_text(client.get(outline_url))
    response = post(
        client, csrf_token, f"{outline_url}/questions/{first_id}/move", {"direction": "down"}
    )
    assert "It is last already." in page_text(client.get(outline_url))


def test_move_buttons_are_real_buttons_and_the_ends_are_disabled(client, csrf_token, outline_url):
    post(client, csrf_token, f"{outline_url}/text", {"text": "# S\n1. First?\n2. Second?\n"})
    html = page_text(client.get(outline_url))
    assert html.count('name="direction" value="up" class="secondary" disabled>') == 2
    assert '<button type="submit" name="direction" value="down" class="secondary">' in html
    assert '<span class="visually-hidden">: First?</span>' in html


def test_sections_move_and_edit_page_changes_the_numbering(app, client, csrf_token, outline_url):
    post(client, csrf_token, f"{outline_url}/text", {"text": ISSUE_EXAMPLE})
    workshop_id = workshop_id_of(outline_url)
    national = workshop_outline(app, workshop_id)[1]
    post(client, csrf_token, f"{outline_url}/sections/{national['id']}/move", {"direction": "up"})
    assert workshop_outline(app, workshop_id)[0]["id"] == national["id"]
    edit_url = f"{outline_url}/sections/{national['id']}"
    assert 'value="Questions on the national strategy"' in page_text(client.get(edit_url))
    response = post(
        client,
        csrf_token,
        edit_url,
        {
            "heading": "National strategy",
            "prompt": "",
            "number_style": "roman",
            "question_style": "decimal",
        },
    )
    assert response.status_code == 302
    assert workshop_outline(app, workshop_id)[0]["label"] == "I."
    response = post(
        client,
        csrf_token,
        edit_url,
        {
            "heading": "",
            "number_style": "bogus",
            "question_style": "decimal",
        },
    )
    assert response.status_code == 400
    assert "Enter a heading." in page_text(response)


def test_question_edit_page_saves_text_and_guidance(app, client, csrf_token, outline_url):
    post(client, csrf_token, f"{outline_url}/text", {"text": "# S\n1. Old?\n"})
    qid = workshop_outline(app, workshop_id_of(outline_url))[0]["questions"][0]["id"]
    url = f"{outline_url}/questions/{qid}"
    assert "Old?</textarea>" in page_text(client.get(url))
    post(client, csrf_token, url, {"text": "New? 🙂", "guidance": "Think wide.\r\nThen narrow."})
    assert outline_as_text(app, workshop_id_of(outline_url)) == (
        "# S\n1. New? 🙂\n> Think wide.\n> Then narrow.\n"
    )


def test_numbering_form_restyles_every_level(app, client, csrf_token, outline_url):
    post(client, csrf_token, f"{outline_url}/text", {"text": ISSUE_EXAMPLE})
    post(
        client,
        csrf_token,
        f"{outline_url}/numbering",
        {"section_style": "decimal", "block_style": "lower", "question_style": "upper"},
    )
    text = outline_as_text(app, workshop_id_of(outline_url))
    assert text.splitlines()[:2] == [
        "# 1. Questions on the international strategy",
        "A. Who can the institute work for and keep its independence and legitimacy: "
        "countries, companies etc.?",
    ]
    assert "## b) Reflections on the strategic themes:" in text


def test_numbering_form_changes_only_the_levels_changed_on_it(app, client, csrf_token, outline_url):
    text = "# Housing\nA. Rents?\nB. Building?\n# Traffic\nI. Buses?\nII. Bikes?\n"
    post(client, csrf_token, f"{outline_url}/text", {"text": text})
    # The sections' style changed; the questions' left as shown (the first heading's "A."):
    # Traffic keeps its own "I." instead of being renumbered with the rest.
    post(
        client,
        csrf_token,
        f"{outline_url}/numbering",
        {"section_style": "decimal", "block_style": "upper", "question_style": "upper"},
    )
    assert outline_as_text(app, workshop_id_of(outline_url)) == (
        "# 1. Housing\nA. Rents?\nB. Building?\n# 2. Traffic\nI. Buses?\nII. Bikes?\n"
    )


def test_delete_buttons_remove_questions_and_sections(app, client, csrf_token, outline_url):
    post(client, csrf_token, f"{outline_url}/text", {"text": ISSUE_EXAMPLE})
    outline = workshop_outline(app, workshop_id_of(outline_url))
    post(
        client, csrf_token, f"{outline_url}/questions/{outline[0]['questions'][0]['id']}/delete", {}
    )
    post(client, csrf_token, f"{outline_url}/sections/{outline[1]['id']}/delete", {})
    assert question_texts(workshop_outline(app, workshop_id_of(outline_url))) == [
        "What is essential due diligence for such efforts?",
        "Criteria for partners, and for ending a partnership?",
    ]


def test_with_notes_the_paste_form_is_gone_and_deleting_is_refused(
    app, client, csrf_token, outline_url
):
    workshop_id = workshop_id_of(outline_url)
    post(client, csrf_token, f"{outline_url}/text", {"text": "# S\n1. Q?\n"})
    with app.app_context():
        question = db.session.scalar(db.select(Question))
        group = Group(workshop_id=workshop_id, name="G")
        db.session.add(group)
        db.session.flush()
        db.session.add(
            Note(
                id="3e1c0b9e-0000-4000-8000-000000000001",
                workshop_id=workshop_id,
                question_id=question.id,
                group_id=group.id,
                text="n",
            )
        )
        db.session.commit()
        question_id = question.id
    html = page_text(client.get(outline_url))
    assert "can no longer be replaced by pasted text" in html
    assert f'action="{outline_url}/text"' not in html
    post(client, csrf_token, f"{outline_url}/questions/{question_id}/delete", {})
    assert "so it cannot be deleted" in page_text(client.get(outline_url))
    response = post(client, csrf_token, f"{outline_url}/text", {"text": ISSUE_EXAMPLE})
    assert response.status_code == 400
    assert outline_as_text(app, workshop_id) == "# S\n1. Q?\n"


def test_user_text_is_escaped(client, csrf_token, outline_url):
    post(
        client,
        csrf_token,
        f"{outline_url}/text",
        {"text": "# <script>alert(1)</script>\n- <b>q</b>\n"},
    )
    html = page_text(client.get(outline_url))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;q&lt;/b&gt;" in html


def test_posting_without_the_csrf_token_is_rejected(app, client, outline_url):
    response = client.post(f"{outline_url}/text", data={"text": ISSUE_EXAMPLE})
    assert response.status_code == 400
    assert workshop_outline(app, workshop_id_of(outline_url)) == []


def test_logged_out_visitors_are_sent_to_log_in(client, make_workshop):
    workshop_id = make_workshop()
    for url in (f"/workshops/{workshop_id}/outline", f"/workshops/{workshop_id}/outline/text"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]


def test_another_facilitators_outline_is_not_found(
    app, client, csrf_token, owner, make_workshop, make_facilitator
):
    theirs = make_workshop(owner_id=make_facilitator(), sections=("Secret plans",))
    with app.app_context():
        question_id = db.session.scalar(
            db.select(Question.id).where(Question.workshop_id == theirs)
        )
    base = f"/workshops/{theirs}/outline"
    for url in (base, f"{base}/text", f"{base}/questions/{question_id}"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Secret plans" not in page_text(response)
    token = csrf_token("/workshops")
    response = client.post(f"{base}/text", data={"csrf_token": token, "text": ISSUE_EXAMPLE})
    assert response.status_code == 404
    response = client.post(f"{base}/questions/{question_id}/delete", data={"csrf_token": token})
    assert response.status_code == 404
    assert len(question_texts(workshop_outline(app, theirs))) == 3


def test_a_question_of_another_workshop_is_not_found_under_mine(
    app, client, owner, outline_url, make_workshop, make_facilitator
):
    theirs = make_workshop(owner_id=make_facilitator())
    with app.app_context():
        question_id = db.session.scalar(
            db.select(Question.id).where(Question.workshop_id == theirs)
        )
    assert client.get(f"{outline_url}/questions/{question_id}").status_code == 404
