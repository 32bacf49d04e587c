"""The dashboard and the projector read their questions again when the outline changes: the
dashboard's parts drawn from the outline (the same HTML as the page's), the projector's questions
and room — each only for those who may open that page, and never from a cache."""

from tests.live_helpers import question_ids
from tests.test_projector_pages import display_url_in, make_display_link
from workshop.extensions import db
from workshop.models import Question


def rename_question(app, question_id: int, text: str) -> None:
    with app.app_context():
        db.session.get_one(Question, question_id).text = text
        db.session.commit()


def test_the_dashboard_reads_its_questions_as_they_are_now(
    app, client, login_as, make_facilitator, make_workshop
):
    facilitator = make_facilitator()
    workshop_id = make_workshop(owner_id=facilitator, status="live", questions=2)
    first, second = question_ids(app, workshop_id)
    rename_question(app, second, "Who pays <script>alert(1)</script> & when?")
    login_as(facilitator)

    response = client.get(f"/workshops/{workshop_id}/live/outline")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert [question["id"] for question in body["questions"]] == [first, second]
    assert body["questions"][1]["text"] == "Who pays <script>alert(1)</script> & when?"
    assert list(body["question_ids_by_group"].values()) == [[first, second], [first, second]]
    assert body["room"]["room"]["plan"]["status"] == "draft"
    # The same parts as the page draws, with the question's words escaped in each.
    html = body["html"]
    escaped = "Who pays &lt;script&gt;alert(1)&lt;/script&gt; &amp; when?"
    assert f'data-question-id="{second}"' in html["matrix"] and escaped in html["matrix"]
    assert "<script>" not in html["matrix"] + html["questions_panel"] + html["target_options"]
    assert f'data-focus-question="{second}"' in html["questions_panel"]
    assert escaped in html["questions_panel"]
    assert f'value="question:{second}"' in html["target_options"]
    page = client.get(f"/workshops/{workshop_id}/live").get_data(as_text=True)
    assert html["questions_panel"].strip() in page


def test_only_the_workshops_facilitators_read_the_dashboards_questions(
    app, client, login_as, make_facilitator, make_workshop
):
    workshop_id = make_workshop(status="live")
    assert client.get(f"/workshops/{workshop_id}/live/outline").status_code in (302, 401)
    login_as(make_facilitator())  # someone else's workshop
    response = client.get(f"/workshops/{workshop_id}/live/outline")
    assert response.status_code == 404
    assert "questions" not in (response.get_json(silent=True) or {})


def test_the_projector_reads_its_questions_by_its_display_link(
    app, client, login_as, make_facilitator, make_workshop, csrf_token
):
    facilitator = make_facilitator()
    workshop_id = make_workshop(owner_id=facilitator, status="live", questions=1)
    (question,) = question_ids(app, workshop_id)
    login_as(facilitator)
    url = display_url_in(make_display_link(client, workshop_id, csrf_token).get_data(as_text=True))
    rename_question(app, question, "Who <b>decides</b>?")

    by_link = app.test_client().get(f"{url}/outline")  # the room's PC: no login
    by_facilitator = client.get(f"/workshops/{workshop_id}/projector/outline")

    for response in (by_link, by_facilitator):
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store"
        body = response.get_json()
        assert [q["text"] for q in body["questions"]] == ["Who <b>decides</b>?"]
        assert [q["text"] for q in body["plenary"]["questions"]] == ["Who <b>decides</b>?"]
        assert "plan" in body["room"]["room"]
    assert by_link.headers["Referrer-Policy"] == "no-referrer"
    # The page tells its script where to read them, by the same access it was opened with.
    assert f"{url}/outline" in app.test_client().get(url).get_data(as_text=True)


def test_nobody_else_reads_the_projectors_questions(
    app, client, login_as, make_facilitator, make_workshop
):
    workshop_id = make_workshop(status="live")
    assert app.test_client().get("/display/wsd_not-a-link/outline").status_code == 404
    assert client.get(f"/workshops/{workshop_id}/projector/outline").status_code in (302, 401)
    login_as(make_facilitator())
    assert client.get(f"/workshops/{workshop_id}/projector/outline").status_code == 404
