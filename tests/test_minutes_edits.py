"""Saving the minutes through the API: field edits with a revision check, idempotent op ids,
structural operations, limits and bad input."""

import uuid

from minutes_helpers import make_meeting, op, set_field

AGENDA = (
    {"title": "Approval of the agenda", "standing": True, "attachments": ["Agenda"]},
    {"title": "Strategy", "description": "The council's strategy 2030."},
    {"title": "Reports"},
    {"title": "Any other business", "standing": True},
)


def minutes(api, meeting_id):
    return api("get", f"/meetings/{meeting_id}/minutes").get_json()


def test_minutes_start_from_the_agenda(app, api, owner):
    meeting_id = make_meeting(app, owner, AGENDA, series_name="The council")
    state = minutes(api, meeting_id)
    assert [i["title"] for i in state["items"]] == [a["title"] for a in AGENDA]
    assert [i["number"] for i in state["items"]] == [1, 2, 3, 4]
    assert state["items"][0]["attachments"] == "1.1 Agenda"
    assert state["items"][1]["background"] == "The council's strategy 2030."
    values = state["header"]["values"]
    assert values["title"] == "Council meeting" and values["theme"] == "The council"
    assert values["date"] == "2026-12-03" and values["start_time"] == "13:00"
    assert "document_number" in state["header"]["inherited"]
    assert state["status"] == "draft" and state["version"] == 1


def test_a_stale_edit_is_refused_with_the_other_text(app, api, owner):
    meeting_id = make_meeting(app, owner, AGENDA)
    item_id = minutes(api, meeting_id)["items"][1]["id"]
    first = set_field(api, meeting_id, "decision", "Adopted.", item_id=item_id, base_revision=0)
    assert first.status_code == 200, first.get_json()
    assert first.get_json()["revision"] == 1
    second = set_field(api, meeting_id, "decision", "Postponed.", item_id=item_id, base_revision=0)
    assert second.status_code == 409
    error = second.get_json()["error"]
    assert error["code"] == "stale_edit"
    assert error["details"]["value"] == "Adopted." and error["details"]["revision"] == 1
    item = minutes(api, meeting_id)["items"][1]
    assert item["decision"] == "Adopted."  # never silently overwritten
    # Another field of the same item is not blocked by that edit.
    other = set_field(api, meeting_id, "background", "New.", item_id=item_id, base_revision=0)
    assert other.status_code == 200


def test_a_resent_op_id_answers_the_first_result_and_changes_nothing(app, api, owner):
    meeting_id = make_meeting(app, owner, AGENDA)
    item_id = minutes(api, meeting_id)["items"][2]["id"]
    op_id = str(uuid.uuid4())
    body = {
        "item_id": item_id,
        "field": "discussion",
        "value": "- Asylum\n  - fewer cases",
        "base_revision": 0,
        "op_id": op_id,
    }
    first = op(api, meeting_id, "set", **body)
    again = op(api, meeting_id, "set", **body)
    assert first.status_code == again.status_code == 200
    assert again.get_json()["repeated"] is True
    assert again.get_json()["revision"] == first.get_json()["revision"] == 1
    assert minutes(api, meeting_id)["items"][2]["revisions"]["discussion"] == 1
    other_kind = op(api, meeting_id, "leave_out", item_id=item_id, left_out=True, op_id=op_id)
    assert other_kind.status_code == 409
    assert other_kind.get_json()["error"]["code"] == "op_id_conflict"
    # The same kind with another field or another value is another edit, not a resend.
    for changed in ({"field": "background"}, {"value": "Changed"}):
        other_edit = op(api, meeting_id, "set", **(body | changed))
        assert other_edit.status_code == 409
        assert other_edit.get_json()["error"]["code"] == "op_id_conflict"
    assert minutes(api, meeting_id)["items"][2]["discussion"] == "- Asylum\n  - fewer cases"


def test_header_fields_inherit_until_set_and_again_when_null(app, api, owner):
    meeting_id = make_meeting(app, owner, AGENDA)
    assert set_field(api, meeting_id, "title", "Extraordinary council").status_code == 200
    state = minutes(api, meeting_id)
    assert state["header"]["values"]["title"] == "Extraordinary council"
    assert "title" not in state["header"]["inherited"]
    assert set_field(api, meeting_id, "title", None).status_code == 200
    assert minutes(api, meeting_id)["header"]["values"]["title"] == "Council meeting"
    bad_date = set_field(api, meeting_id, "date", "3/12/2026")
    assert (
        bad_date.status_code == 400 and bad_date.get_json()["error"]["code"] == "minutes_bad_date"
    )
    bad_time = set_field(api, meeting_id, "start_time", "25:00")
    assert bad_time.get_json()["error"]["code"] == "minutes_bad_time"


def test_items_are_added_moved_and_left_out_while_standing_items_keep_their_place(app, api, owner):
    meeting_id = make_meeting(app, owner, AGENDA)
    added = op(api, meeting_id, "add_item", title="Budget")
    assert added.status_code == 200, added.get_json()
    titles = [i["title"] for i in minutes(api, meeting_id)["items"]]
    assert titles == [
        "Approval of the agenda",
        "Strategy",
        "Reports",
        "Budget",
        "Any other business",
    ]
    budget = added.get_json()["item"]["id"]
    assert op(api, meeting_id, "move_item", item_id=budget, position=0).status_code == 200
    titles = [i["title"] for i in minutes(api, meeting_id)["items"]]
    assert titles == [
        "Approval of the agenda",
        "Budget",
        "Strategy",
        "Reports",
        "Any other business",
    ]
    standing = minutes(api, meeting_id)["items"][0]["id"]
    refused = op(api, meeting_id, "move_item", item_id=standing, position=2)
    assert refused.get_json()["error"]["code"] == "minutes_standing_item"
    assert op(api, meeting_id, "leave_out", item_id=budget, left_out=True).status_code == 200
    items = minutes(api, meeting_id)["items"]
    assert [i["number"] for i in items] == [1, None, 2, 3, 4]


def test_bad_input_is_refused_with_a_clear_error_and_nothing_written(
    app, api, owner, make_facilitator
):
    meeting_id = make_meeting(app, owner, AGENDA)
    other_meeting = make_meeting(app, owner, AGENDA)
    foreign_item = minutes(api, other_meeting)["items"][1]["id"]
    wrong = set_field(api, meeting_id, "decision", "x", item_id=foreign_item, base_revision=0)
    assert wrong.status_code == 404
    assert wrong.get_json()["error"]["code"] == "minutes_item_not_found"
    item_id = minutes(api, meeting_id)["items"][1]["id"]
    long = set_field(api, meeting_id, "decision", "x" * 20001, item_id=item_id)
    assert long.status_code == 400
    assert long.get_json()["error"]["code"] == "minutes_field_too_long"
    for blank in ("  ", "\u200b", "\ufeff \u200d"):  # invisible is empty too
        empty = set_field(api, meeting_id, "title", blank, item_id=item_id)
        assert empty.get_json()["error"]["code"] == "minutes_title_empty"
    missing = api("post", f"/meetings/{meeting_id}/minutes/ops", json={"op": "set"})
    assert missing.status_code == 400 and missing.get_json()["error"]["code"] == "invalid_input"
    assert minutes(api, meeting_id)["items"][1]["decision"] == ""
    control = set_field(api, meeting_id, "decision", "Ad\x00opted\x07", item_id=item_id)
    assert control.get_json()["value"] == "Adopted"
    stranger = make_facilitator()
    from workshops_helpers import api_as

    assert (
        api_as(app, app.test_client(), stranger)(
            "get", f"/meetings/{meeting_id}/minutes"
        ).status_code
        == 404
    )


def test_the_members_page_gets_only_approved_minutes_of_published_meetings(app, api, owner):
    from datetime import UTC, datetime

    from workshop.extensions import db
    from workshop.minutes.members import approved_minutes_summary, members_minutes_export
    from workshop.models import DomainError, Meeting

    meeting_id = make_meeting(app, owner, AGENDA, series_name="The council")
    other = make_meeting(app, owner, AGENDA, series_name="Another series")
    item_id = minutes(api, meeting_id)["items"][1]["id"]
    set_field(api, meeting_id, "decision", "Adopted <b>now</b>.", item_id=item_id)
    with app.test_request_context():
        meeting = db.session.get(Meeting, meeting_id)
        assert approved_minutes_summary(meeting) is None
        meeting.published_at = datetime.now(UTC)
        db.session.commit()
    assert api("post", f"/meetings/{meeting_id}/minutes/approve", json={}).status_code == 201
    set_field(api, meeting_id, "decision", "A later draft.", item_id=item_id)
    with app.test_request_context():
        meeting = db.session.get(Meeting, meeting_id)
        assert approved_minutes_summary(meeting)["version"] == 1
        text = members_minutes_export(meeting.series, meeting_id, "md").content.decode()
        assert "Adopted \\<b\\>now\\</b\\>." in text and "A later draft." not in text
        try:
            members_minutes_export(meeting.series, other, "md")
        except DomainError as error:
            assert error.code == "minutes_not_published"
        else:
            raise AssertionError("another series' minutes were exported")


def test_the_minutes_page_saves_with_its_session_and_csrf_token(
    app, client, owner, login_as, csrf_token
):
    meeting_id = make_meeting(app, owner, AGENDA)
    url = f"/meetings/{meeting_id}/minutes/ops"
    body = {
        "op_id": str(uuid.uuid4()),
        "op": "set",
        "item_id": None,
        "field": "reference",
        "value": "REF-1",
        "base_revision": 0,
    }
    no_token = client.post(url, json=body)
    assert no_token.status_code == 400
    assert no_token.get_json()["error"]["code"] == "csrf_failed"
    logged_out = client.post(url, json=body, headers={"X-CSRFToken": csrf_token("/login")})
    assert logged_out.status_code == 401
    assert logged_out.get_json()["error"]["code"] == "unauthorised"
    login_as(owner)
    headers = {"X-CSRFToken": csrf_token("/")}
    saved = client.post(url, json=body, headers=headers)
    assert saved.status_code == 200, saved.get_json()
    assert saved.get_json()["value"] == "REF-1" and saved.get_json()["revision"] == 1
    stale = client.post(url, json={**body, "op_id": str(uuid.uuid4())}, headers=headers)
    assert stale.status_code == 409 and stale.get_json()["error"]["code"] == "stale_edit"


def test_an_agenda_item_added_later_is_taken_in_after_the_item_it_follows(app, api, owner):
    meeting_id = make_meeting(app, owner, AGENDA)
    before = minutes(api, meeting_id)["items"]
    added = api("post", f"/meetings/{meeting_id}/items", json={"title": "Budget"})
    assert added.status_code == 201, added.get_json()
    titles = [i["title"] for i in minutes(api, meeting_id)["items"]]
    # The agenda puts a new item before its closing standing items, and so do the minutes.
    agenda = api("get", f"/meetings/{meeting_id}").get_json()
    agenda_titles = [item["title"] for item in agenda["items"]]
    assert titles == agenda_titles and len(titles) == len(before) + 1


def test_two_secretaries_saving_one_field_at_once_one_is_told(app, api, owner):
    import threading

    meeting_id = make_meeting(app, owner, AGENDA)
    item_id = minutes(api, meeting_id)["items"][1]["id"]
    answers: list = []
    start = threading.Barrier(2)

    def save(text: str) -> None:
        with app.test_client() as client:
            from workshops_helpers import api_as

            call = api_as(app, client, owner)
            start.wait()
            answers.append(set_field(call, meeting_id, "decision", text, item_id, 0).status_code)

    threads = [threading.Thread(target=save, args=(t,)) for t in ("Adopted.", "Rejected.")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [200, 409]
    item = minutes(api, meeting_id)["items"][1]
    assert item["revisions"]["decision"] == 1 and item["decision"] in ("Adopted.", "Rejected.")


def test_a_workshop_linked_to_the_agenda_later_becomes_the_items_annex(app, api, owner):
    meeting_id = make_meeting(app, owner, AGENDA)
    item = minutes(api, meeting_id)["items"][2]
    assert minutes(api, meeting_id)["annexes"] == []
    op(api, meeting_id, "add_annex", title="Report 2026")
    url = f"/meetings/{meeting_id}/items/{item['agenda_item_id']}/workshop"
    assert api("post", url, json={}).status_code == 201
    state = minutes(api, meeting_id)
    assert [(a["number"], a["kind"], a["item_id"]) for a in state["annexes"]] == [
        (1, "workshop", item["id"]),
        (2, "document", None),
    ]
    assert state["items"][2]["annex_number"] == 1
    assert state["annexes"][0]["approved"] is False


def test_members_read_and_download_the_approved_minutes_on_their_page(app, api, owner, client):
    from datetime import UTC, datetime

    from workshop.extensions import db
    from workshop.models import Meeting

    meeting_id = make_meeting(app, owner, AGENDA, series_name="The council")
    item_id = minutes(api, meeting_id)["items"][1]["id"]
    set_field(api, meeting_id, "decision", "Adopted <b>now</b>.", item_id=item_id)
    with app.app_context():
        meeting = db.session.get_one(Meeting, meeting_id)
        meeting.published_at = datetime.now(UTC)
        series_id = meeting.series_id
        db.session.commit()
    token = api("post", f"/series/{series_id}/members-link").get_json()["token"]
    page = client.get(f"/members/{token}").get_data(as_text=True)
    assert "Read the minutes" not in page  # a draft is never shown to the members

    assert api("post", f"/meetings/{meeting_id}/minutes/approve", json={}).status_code == 201
    set_field(api, meeting_id, "decision", "A later draft.", item_id=item_id)
    page = client.get(f"/members/{token}").get_data(as_text=True)
    assert "Minutes (approved version 1):" in page and "Read the minutes" in page
    read = client.get(f"/members/{token}/minutes/{meeting_id}").get_data(as_text=True)
    assert "Adopted &lt;b&gt;now&lt;/b&gt;." in read and "A later draft." not in read
    download = client.get(f"/members/{token}/minutes/{meeting_id}?format=docx")
    assert download.status_code == 200 and "attachment" in download.headers["Content-Disposition"]
    other = make_meeting(app, owner, AGENDA, series_name="Another series")
    assert client.get(f"/members/{token}/minutes/{other}").status_code == 404
