"""The OpenAPI 3.1 description of the group routes (see api/groups.py)."""

from workshop.models.group import GROUP_NAME_MAX, MAX_GROUPS
from workshop.web.api.outline_openapi import ERROR, MOVE, SECURITY, WORKSHOP_ID, answer, json_body

GROUP_ID = {"name": "group_id", "in": "path", "required": True, "schema": {"type": "integer"}}
GROUP = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "workshop_id": {"type": "integer"},
        "name": {"type": "string"},
        "position": {"type": "integer", "description": "0-based order"},
        "all_questions": {"type": "boolean", "description": "Works on every question"},
        "question_ids": {
            "type": "array",
            "items": {"type": "integer"},
            "description": "The questions it works on, in outline order",
        },
        "section_ids": {
            "type": "array",
            "items": {"type": "integer"},
            "description": "Sections and blocks chosen whole (later questions under them too)",
        },
        "participant_count": {"type": "integer"},
    },
}
GROUPS = {"type": "object", "properties": {"groups": {"type": "array", "items": GROUP}}}
NAME = {"type": "string", "minLength": 1, "maxLength": GROUP_NAME_MAX}
FAILURES = {
    "400": answer("Invalid input", ERROR),
    "401": answer("No valid API token", ERROR),
    "404": answer("No such workshop or group for this facilitator", ERROR),
}


def operation(summary: str, responses: dict, body: dict | None = None) -> dict:
    item = {"summary": summary, "security": SECURITY, "responses": {**responses, **FAILURES}}
    if body is not None:
        item["requestBody"] = body
    return item


OPENAPI_PATHS = {
    "/workshops/{workshop_id}/groups": {
        "parameters": [WORKSHOP_ID],
        "get": operation("The workshop's groups in order", {"200": answer("Groups", GROUPS)}),
        "post": operation(
            "Create N groups named “Group …” in the meeting's language, or one named group",
            {
                "201": answer('{"groups": [...]} for count, the group for name', GROUPS),
                "409": answer(f"More than {MAX_GROUPS} groups", ERROR),
            },
            json_body(
                {
                    "oneOf": [
                        {
                            "type": "object",
                            "required": ["count"],
                            "properties": {
                                "count": {"type": "integer", "minimum": 1, "maximum": MAX_GROUPS}
                            },
                        },
                        {"type": "object", "required": ["name"], "properties": {"name": NAME}},
                    ]
                }
            ),
        ),
    },
    "/groups/{group_id}": {
        "parameters": [GROUP_ID],
        "get": operation("One group", {"200": answer("The group", GROUP)}),
        "patch": operation(
            "Rename a group",
            {"200": answer("The group", GROUP)},
            json_body({"type": "object", "properties": {"name": NAME}}),
        ),
        "delete": operation(
            "Delete a group (refused while it has participants or notes)",
            {"204": answer("Deleted"), "409": answer("It has participants or notes", ERROR)},
        ),
    },
    "/groups/{group_id}/move": {
        "parameters": [GROUP_ID],
        "post": operation(
            "Move a group up or down",
            {"200": answer("All groups in order", GROUPS), "409": answer("First or last", ERROR)},
            json_body(MOVE),
        ),
    },
    "/groups/{group_id}/questions": {
        "parameters": [GROUP_ID],
        "put": operation(
            "Choose the questions a group works on",
            {"200": answer("The group", GROUP)},
            json_body(
                {
                    "type": "object",
                    "properties": {
                        "all": {"type": "boolean", "description": "true: every question"},
                        "question_ids": {"type": "array", "items": {"type": "integer"}},
                        "section_ids": {
                            "type": "array",
                            "items": {"type": "integer"},
                            "description": "A section or block means all questions under it",
                        },
                    },
                }
            ),
        ),
    },
}
