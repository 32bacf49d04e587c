"""The outline API: any client can read, paste, build and reorder an outline with a token."""

import pytest

from tests.outline_helpers import ISSUE_EXAMPLE, outline_as_text, workshop_outline
from workshop.extensions import db
from workshop.models import Group, Note, Question


@pytest.fixture
def base(owner, make_workshop):
    return f"/api/v1/workshops/{make_workshop(owner_id=owner, sections=(), groups=0)}"


def workshop_id_of(base: str) -> int:
    return int(base.rsplit("/", 1)[1])


def put_text(client, base, auth, text=ISSUE_EXAMPLE):
    return client.put(
        f"{base}/outline/text",
        data=text.encode(),
        headers=auth,
        content_type="text/plain; charset=utf-8",
    )


def test_client_pastes_text_and_reads_the_numbered_outline(client, base, auth):
    response = put_text(client, base, auth)
    assert response.status_code == 200
    sections = response.get_json()["sections"]
    assert [s["heading"] for s in sections] == [
        "Questions on the international strategy",
        "Questions on the national strategy",
    ]
    assert client.get(f"{base}/outline", headers=auth).get_json()["sections"] == sections
    block = sections[1]["blocks"][0]
    assert (block["label"], block["level"]) == ("A.", 2)
    assert block["questions"][1]["full_label"] == "A.2"


def test_text_comes_back_exactly_as_plain_text_or_json(client, base, auth):
    put_text(client, base, auth)
    response = client.get(f"{base}/outline/text", headers=auth)
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.get_data(as_text=True) == ISSUE_EXAMPLE
    response = client.get(f"{base}/outline/text", headers={**auth, "Accept": "application/json"})
    assert response.get_json() == {"text": ISSUE_EXAMPLE}


def test_text_can_be_sent_as_json(app, client, base, auth):
    response = client.put(
        f"{base}/outline/text", json={"text": "# Ünïcødé ✓\n- שאלה?\n"}, headers=auth
    )
    assert response.status_code == 200
    assert outline_as_text(app, workshop_id_of(base)) == "# Ünïcødé ✓\n- שאלה?\n"
    response = client.put(f"{base}/outline/text", json={"text": 42}, headers=auth)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_json"


def test_malformed_text_answers_its_line_and_changes_nothing(app, client, base, auth):
    put_text(client, base, auth)
    response = put_text(client, base, auth, "# S\n1. Fine\nno number\n")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "outline_text_invalid"
    assert error["details"]["line"] == 3
    assert [p["line"] for p in error["details"]["problems"]] == [3]
    assert error["message"].startswith("Line 3: ")
    assert outline_as_text(app, workshop_id_of(base)) == ISSUE_EXAMPLE


def test_huge_text_is_refused(app, client, base, auth):
    response = put_text(client, base, auth, "# S\n" + "x" * 100_001)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "outline_text_too_large"


def test_build_an_outline_piece_by_piece(app, client, base, auth):
    response = client.post(
        f"{base}/sections", json={"heading": "International", "prompt": "How:"}, headers=auth
    )
    assert response.status_code == 201
    section = response.get_json()
    assert (section["heading"], section["prompt"], section["level"]) == ("International", "How:", 1)
    response = client.post(
        f"{base}/sections",
        json={"heading": "Partners", "parent_id": section["id"], "number_style": "roman"},
        headers=auth,
    )
    block = response.get_json()
    assert (block["level"], block["label"]) == (2, "I.")
    response = client.post(
        f"{base}/sections/{block['id']}/questions",
        json={"text": "Which criteria?", "guidance": "Be specific"},
        headers=auth,
    )
    assert response.status_code == 201
    question = response.get_json()
    assert (question["label"], question["full_label"], question["guidance"]) == (
        "1.",
        "I.1",
        "Be specific",
    )
    assert outline_as_text(app, workshop_id_of(base)) == (
        "# International\n> How:\n## I. Partners\n1. Which criteria?\n> Be specific\n"
    )


def test_patch_changes_only_the_fields_sent(app, client, base, auth):
    put_text(client, base, auth)
    section = workshop_outline(app, workshop_id_of(base))[0]
    response = client.patch(
        f"{base}/sections/{section['id']}", json={"number_style": "decimal"}, headers=auth
    )
    assert response.status_code == 200
    assert response.get_json()["label"] == "1."
    assert response.get_json()["heading"] == section["heading"]
    question = section["questions"][0]
    response = client.patch(
        f"{base}/questions/{question['id']}",
        json={"guidance": "Think of funders too."},
        headers=auth,
    )
    assert response.get_json()["text"] == question["text"]
    assert response.get_json()["guidance"] == "Think of funders too."


@pytest.mark.parametrize(
    ("path", "payload", "field"),
    [
        ("sections", {"heading": ""}, "heading"),
        ("sections", {"heading": "h" * 301}, "heading"),
        ("sections", {"prompt": "no heading"}, "heading"),
    ],
)
def test_invalid_sections_list_their_fields(client, base, auth, path, payload, field):
    response = client.post(f"{base}/{path}", json=payload, headers=auth)
    assert response.status_code == 400
    assert field in response.get_json()["error"]["details"]["fields"]


def test_invalid_payloads_are_refused(app, client, base, auth):
    put_text(client, base, auth)
    section = workshop_outline(app, workshop_id_of(base))[0]
    cases = [
        ("post", f"{base}/sections", {"heading": "x", "number_style": "fancy"}, "invalid_input"),
        ("post", f"{base}/sections", {"heading": "x", "parent_id": "one"}, "invalid_json"),
        ("post", f"{base}/sections", {"heading": {"nested": 1}}, "invalid_json"),
        ("post", f"{base}/sections/{section['id']}/questions", {"text": ""}, "invalid_input"),
        ("patch", f"{base}/sections/{section['id']}", {"question_style": "x"}, "invalid_input"),
        ("post", f"{base}/sections/{section['id']}/move", {"direction": "left"}, "invalid_input"),
    ]
    for method, url, payload, code in cases:
        response = getattr(client, method)(url, json=payload, headers=auth)
        assert response.status_code == 400, (url, payload)
        assert response.get_json()["error"]["code"] == code
    response = client.post(
        f"{base}/sections", data="not json", headers=auth, content_type="application/json"
    )
    assert response.status_code == 400
    assert outline_as_text(app, workshop_id_of(base)) == ISSUE_EXAMPLE


def test_a_block_cannot_hold_another_block(app, client, base, auth):
    put_text(client, base, auth)
    block = workshop_outline(app, workshop_id_of(base))[1]["blocks"][0]
    response = client.post(
        f"{base}/sections", json={"heading": "x", "parent_id": block["id"]}, headers=auth
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["details"] == {"field": "parent_id"}


def test_move_answers_the_renumbered_outline(app, client, base, auth):
    put_text(client, base, auth)
    national = workshop_outline(app, workshop_id_of(base))[1]
    response = client.post(
        f"{base}/sections/{national['blocks'][1]['id']}/move",
        json={"direction": "up"},
        headers=auth,
    )
    blocks = response.get_json()["sections"][1]["blocks"]
    assert [(b["label"], b["heading"]) for b in blocks] == [
        ("A.", "Reflections on the strategic themes:"),
        ("B.", "In the world we live in, how can the institute strategically:"),
    ]
    question = blocks[0]["questions"][1]
    response = client.post(
        f"{base}/questions/{question['id']}/move", json={"direction": "up"}, headers=auth
    )
    assert response.get_json()["sections"][1]["blocks"][0]["questions"][0]["id"] == question["id"]
    response = client.post(
        f"{base}/questions/{question['id']}/move", json={"direction": "up"}, headers=auth
    )
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "cannot_move"


def test_numbering_a_level_through_the_api(client, base, auth):
    put_text(client, base, auth)
    response = client.put(
        f"{base}/outline/numbering", json={"section_style": "roman"}, headers=auth
    )
    sections = response.get_json()["sections"]
    assert [s["label"] for s in sections] == ["I.", "II."]
    assert sections[1]["blocks"][0]["label"] == "A."
    response = client.put(f"{base}/outline/numbering", json={"block_style": "nope"}, headers=auth)
    assert response.status_code == 400


def test_delete_sections_and_questions(app, client, base, auth):
    put_text(client, base, auth)
    international, national = workshop_outline(app, workshop_id_of(base))
    assert client.delete(f"{base}/sections/{national['id']}", headers=auth).status_code == 204
    question_id = international["questions"][0]["id"]
    assert client.delete(f"{base}/questions/{question_id}", headers=auth).status_code == 204
    assert client.delete(f"{base}/questions/{question_id}", headers=auth).status_code == 404
    assert outline_as_text(app, workshop_id_of(base)) == (
        "# Questions on the international strategy\n"
        "1. What is essential due diligence for such efforts?\n"
        "2. Criteria for partners, and for ending a partnership?\n"
    )


def test_with_notes_deleting_and_replacing_are_conflicts(app, client, base, auth):
    put_text(client, base, auth)
    workshop_id = workshop_id_of(base)
    with app.app_context():
        question = db.session.scalar(db.select(Question).order_by(Question.id))
        group = Group(workshop_id=workshop_id, name="G")
        db.session.add(group)
        db.session.flush()
        db.session.add(
            Note(
                id="5e1c0b9e-0000-4000-8000-000000000001",
                workshop_id=workshop_id,
                question_id=question.id,
                group_id=group.id,
                text="n",
            )
        )
        db.session.commit()
        question_id, section_id = question.id, question.section_id
    for response, code in (
        (client.delete(f"{base}/questions/{question_id}", headers=auth), "question_has_notes"),
        (client.delete(f"{base}/sections/{section_id}", headers=auth), "section_has_notes"),
        (put_text(client, base, auth, "# New\n"), "outline_has_notes"),
    ):
        assert response.status_code == 409
        assert response.get_json()["error"]["code"] == code
    assert outline_as_text(app, workshop_id) == ISSUE_EXAMPLE


def test_without_a_token_every_route_answers_401(client, base):
    routes = [
        ("get", f"{base}/outline"),
        ("get", f"{base}/outline/text"),
        ("put", f"{base}/outline/text"),
        ("put", f"{base}/outline/numbering"),
        ("post", f"{base}/sections"),
        ("patch", f"{base}/sections/1"),
        ("delete", f"{base}/sections/1"),
        ("post", f"{base}/sections/1/move"),
        ("post", f"{base}/sections/1/questions"),
        ("patch", f"{base}/questions/1"),
        ("delete", f"{base}/questions/1"),
        ("post", f"{base}/questions/1/move"),
    ]
    for method, url in routes:
        response = getattr(client, method)(url, headers={"Authorization": "Bearer wsf_wrong"})
        assert response.status_code == 401, url
        assert response.get_json()["error"]["code"] == "unauthorised"


def test_another_facilitators_outline_is_not_found(
    app, client, auth, make_workshop, make_facilitator
):
    theirs = make_workshop(owner_id=make_facilitator(), sections=("Secret",))
    base = f"/api/v1/workshops/{theirs}"
    outline = workshop_outline(app, theirs)
    section_id, question_id = outline[0]["id"], outline[0]["questions"][0]["id"]
    responses = [
        client.get(f"{base}/outline", headers=auth),
        client.get(f"{base}/outline/text", headers=auth),
        put_text(client, base, auth),
        client.post(f"{base}/sections", json={"heading": "x"}, headers=auth),
        client.patch(f"{base}/sections/{section_id}", json={"heading": "x"}, headers=auth),
        client.delete(f"{base}/questions/{question_id}", headers=auth),
        client.post(
            f"{base}/questions/{question_id}/move", json={"direction": "down"}, headers=auth
        ),
    ]
    for response in responses:
        assert response.status_code == 404
        assert "Secret" not in response.get_data(as_text=True)
    assert workshop_outline(app, theirs) == outline


def test_openapi_describes_the_outline_routes(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "put" in paths["/workshops/{workshop_id}/outline/text"]
    assert "post" in paths["/workshops/{workshop_id}/sections/{section_id}/move"]
    assert "delete" in paths["/workshops/{workshop_id}/questions/{question_id}"]
