"""Joining pages: typing the code, the join link, rejoining, the join sheet and who joined."""

import re

from sqlalchemy import select

from tests.conftest import csrf_token_from
from tests.joining_helpers import group_ids_of, join_code_of, participants_of
from workshop.extensions import db
from workshop.models import Connection, Participant
from workshop.services import access


def join_page_token(client, code: str) -> str:
    return csrf_token_from(client.get(f"/j/{code}").get_data(as_text=True))


def join(client, code: str, **fields):
    return client.post(f"/j/{code}", data={"csrf_token": join_page_token(client, code), **fields})


# --- Typing the code ---


def test_code_page_has_a_labelled_field_prefilled_from_the_link(client):
    html = client.get("/join?code=ab2-cd3").get_data(as_text=True)
    assert '<label for="code">' in html
    assert re.search(r'<input[^>]*name="code"[^>]*value="ab2-cd3"', html)


def test_typed_code_leads_to_the_join_link(app, client, csrf_token, make_workshop):
    code = join_code_of(app, make_workshop())
    typed = f"{code[:3].lower()} {code[3:].lower()}"
    response = client.post("/join", data={"code": typed, "csrf_token": csrf_token("/join")})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/j/{code}")


def test_wrong_code_shows_one_generic_error(client, csrf_token, make_workshop):
    make_workshop()
    response = client.post("/join", data={"code": "ZZZ999", "csrf_token": csrf_token("/join")})
    assert response.status_code == 404
    assert "This join code is not valid" in response.get_data(as_text=True)


def test_empty_code_asks_for_one(client, csrf_token):
    response = client.post("/join", data={"code": "  ", "csrf_token": csrf_token("/join")})
    assert response.status_code == 400
    assert "Please type the join code." in response.get_data(as_text=True)


def test_code_of_a_closed_workshop_says_it_is_closed(app, client, csrf_token, make_workshop):
    code = join_code_of(app, make_workshop(status="closed"))
    response = client.post("/join", data={"code": code, "csrf_token": csrf_token("/join")})
    assert response.status_code == 409
    assert "This workshop is closed" in response.get_data(as_text=True)


def test_code_form_without_csrf_token_is_rejected(client):
    assert client.post("/join", data={"code": "ABCDEF"}).status_code == 400


def test_guessing_codes_is_slowed_down_per_browser(app, client, csrf_token, make_workshop):
    app.config["JOIN_ATTEMPTS_PER_MINUTE"] = 2
    code = join_code_of(app, make_workshop())
    token = csrf_token("/join")
    for guess in ("AAAAAA", "BBBBBB"):
        assert client.post("/join", data={"code": guess, "csrf_token": token}).status_code == 404
    response = client.post("/join", data={"code": code, "csrf_token": token})
    assert response.status_code == 429
    assert "You have typed too many wrong join codes. Wait a minute" in response.get_data(
        as_text=True
    )
    # The join link is rate-limited the same way: it is another way of trying codes.
    assert client.get(f"/j/{code}").status_code == 429
    # The next laptop in the room, behind the same address, is not held up by this one's typos.
    neighbour = app.test_client()
    assert neighbour.get(f"/j/{code}").status_code == 200


def test_a_room_behind_one_address_is_limited_only_at_its_ceiling(app, make_workshop):
    app.config["JOIN_ATTEMPTS_PER_MINUTE"] = 2
    app.config["JOIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE"] = 4
    code = join_code_of(app, make_workshop())
    # Four phones scan a wrong code once each (a browser's first visit, no cookie yet).
    for _phone in range(4):
        assert app.test_client().get("/j/WRONG2").status_code == 404
    # The address has reached its ceiling: a fifth phone waits, with the reason.
    response = app.test_client().get(f"/j/{code}")
    assert response.status_code == 429
    assert "Too many wrong join codes have come from your network" in response.get_data(
        as_text=True
    )
    elsewhere = app.test_client()
    assert elsewhere.get(f"/j/{code}", environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 200


# --- The join link ---


def test_join_link_shows_the_workshop_name_field_and_group_choice(app, client, make_workshop):
    workshop_id = make_workshop(title="Strategi for æøå", groups=3)
    html = client.get(f"/j/{join_code_of(app, workshop_id)}").get_data(as_text=True)
    assert "Strategi for æøå" in html
    assert '<label for="display_name">' in html
    assert html.count('type="radio"') == 3
    for number, group_id in enumerate(group_ids_of(app, workshop_id)):
        assert f'value="{group_id}"' in html
        assert f'<label for="group_id-{number}">Group {number + 1}</label>' in html


def test_unknown_join_link_shows_the_code_form_with_the_generic_error(client):
    response = client.get("/j/ZZZ999")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "This join code is not valid" in html
    assert '<label for="code">' in html


def test_participant_joins_and_lands_on_their_group_page(app, client, make_workshop):
    workshop_id = make_workshop(groups=2)
    code = join_code_of(app, workshop_id)
    second_group = group_ids_of(app, workshop_id)[1]
    response = join(client, code, display_name="Åse 😀 مرحبا", group_id=second_group)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/w/{workshop_id}")
    assert participants_of(app, workshop_id) == [("Åse 😀 مرحبا", second_group, True)]


def test_same_browser_coming_back_is_the_same_participant(app, client, make_workshop):
    workshop_id = make_workshop(groups=2)
    code = join_code_of(app, workshop_id)
    join(client, code, display_name="Ada", group_id=group_ids_of(app, workshop_id)[0])
    again = client.get(f"/j/{code.lower()}")
    assert again.status_code == 302
    assert again.headers["Location"].endswith(f"/w/{workshop_id}")
    assert len(participants_of(app, workshop_id)) == 1
    with client.session_transaction() as session:
        assert session["participants"] == {str(workshop_id): 1}


def test_another_browser_joins_as_a_new_participant(app, client, make_workshop):
    workshop_id = make_workshop(groups=1)
    code = join_code_of(app, workshop_id)
    join(client, code, display_name="Ada")
    join(app.test_client(), code, display_name="Bob")
    assert [name for name, _group, _active in participants_of(app, workshop_id)] == ["Ada", "Bob"]


def test_removed_participant_coming_back_is_asked_to_join_again(app, client, make_workshop):
    workshop_id = make_workshop(groups=1)
    code = join_code_of(app, workshop_id)
    join(client, code, display_name="Ada")
    with app.app_context():
        db.session.scalar(select(Participant)).removed_at = db.func.now()
        db.session.commit()
    assert client.get(f"/j/{code}").status_code == 200


def test_join_without_a_name_is_refused_with_a_clear_error(app, client, make_workshop):
    workshop_id = make_workshop(groups=1)
    response = join(client, join_code_of(app, workshop_id), display_name="   ")
    assert response.status_code == 400
    assert "Please give your name." in response.get_data(as_text=True)
    assert participants_of(app, workshop_id) == []


def test_too_long_name_states_the_limit(app, client, make_workshop):
    workshop_id = make_workshop(groups=1)
    response = join(client, join_code_of(app, workshop_id), display_name="x" * 81)
    assert response.status_code == 400
    assert "at most 80 characters" in response.get_data(as_text=True)


def test_self_select_without_a_choice_asks_for_a_group(app, client, make_workshop):
    workshop_id = make_workshop(groups=2)
    response = join(client, join_code_of(app, workshop_id), display_name="Ada")
    assert response.status_code == 400
    assert "Please choose a group." in response.get_data(as_text=True)


def test_fully_anonymous_workshop_asks_no_name(app, client, make_workshop):
    workshop_id = make_workshop(anonymity="anonymous", groups=2, group_mode="balanced_random")
    code = join_code_of(app, workshop_id)
    html = client.get(f"/j/{code}").get_data(as_text=True)
    assert 'name="display_name"' not in html
    assert 'type="radio"' not in html
    assert join(client, code).status_code == 302
    assert participants_of(app, workshop_id)[0][0] == ""


def test_unlisted_participant_is_told_where_they_were_placed(app, client, make_workshop):
    workshop_id = make_workshop(groups=2, group_mode="assigned")
    code = join_code_of(app, workshop_id)
    assert join(client, code, display_name="Carol").status_code == 302
    with client.session_transaction() as session:
        messages = [message for _category, message in session["_flashes"]]
    assert any("not on the group list" in message for message in messages)


def test_join_form_without_csrf_token_is_rejected(app, client, make_workshop):
    workshop_id = make_workshop(groups=1)
    response = client.post(f"/j/{join_code_of(app, workshop_id)}", data={"display_name": "Ada"})
    assert response.status_code == 400
    assert participants_of(app, workshop_id) == []


def test_join_link_of_a_closed_workshop_says_it_is_closed(app, client, make_workshop):
    response = client.get(f"/j/{join_code_of(app, make_workshop(status='closed'))}")
    assert response.status_code == 409
    assert "This workshop is closed" in response.get_data(as_text=True)


# --- The join sheet ---


def test_join_sheet_shows_code_link_and_qr_code(
    app, client, make_facilitator, make_workshop, login_as
):
    owner = make_facilitator()
    workshop_id = make_workshop(owner_id=owner, title="Rådsmøde")
    code = join_code_of(app, workshop_id)
    login_as(owner)
    response = client.get(f"/workshops/{workshop_id}/join-sheet")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Rådsmøde" in html
    assert f">{code}<" in html
    assert f"http://localhost/j/{code}" in html
    assert "<svg" in html and "<path" in html


def test_join_sheet_uses_the_public_url_when_set(
    app, client, make_facilitator, make_workshop, login_as
):
    owner = make_facilitator()
    workshop_id = make_workshop(owner_id=owner)
    app.config["PUBLIC_URL"] = "https://workshop.example.org/"
    login_as(owner)
    html = client.get(f"/workshops/{workshop_id}/join-sheet").get_data(as_text=True)
    assert f"https://workshop.example.org/j/{join_code_of(app, workshop_id)}" in html


def test_join_qr_code_is_an_svg(client, make_facilitator, make_workshop, login_as):
    owner = make_facilitator()
    workshop_id = make_workshop(owner_id=owner)
    login_as(owner)
    response = client.get(f"/workshops/{workshop_id}/join-qr.svg")
    assert response.mimetype == "image/svg+xml"
    assert response.get_data(as_text=True).startswith("<svg")


def test_facilitator_pages_need_a_login(client, make_workshop):
    workshop_id = make_workshop()
    for page in ("join-sheet", "join-qr.svg", "participants"):
        response = client.get(f"/workshops/{workshop_id}/{page}")
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]


def test_another_facilitator_gets_not_found(client, make_facilitator, make_workshop, login_as):
    workshop_id = make_workshop()
    login_as(make_facilitator())
    for page in ("join-sheet", "join-qr.svg", "participants"):
        assert client.get(f"/workshops/{workshop_id}/{page}").status_code == 404


# --- Who has joined ---


def facilitator_with_workshop(make_facilitator, make_workshop, login_as, **options):
    owner = make_facilitator()
    workshop_id = make_workshop(owner_id=owner, **options)
    login_as(owner)
    return workshop_id


def test_participants_page_lists_who_joined_per_group_and_who_is_online(
    app, client, make_facilitator, make_workshop, make_participant, login_as
):
    workshop_id = facilitator_with_workshop(make_facilitator, make_workshop, login_as, groups=2)
    ada, _ = make_participant(workshop_id, 0, name="Åse <b>Ødegård</b>")
    make_participant(workshop_id, 1, name="Bob")
    with app.app_context():
        db.session.add(Connection(sid="s1", workshop_id=workshop_id, participant_id=ada))
        db.session.commit()
    html = client.get(f"/workshops/{workshop_id}/participants").get_data(as_text=True)
    group_one, group_two = html.split('id="group-')[1:3]
    assert "Åse &lt;b&gt;Ødegård&lt;/b&gt;" in group_one and "Online" in group_one
    assert "Bob" in group_two and "Offline" in group_two
    assert "2 participants, 1 online now." in html
    assert "<summary>Remove…</summary>" in html


def test_facilitator_moves_a_participant_to_another_group(
    app, client, make_facilitator, make_workshop, make_participant, login_as
):
    workshop_id = facilitator_with_workshop(make_facilitator, make_workshop, login_as, groups=2)
    ada, _ = make_participant(workshop_id, 0)
    target = group_ids_of(app, workshop_id)[1]
    token = csrf_token_from(
        client.get(f"/workshops/{workshop_id}/participants").get_data(as_text=True)
    )
    response = client.post(
        f"/workshops/{workshop_id}/participants/{ada}/move",
        data={"csrf_token": token, f"p{ada}-group_id": str(target)},
    )
    assert response.status_code == 303
    assert participants_of(app, workshop_id) == [("Ada", target, True)]
    assert "Ada is now in Group 2." in client.get(response.headers["Location"]).get_data(
        as_text=True
    )


def test_move_without_csrf_token_is_rejected(
    app, client, make_facilitator, make_workshop, make_participant, login_as
):
    workshop_id = facilitator_with_workshop(make_facilitator, make_workshop, login_as, groups=2)
    ada, _ = make_participant(workshop_id, 0)
    target = group_ids_of(app, workshop_id)[1]
    response = client.post(
        f"/workshops/{workshop_id}/participants/{ada}/move", data={f"p{ada}-group_id": target}
    )
    assert response.status_code == 400
    assert participants_of(app, workshop_id)[0][1] != target


def test_facilitator_removes_a_participant_and_their_token_stops_working(
    app, client, make_facilitator, make_workshop, make_participant, login_as
):
    workshop_id = facilitator_with_workshop(make_facilitator, make_workshop, login_as)
    ada, ada_token = make_participant(workshop_id, 0)
    token = csrf_token_from(
        client.get(f"/workshops/{workshop_id}/participants").get_data(as_text=True)
    )
    response = client.post(
        f"/workshops/{workshop_id}/participants/{ada}/remove", data={"csrf_token": token}
    )
    assert response.status_code == 303
    with app.app_context():
        assert access.participant_for_token(ada_token) is None
    html = client.get(f"/workshops/{workshop_id}/participants").get_data(as_text=True)
    assert "Ada was removed from the workshop." in html
    assert "0 participants" in html


def test_remove_without_csrf_token_is_rejected(
    app, client, make_facilitator, make_workshop, make_participant, login_as
):
    workshop_id = facilitator_with_workshop(make_facilitator, make_workshop, login_as)
    ada, _ = make_participant(workshop_id, 0)
    assert client.post(f"/workshops/{workshop_id}/participants/{ada}/remove").status_code == 400
    assert participants_of(app, workshop_id)[0][2] is True


def test_another_facilitator_cannot_move_or_remove(
    app, client, csrf_token, make_facilitator, make_workshop, make_participant, login_as
):
    workshop_id = make_workshop(groups=2)
    ada, _ = make_participant(workshop_id, 0)
    login_as(make_facilitator())
    token = csrf_token("/join")
    base = f"/workshops/{workshop_id}/participants/{ada}"
    target = group_ids_of(app, workshop_id)[1]
    move = client.post(f"{base}/move", data={"csrf_token": token, f"p{ada}-group_id": target})
    assert move.status_code == 404
    assert client.post(f"{base}/remove", data={"csrf_token": token}).status_code == 404
    assert participants_of(app, workshop_id) == [("Ada", group_ids_of(app, workshop_id)[0], True)]


def test_facilitator_prepares_the_assigned_group_list(
    app, client, make_facilitator, make_workshop, login_as
):
    workshop_id = facilitator_with_workshop(
        make_facilitator, make_workshop, login_as, groups=2, group_mode="assigned"
    )
    one, two = group_ids_of(app, workshop_id)
    page = client.get(f"/workshops/{workshop_id}/participants").get_data(as_text=True)
    assert f'<label for="group_{one}">Names in Group 1 (one a line)</label>' in page
    response = client.post(
        f"/workshops/{workshop_id}/participants/assignments",
        data={
            "csrf_token": csrf_token_from(page),
            f"group_{one}": "Åse Ødegård\n\n  Bob  ",
            f"group_{two}": "Carol",
        },
    )
    assert response.status_code == 303
    html = client.get(f"/workshops/{workshop_id}/participants").get_data(as_text=True)
    assert "The group list is saved." in html
    assert "Åse Ødegård\nBob</textarea>" in html
    code = join_code_of(app, workshop_id)
    join(app.test_client(), code, display_name="CAROL")
    assert participants_of(app, workshop_id) == [("CAROL", two, True)]


def test_assigned_list_with_a_name_in_two_groups_is_refused(
    app, client, make_facilitator, make_workshop, login_as
):
    workshop_id = facilitator_with_workshop(
        make_facilitator, make_workshop, login_as, groups=2, group_mode="assigned"
    )
    one, two = group_ids_of(app, workshop_id)
    page = client.get(f"/workshops/{workshop_id}/participants").get_data(as_text=True)
    response = client.post(
        f"/workshops/{workshop_id}/participants/assignments",
        data={"csrf_token": csrf_token_from(page), f"group_{one}": "Ada", f"group_{two}": "ada"},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "ada is listed in more than one group." in html
    assert "ada</textarea>" in html  # what was typed is kept for fixing


def test_assigned_list_without_csrf_token_is_rejected(
    app, client, make_facilitator, make_workshop, login_as
):
    workshop_id = facilitator_with_workshop(
        make_facilitator, make_workshop, login_as, groups=1, group_mode="assigned"
    )
    (one,) = group_ids_of(app, workshop_id)
    response = client.post(
        f"/workshops/{workshop_id}/participants/assignments", data={f"group_{one}": "Ada"}
    )
    assert response.status_code == 400
