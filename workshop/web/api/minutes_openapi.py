"""The OpenAPI 3.1 description of the minutes' routes (see api/minutes.py and docs/api.md).

Request bodies are derived from the payload forms (forms/minutes.py): each operation is one of
them, chosen by `op`.
"""

from workshop.forms.minutes import OP_PAYLOADS, ApprovePayload
from workshop.web.api.notes_openapi import FACILITATOR
from workshop.web.api.plan_openapi import ERROR, answer, form_schema, json_body

MEETING_ID = {"name": "meeting_id", "in": "path", "required": True, "schema": {"type": "integer"}}
OBJECT = {"type": "object"}
ANNEX = {
    "type": "object",
    "properties": {
        "number": {"type": "integer"},
        "kind": {"enum": ["workshop", "document"]},
        "item_id": {"type": ["integer", "null"]},
        "workshop_id": {"type": ["integer", "null"]},
        "annex_id": {"type": ["integer", "null"]},
        "title": {"type": "string"},
        "approved": {"type": ["boolean", "null"]},
    },
}
VERSION = {
    "type": "object",
    "properties": {
        "number": {"type": "integer"},
        "approved_at": {"type": "string", "format": "date-time"},
        "approved_by": {"type": "string"},
    },
}
MINUTES = {
    "type": "object",
    "description": "The minutes object (docs/api.md, “The minutes object”).",
    "properties": {
        "meeting_id": {"type": "integer"},
        "language": {"type": "string"},
        "status": {"enum": ["draft", "approved"]},
        "version": {"type": "integer"},
        "header": OBJECT,
        "coming_meetings": OBJECT,
        "items": {"type": "array", "items": OBJECT},
        "annexes": {"type": "array", "items": ANNEX},
        "versions": {"type": "array", "items": VERSION},
    },
}
ACK = {
    "type": "object",
    "description": "The acknowledgement; a repeated op_id answers the first one again.",
    "properties": {
        "ok": {"const": True},
        "op_id": {"type": "string"},
        "repeated": {"type": "boolean"},
        "status": {"enum": ["draft", "approved"]},
        "version": {"type": "integer"},
        "annexes": {"type": "array", "items": ANNEX},
    },
    "required": ["ok", "op_id", "repeated", "status", "version"],
}
OPERATION = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {"oneOf": [form_schema(form) for form in OP_PAYLOADS.values()]}
        }
    },
}
FAILURES = {
    "400": answer("Invalid input", ERROR),
    "401": answer("No valid API token", ERROR),
    "404": answer("No such meeting (or item, annex, version) for you", ERROR),
}


def operation(summary: str, responses: dict, body: dict | None = None) -> dict:
    item = {"summary": summary, "security": FACILITATOR, "responses": {**responses, **FAILURES}}
    if body is not None:
        item["requestBody"] = body
    return item


OPENAPI_PATHS = {
    "/meetings/{meeting_id}/minutes": {
        "parameters": [MEETING_ID],
        "get": operation(
            "The minutes (made from the agenda on first use)", {"200": answer("Minutes", MINUTES)}
        ),
    },
    "/meetings/{meeting_id}/minutes/ops": {
        "parameters": [MEETING_ID],
        "post": operation(
            "Save one operation (idempotent by op_id; set is refused as stale_edit when the "
            "field's revision is not base_revision)",
            {
                "200": answer("Applied (or applied before)", ACK),
                "409": answer(
                    "stale_edit (details: the current value and revision) or op_id_conflict", ERROR
                ),
            },
            OPERATION,
        ),
    },
    "/meetings/{meeting_id}/minutes/approve": {
        "parameters": [MEETING_ID],
        "post": operation(
            "Approve the current draft as a version (with approve_annexes, the unapproved "
            "workshop annexes too)",
            {
                "201": answer("The version", VERSION),
                "409": answer("minutes_annex_not_approved or minutes_already_approved", ERROR),
            },
            json_body(ApprovePayload),
        ),
    },
    "/meetings/{meeting_id}/minutes/versions": {
        "parameters": [MEETING_ID],
        "get": operation(
            "The approved versions, newest first",
            {
                "200": answer(
                    "Versions",
                    {
                        "type": "object",
                        "properties": {"versions": {"type": "array", "items": VERSION}},
                    },
                )
            },
        ),
    },
    "/meetings/{meeting_id}/minutes/export": {
        "parameters": [
            MEETING_ID,
            {"name": "format", "in": "query", "schema": {"enum": ["docx", "pdf", "md", "html"]}},
            {"name": "version", "in": "query", "schema": {"type": "integer", "minimum": 1}},
        ],
        "get": operation(
            "The minutes with their annexes as one file (or an approved version exactly as it "
            "was approved)",
            {"200": {"description": "The file, as an attachment"}},
        ),
    },
}
