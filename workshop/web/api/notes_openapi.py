"""The OpenAPI 3.1 description of the notes routes (see api/notes.py and docs/realtime.md)."""

from workshop.models.note import NOTE_TEXT_MAX
from workshop.models.outline import OUTLINE_CHANGED
from workshop.models.room import (
    BROADCAST_CHANGED,
    FOCUS_CHANGED,
    LOCK_CHANGED,
    PLAN_CHANGED,
    PLENARY_CHANGED,
    STEP_CHANGED,
    TIMER_CHANGED,
)
from workshop.models.workshop import JOIN_CODE_CHANGED
from workshop.services.changes import CHANGES_PAGE

FACILITATOR: list[dict] = [{"facilitatorToken": []}]
PARTICIPANT: list[dict] = [{"participantToken": []}]
ERROR = {"$ref": "#/components/schemas/Error"}
UUID = {"type": "string", "format": "uuid", "maxLength": 36}
TIME = {"type": "string", "format": "date-time"}
ROOM_KINDS = [
    PLAN_CHANGED,
    STEP_CHANGED,
    TIMER_CHANGED,
    LOCK_CHANGED,
    BROADCAST_CHANGED,
    FOCUS_CHANGED,
    PLENARY_CHANGED,
]

NOTE = {
    "type": "object",
    "description": "A note as one viewer sees it (docs/realtime.md, “The note object”).",
    "properties": {
        "id": {**UUID, "description": "Chosen by the client: the idempotency key."},
        "question_id": {"type": "integer"},
        "group_id": {"type": "integer"},
        "text": {"type": "string", "maxLength": NOTE_TEXT_MAX, "description": "Empty if deleted."},
        "revision": {"type": "integer", "minimum": 1},
        "seq": {"type": "integer", "description": "The seq of the note's latest change."},
        "author_name": {
            "type": "string",
            "description": "Left out for participants when the workshop hides names from peers.",
        },
        "author_kind": {"enum": ["participant", "facilitator"]},
        "is_own": {"type": "boolean"},
        "created_at": TIME,
        "updated_at": TIME,
        "deleted": {"type": "boolean"},
    },
    "required": ["id", "question_id", "group_id", "text", "revision", "seq", "deleted"],
}
CHANGE = {
    "type": "object",
    "properties": {
        "seq": {"type": "integer"},
        "kind": {
            "enum": [
                "note:added",
                "note:edited",
                "note:deleted",
                "workshop:status",
                "participant:moved",
                JOIN_CODE_CHANGED,
                OUTLINE_CHANGED,
                *ROOM_KINDS,
            ]
        },
        "note": NOTE,
        "status": {"type": "string", "description": "For workshop:status."},
        "participant_id": {"type": "integer", "description": "For participant:moved."},
        "group_id": {"type": "integer", "description": "For participant:moved: the new group."},
        "join_code": {
            "type": "string",
            "description": "For join_code:changed (facilitators only): the new join code.",
        },
    },
    "required": ["seq", "kind"],
}
CHANGES = {
    "type": "object",
    "properties": {
        "changes": {"type": "array", "items": CHANGE, "maxItems": CHANGES_PAGE},
        "last_seq": {"type": "integer", "description": "Ask again from here."},
        "more": {
            "type": "boolean",
            "description": "More changes wait: ask again with since=last_seq.",
        },
        "now": {**TIME, "description": "The server's clock, for timers."},
    },
}
NOTES = {
    "type": "object",
    "properties": {
        "notes": {"type": "array", "items": NOTE},
        "last_seq": {"type": "integer", "description": "The snapshot is complete up to this seq."},
    },
}
WRITTEN = {
    "type": "object",
    "properties": {"seq": {"type": "integer"}, "note": NOTE},
}
ADD_BODY = {
    "type": "object",
    "properties": {
        "id": UUID,
        "question_id": {"type": "integer"},
        "text": {"type": "string", "maxLength": NOTE_TEXT_MAX},
        "group_id": {
            "type": "integer",
            "description": "Facilitators: the group the note is for. Participants: omit.",
        },
    },
    "required": ["id", "question_id", "text"],
}
EDIT_BODY = {
    "type": "object",
    "properties": {
        "op_id": {**UUID, "description": "A new UUID per edit: its idempotency key."},
        "base_revision": {"type": "integer", "description": "The revision the user edited."},
        "text": {"type": "string", "maxLength": NOTE_TEXT_MAX},
    },
    "required": ["op_id", "base_revision", "text"],
}


def json_response(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def errors(*statuses: int) -> dict:
    texts = {
        400: "Invalid input (code invalid_json, invalid_input, note_empty, note_too_long, …).",
        401: "No valid token.",
        403: "Not allowed (forbidden, not_your_note, question_not_for_group).",
        404: "No such workshop, question, group or note.",
        409: "Conflict: stale_revision, note_deleted, note_id_conflict, op_id_conflict, "
        "workshop_closed, workshop_not_started.",
    }
    return {str(status): json_response(texts[status], ERROR) for status in statuses}


def query(name: str, description: str) -> dict:
    return {"name": name, "in": "query", "schema": {"type": "integer"}, "description": description}


WORKSHOP_ID = {"name": "workshop_id", "in": "path", "required": True, "schema": {"type": "integer"}}
NOTE_ID = {"name": "note_id", "in": "path", "required": True, "schema": UUID}
SINCE = query("since", "The last seq the client has seen (default 0).")
QUESTION = query("question_id", "Only this question's notes.")
GROUP = query("group_id", "Only this group's notes.")
OP_ID = {"name": "op_id", "in": "query", "required": True, "schema": UUID}
BASE_REVISION = query("base_revision", "Refuse (409 stale_revision) if the note has changed.")


def read(summary: str, schema: dict, security, parameters) -> dict:
    return {
        "get": {
            "summary": summary,
            "security": security,
            "parameters": parameters,
            "responses": {"200": json_response("OK", schema), **errors(400, 401, 404)},
        }
    }


def add(summary: str, security, parameters) -> dict:
    return {
        "summary": summary,
        "security": security,
        "parameters": parameters,
        "requestBody": {"content": {"application/json": {"schema": ADD_BODY}}},
        "responses": {
            "201": json_response("Stored and broadcast.", WRITTEN),
            "200": json_response("This id was stored before: the first result.", WRITTEN),
            **errors(400, 401, 403, 404, 409),
        },
    }


def note_item(security, parameters) -> dict:
    return {
        "patch": {
            "summary": "Edit a note (idempotent by op_id; refused if based on a stale revision)",
            "security": security,
            "parameters": [*parameters, NOTE_ID],
            "requestBody": {"content": {"application/json": {"schema": EDIT_BODY}}},
            "responses": {
                "200": json_response("Stored (or stored before with this op_id).", WRITTEN),
                **errors(400, 401, 403, 404, 409),
            },
        },
        "delete": {
            "summary": "Delete a note (soft; idempotent)",
            "security": security,
            "parameters": [*parameters, NOTE_ID, OP_ID, BASE_REVISION],
            "responses": {
                "200": json_response("Deleted (now or before).", WRITTEN),
                **errors(400, 401, 403, 404, 409),
            },
        },
    }


OPENAPI_PATHS = {
    "/participant/changes": read(
        "Changes the participant may see since a seq (their group and the workshop)",
        CHANGES,
        PARTICIPANT,
        [SINCE],
    ),
    "/participant/notes": {
        **read("The notes of the participant's group", NOTES, PARTICIPANT, [QUESTION]),
        "post": add("Add a note in the participant's group (idempotent by id)", PARTICIPANT, []),
    },
    "/participant/notes/{note_id}": note_item(PARTICIPANT, []),
    "/workshops/{workshop_id}/changes": read(
        "Every change of a workshop since a seq", CHANGES, FACILITATOR, [WORKSHOP_ID, SINCE]
    ),
    "/workshops/{workshop_id}/notes": {
        **read("The workshop's notes", NOTES, FACILITATOR, [WORKSHOP_ID, GROUP, QUESTION]),
        "post": add("Add a note for a group (give group_id)", FACILITATOR, [WORKSHOP_ID]),
    },
    "/workshops/{workshop_id}/notes/{note_id}": note_item(FACILITATOR, [WORKSHOP_ID]),
    "/workshops/{workshop_id}/note-counts": read(
        "Notes per group and question (not deleted)",
        {
            "type": "object",
            "properties": {
                "counts": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "group_id": {"type": "integer"},
                            "question_id": {"type": "integer"},
                            "count": {"type": "integer"},
                        },
                    },
                },
                "last_seq": {"type": "integer"},
            },
        },
        FACILITATOR,
        [WORKSHOP_ID],
    ),
}
