"""The OpenAPI 3.1 description of the meeting and agenda routes (see api/meetings.py)."""

from workshop.forms.meetings import (
    AttachmentForm,
    ItemForm,
    ItemOrderForm,
    ItemWorkshopForm,
    MeetingForm,
    MeetingStatusForm,
    NextMeetingForm,
)
from workshop.forms.outline import MoveForm
from workshop.web.api.meeting_openapi_parts import (
    ATTACHMENT,
    ITEM,
    MEETING,
    STRING,
    answer,
    array_of,
    obj,
    operation,
    path_id,
)
from workshop.web.api.workshops_openapi import WORKSHOP

MEETING_ID = path_id("meeting_id")
ITEM_PARAMETERS = [MEETING_ID, path_id("item_id")]
MEETINGS = array_of("meetings", MEETING)
ONE_MEETING = {"200": answer("The meeting", MEETING)}


def meeting_action(summary: str, body=None, *statuses: int) -> dict:
    return {"parameters": [MEETING_ID], "post": operation(summary, ONE_MEETING, body, *statuses)}


OPENAPI_PATHS: dict = {
    "/series/{series_id}/meetings": {
        "parameters": [path_id("series_id")],
        "get": operation(
            "The series' meetings, past and planned, by date",
            {"200": answer("The meetings", MEETINGS)},
            None,
            404,
        ),
        "post": operation(
            "Plan a meeting of the series: its defaults, its standing items on the agenda",
            {"201": answer("The meeting", MEETING)},
            MeetingForm,
            400,
            404,
        ),
    },
    "/meetings": {
        "get": operation(
            "Your meetings that stand alone, outside a series",
            {"200": answer("The meetings", MEETINGS)},
        ),
        "post": operation(
            "Plan a meeting that stands alone",
            {"201": answer("The meeting", MEETING)},
            MeetingForm,
            400,
        ),
    },
    "/meetings/{meeting_id}": {
        "parameters": [MEETING_ID],
        "get": operation("One meeting with its agenda", ONE_MEETING, None, 404),
        "patch": operation(
            "Change some fields; fields left out keep their values",
            ONE_MEETING,
            MeetingForm,
            400,
            404,
        ),
        "delete": operation("Delete the meeting", {"204": answer("Deleted")}, None, 404),
    },
    "/meetings/{meeting_id}/status": meeting_action(
        "planned → held or cancelled, and back to planned", MeetingStatusForm, 400, 404, 409
    ),
    "/meetings/{meeting_id}/publish": {
        "parameters": [MEETING_ID],
        "post": operation(
            "Publish the meeting on the series' members' page", ONE_MEETING, None, 404, 409
        ),
        "delete": operation("Take it off the members' page", ONE_MEETING, None, 404),
    },
    "/meetings/{meeting_id}/submission-code": meeting_action(
        "A new submission code and link (the old one stops working)", None, 404
    ),
    "/meetings/{meeting_id}/next": {
        "parameters": [MEETING_ID],
        "get": operation(
            "The proposed date of the next meeting (the series' rhythm)",
            {"200": answer("The date", obj({"date": STRING}))},
            None,
            404,
        ),
        "post": operation(
            "Plan the next meeting: the date given or proposed, the standing items, the deferred "
            "topics, the items marked follow up; the workshops of reuse_workshop_item_ids are "
            "duplicated with the new date",
            {"201": answer("The next meeting", MEETING)},
            NextMeetingForm,
            400,
            404,
            409,
            body_required=False,
        ),
    },
    "/meetings/{meeting_id}/items": {
        "parameters": [MEETING_ID],
        "post": operation(
            "Add an item (before the items kept at the end)",
            {"201": answer("The item", ITEM)},
            ItemForm,
            400,
            404,
            409,
        ),
    },
    "/meetings/{meeting_id}/items/order": {
        "parameters": [MEETING_ID],
        "put": operation(
            "Put the agenda in this order (every item id once)",
            ONE_MEETING,
            ItemOrderForm,
            400,
            404,
            409,
        ),
    },
    "/meetings/{meeting_id}/items/{item_id}": {
        "parameters": ITEM_PARAMETERS,
        "patch": operation(
            "Change some of an item's fields",
            {"200": answer("The item", ITEM)},
            ItemForm,
            400,
            404,
            409,
        ),
        "delete": operation(
            "Remove an item (a topic accepted as it is undecided again)",
            {"204": answer("Removed")},
            None,
            404,
            409,
        ),
    },
    "/meetings/{meeting_id}/items/{item_id}/move": {
        "parameters": ITEM_PARAMETERS,
        "post": operation("Move an item up or down", ONE_MEETING, MoveForm, 400, 404, 409),
    },
    "/meetings/{meeting_id}/items/{item_id}/attachments": {
        "parameters": ITEM_PARAMETERS,
        "post": operation(
            "Add an attachment reference (title and optional link; numbered 3.1, 3.2 …)",
            {"201": answer("The attachment", ATTACHMENT)},
            AttachmentForm,
            400,
            404,
            409,
        ),
    },
    "/meetings/{meeting_id}/items/{item_id}/attachments/{attachment_id}": {
        "parameters": [*ITEM_PARAMETERS, path_id("attachment_id")],
        "delete": operation("Remove an attachment", {"204": answer("Removed")}, None, 404, 409),
    },
    "/meetings/{meeting_id}/items/{item_id}/workshop": {
        "parameters": ITEM_PARAMETERS,
        "post": operation(
            "Link one of your workshops to the item, or without workshop_id create one (the "
            "item's title, the meeting's date and language)",
            {"201": answer("The workshop", WORKSHOP)},
            ItemWorkshopForm,
            400,
            404,
            409,
            body_required=False,
        ),
        "delete": operation(
            "Unlink the item's workshop (the workshop stays)",
            {"204": answer("Unlinked")},
            None,
            404,
        ),
    },
}
