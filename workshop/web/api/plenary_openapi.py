"""The OpenAPI 3.1 description of the plenary's routes (see api/plenary.py, docs/realtime.md).

Request bodies are derived from the payload forms (forms/plenary.py)."""

from workshop.forms.plenary import DotPlacePayload, SharePayload, VoteOpenPayload
from workshop.web.api.notes_openapi import PARTICIPANT
from workshop.web.api.plan_openapi import (
    CHANGED,
    ERROR,
    OBJECT,
    WORKSHOP_ID,
    answer,
    json_body,
    operation,
)

NULLABLE_OBJECT = {"type": ["object", "null"]}
SHARE = {
    "type": "object",
    "properties": {
        "share": {**NULLABLE_OBJECT, "description": "The share object (docs/realtime.md)."},
        "last_seq": {"type": "integer"},
    },
}
VOTE = {
    "type": "object",
    "properties": {
        "vote": {**NULLABLE_OBJECT, "description": "The vote object (docs/realtime.md)."},
        "last_seq": {"type": "integer"},
    },
}
DOT_ANSWER = {
    "type": "object",
    "properties": {"seq": {"type": "integer"}, "dot": OBJECT, "mine": OBJECT},
}
DOT_ID = {"name": "dot_id", "in": "path", "required": True, "schema": {"type": "string"}}
PARTICIPANT_FAILURES = {
    "400": answer("Invalid input", ERROR),
    "401": answer("No valid token", ERROR),
    "404": answer("No such vote, point or dot", ERROR),
    "409": answer("Over budget, over the cap, the vote is closed, or the id is taken", ERROR),
}


def changed(summary: str, body=None) -> dict:
    return operation(summary, {"200": answer("The change, as broadcast", CHANGED)}, body)


def participant_operation(summary: str, responses: dict, body=None) -> dict:
    item = {
        "summary": summary,
        "security": PARTICIPANT,
        "responses": {**responses, **PARTICIPANT_FAILURES},
    }
    if body is not None:
        item["requestBody"] = json_body(body)
    return item


OPENAPI_PATHS = {
    "/workshops/{workshop_id}/share": {
        "parameters": [WORKSHOP_ID],
        "get": operation("What is shared now", {"200": answer("The share", SHARE)}),
        "put": changed("Share raw notes or curated points with everyone", SharePayload),
        "delete": changed("Stop sharing"),
    },
    "/workshops/{workshop_id}/vote": {
        "parameters": [WORKSHOP_ID],
        "get": operation("The room's vote with its totals", {"200": answer("The vote", VOTE)}),
        "post": changed("Open a dot vote", VoteOpenPayload),
    },
    "/workshops/{workshop_id}/vote/close": {
        "parameters": [WORKSHOP_ID],
        "post": changed("Close the vote"),
    },
    "/workshops/{workshop_id}/vote/reveal": {
        "parameters": [WORKSHOP_ID],
        "post": changed("Reveal the closed vote's results"),
    },
    "/workshops/{workshop_id}/vote/reopen": {
        "parameters": [WORKSHOP_ID],
        "post": changed("Open a closed vote again"),
    },
    "/participant/share": {
        "get": participant_operation("What is shared now", {"200": answer("The share", SHARE)}),
    },
    "/participant/vote": {
        "get": participant_operation(
            "The room's vote, with the participant's own dots", {"200": answer("The vote", VOTE)}
        ),
    },
    "/participant/dots": {
        "post": participant_operation(
            "Place a dot (a repeated id answers the first result)",
            {"200": answer("The dot and the participant's dots", DOT_ANSWER)},
            DotPlacePayload,
        ),
    },
    "/participant/dots/{dot_id}": {
        "parameters": [DOT_ID],
        "delete": participant_operation(
            "Take a dot back", {"200": answer("The dot and the participant's dots", DOT_ANSWER)}
        ),
    },
}
