"""The groups page: create several at once, add, rename, reorder, delete, choose their questions."""

import pytest

from tests.outline_helpers import ISSUE_EXAMPLE, workshop_outline
from workshop.extensions import db
from workshop.models import Group, Workshop
from workshop.services.outline_text import import_outline


@pytest.fixture
def owner(make_facilitator, login_as):
    facilitator_id = make_facilitator()
    login_as(facilitator_id)
    return facilitator_id


@pytest.fixture
def workshop_id(app, owner, make_workshop):
    workshop_id = make_workshop(owner_id=owner, sections=(), groups=0)
    with app.app_context():
        import_outline(db.session.get(Workshop, workshop_id), ISSUE_EXAMPLE)
    return workshop_id


def groups_of(app, workshop_id: int) -> list[tuple[str, bool]]:
    with app.app_context():
        groups = db.session.scalars(
            db.select(Group).where(Group.workshop_id == workshop_id).order_by(Group.position)
        )
        return [(group.name, group.all_questions) for group in groups]


def group_ids(app, workshop_id: int) -> list[int]:
    with app.app_context():
        statement = db.select(Group.id).where(Group.workshop_id == workshop_id)
        return list(db.session.scalars(statement.order_by(Group.position)))


def post(client, csrf_token, workshop_id, path, data):
    token = csrf_token(f"/workshops/{workshop_id}/groups")
    return client.post(f"/workshops/{workshop_id}/groups{path}", data={"csrf_token": token, **data})


def text(response) -> str:
    return response.get_data(as_text=True)


def test_facilitator_creates_three_groups_and_sees_them(app, client, csrf_token, workshop_id):
    response = post(client, csrf_token, workshop_id, "/create", {"count": "3"})
    assert response.status_code == 302
    html = text(client.get(f"/workshops/{workshop_id}/groups"))
    assert "3 groups are created." in html
    for number in (1, 2, 3):
        assert f'<h2 dir="auto">Group {number}</h2>' in html
    assert html.count("All questions") >= 3
    assert groups_of(app, workshop_id) == [(f"Group {n}", True) for n in (1, 2, 3)]


@pytest.mark.parametrize("count", ["0", "101", "three", ""])
def test_a_wrong_number_of_groups_is_refused(app, client, csrf_token, workshop_id, count):
    response = post(client, csrf_token, workshop_id, "/create", {"count": count})
    assert response.status_code == 400
    html = text(response)
    assert "Enter a number" in html or "Not a valid integer value." in html
    assert groups_of(app, workshop_id) == []


def test_add_rename_and_reorder_groups(app, client, csrf_token, workshop_id):
    post(client, csrf_token, workshop_id, "/create", {"count": "2"})
    post(client, csrf_token, workshop_id, "/add", {"new-name": "Ekspertbord ✨"})
    first, _second, third = group_ids(app, workshop_id)
    post(client, csrf_token, workshop_id, f"/{first}/rename", {f"g{first}-name": "Vinduet"})
    response = post(client, csrf_token, workshop_id, f"/{third}/move", {"direction": "up"})
    assert response.headers["Location"].endswith(f"#group-{third}")
    assert [name for name, _ in groups_of(app, workshop_id)] == [
        "Vinduet",
        "Ekspertbord ✨",
        "Group 2",
    ]


def test_an_empty_name_is_refused_next_to_its_field(app, client, csrf_token, workshop_id):
    post(client, csrf_token, workshop_id, "/create", {"count": "1"})
    (group_id,) = group_ids(app, workshop_id)
    response = post(
        client, csrf_token, workshop_id, f"/{group_id}/rename", {f"g{group_id}-name": " "}
    )
    assert response.status_code == 400
    assert f'id="g{group_id}-name-errors"' in text(response)
    assert groups_of(app, workshop_id) == [("Group 1", True)]


def test_a_name_another_group_has_is_refused_next_to_its_field(
    app, client, csrf_token, workshop_id
):
    post(client, csrf_token, workshop_id, "/create", {"count": "2"})
    first, second = group_ids(app, workshop_id)
    post(client, csrf_token, workshop_id, f"/{first}/rename", {f"g{first}-name": "North table"})
    # Two "North table"s could not be told apart on the join page or in the annex.
    renamed = post(
        client, csrf_token, workshop_id, f"/{second}/rename", {f"g{second}-name": "north  TABLE"}
    )
    assert renamed.status_code == 400
    assert "There is already a group called “north TABLE”." in text(renamed)
    added = post(client, csrf_token, workshop_id, "/add", {"new-name": "North table"})
    assert added.status_code == 400
    # Its own name again is no clash.
    post(client, csrf_token, workshop_id, f"/{first}/rename", {f"g{first}-name": "North table"})
    assert groups_of(app, workshop_id) == [("North table", True), ("Group 2", True)]


def test_deleting_an_empty_group_and_refusing_one_with_people(
    app, client, csrf_token, workshop_id, make_participant
):
    post(client, csrf_token, workshop_id, "/create", {"count": "2"})
    first, second = group_ids(app, workshop_id)
    make_participant(workshop_id, group_index=0, name="Ada")
    post(client, csrf_token, workshop_id, f"/{first}/delete", {})
    assert "Move them to another group first." in text(
        client.get(f"/workshops/{workshop_id}/groups")
    )
    post(client, csrf_token, workshop_id, f"/{second}/delete", {})
    assert groups_of(app, workshop_id) == [("Group 1", True)]
    assert "1 participant" in text(client.get(f"/workshops/{workshop_id}/groups"))


def test_choosing_questions_by_section_and_by_question(app, client, csrf_token, workshop_id):
    post(client, csrf_token, workshop_id, "/create", {"count": "1"})
    (group_id,) = group_ids(app, workshop_id)
    url = f"/workshops/{workshop_id}/groups/{group_id}/questions"
    html = text(client.get(url))
    assert '<input checked id="scope-0" name="scope" type="radio" value="all">' in html
    international, national = workshop_outline(app, workshop_id)
    token = csrf_token(url)
    response = client.post(
        url,
        data={
            "csrf_token": token,
            "scope": "chosen",
            "section_ids": [str(national["blocks"][1]["id"])],
            "question_ids": [str(international["questions"][2]["id"])],
        },
    )
    assert response.status_code == 302
    assert groups_of(app, workshop_id) == [("Group 1", False)]
    assert "3 of 7 questions" in text(client.get(f"/workshops/{workshop_id}/groups"))
    html = text(client.get(url))
    assert f'value="{international["questions"][2]["id"]}" id="question-choice-' in html
    # Block B's heading stays ticked as chosen (not only its two questions), and the question.
    block_b = national["blocks"][1]["id"]
    assert f'value="{block_b}" id="section-choice-{block_b}" checked>' in html
    assert html.count(" checked>") == 4

    # A question added under the chosen heading later is the group's too.
    outline_url = f"/workshops/{workshop_id}/outline"
    client.post(
        f"{outline_url}/sections/{block_b}/questions",
        data={"csrf_token": csrf_token(outline_url), f"q{block_b}-text": "Anything else?"},
    )
    assert "4 of 8 questions" in text(client.get(f"/workshops/{workshop_id}/groups"))
    # One added elsewhere is not.
    other = international["id"]
    client.post(
        f"{outline_url}/sections/{other}/questions",
        data={"csrf_token": csrf_token(outline_url), f"q{other}-text": "And here?"},
    )
    assert "4 of 9 questions" in text(client.get(f"/workshops/{workshop_id}/groups"))


def test_choosing_nothing_is_refused_and_all_questions_restores(
    app, client, csrf_token, workshop_id
):
    post(client, csrf_token, workshop_id, "/create", {"count": "1"})
    (group_id,) = group_ids(app, workshop_id)
    url = f"/workshops/{workshop_id}/groups/{group_id}/questions"
    response = client.post(url, data={"csrf_token": csrf_token(url), "scope": "chosen"})
    assert response.status_code == 400
    assert "Choose at least one question" in text(response)
    response = client.post(
        url, data={"csrf_token": csrf_token(url), "scope": "chosen", "question_ids": ["999999"]}
    )
    assert response.status_code == 400
    response = client.post(url, data={"csrf_token": csrf_token(url), "scope": "all"})
    assert response.status_code == 302
    assert groups_of(app, workshop_id) == [("Group 1", True)]


def test_posting_without_the_csrf_token_is_rejected(app, client, workshop_id):
    response = client.post(f"/workshops/{workshop_id}/groups/create", data={"count": "3"})
    assert response.status_code == 400
    assert groups_of(app, workshop_id) == []


def test_logged_out_visitors_are_sent_to_log_in(client, make_workshop):
    response = client.get(f"/workshops/{make_workshop()}/groups")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_another_facilitators_groups_are_not_found(
    app, client, csrf_token, owner, make_workshop, make_facilitator
):
    theirs = make_workshop(owner_id=make_facilitator(), groups=2)
    group_id = group_ids(app, theirs)[0]
    assert client.get(f"/workshops/{theirs}/groups").status_code == 404
    assert client.get(f"/workshops/{theirs}/groups/{group_id}/questions").status_code == 404
    token = csrf_token("/workshops")
    for path, data in (
        ("/create", {"count": "2"}),
        (f"/{group_id}/delete", {}),
        (f"/{group_id}/rename", {f"g{group_id}-name": "Mine now"}),
    ):
        response = client.post(
            f"/workshops/{theirs}/groups{path}", data={"csrf_token": token, **data}
        )
        assert response.status_code == 404
    assert groups_of(app, theirs) == [("Group 1", True), ("Group 2", True)]


def test_a_group_of_another_workshop_is_not_found_under_mine(
    app, client, workshop_id, make_workshop, make_facilitator
):
    theirs = make_workshop(owner_id=make_facilitator(), groups=1)
    (group_id,) = group_ids(app, theirs)
    url = f"/workshops/{workshop_id}/groups/{group_id}/questions"
    assert client.get(url).status_code == 404
