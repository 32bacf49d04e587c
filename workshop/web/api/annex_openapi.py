"""The OpenAPI description of the annex routes (served with the rest at /api/v1/openapi.json)."""

from workshop.forms.annex import MoveForm, OrderForm, PairForm
from workshop.web.api.form_schema import form_schema

FACILITATOR: list[dict] = [{"facilitatorToken": []}]
WORKSHOP_ID = {"name": "workshop_id", "in": "path", "required": True, "schema": {"type": "integer"}}
POINT_ID = {"name": "point_id", "in": "path", "required": True, "schema": {"type": "integer"}}
ERROR = {
    "description": "Refused; the body says why.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
POINT = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "question_id": {"type": "integer"},
        "text": {
            "type": "string",
            "description": 'Plain text; a line starting "- " is a sub-point.',
        },
        "items": {"type": "array", "items": {"type": "object"}},
        "excluded": {"type": "boolean"},
        "pending": {"type": "boolean", "description": "A new note waiting to be taken in."},
        "manual": {"type": "boolean"},
        "sources": {
            "type": "array",
            "description": "Provenance: the notes the point was made from (group, text).",
            "items": {"type": "object"},
        },
    },
}
POINT_RESPONSE = {"description": "The point.", "content": {"application/json": {"schema": POINT}}}
HEADER = {
    "type": "object",
    "properties": {
        "date": {"type": ["string", "null"], "format": "date"},
        "document_number": {"type": "string", "maxLength": 200},
        "reference": {"type": "string", "maxLength": 200},
        "label_word": {"type": "string", "maxLength": 40},
        "label_number": {"type": "string", "maxLength": 20},
        "title": {"type": "string", "maxLength": 200},
        "intro": {"type": "string", "maxLength": 5000},
        "attribution": {"type": "string", "enum": ["none", "mark", "grouped"]},
        "include_votes": {
            "type": "boolean",
            "description": "Show each point's votes in Word, PDF, Markdown and HTML.",
        },
    },
}
HEADER_LINE = {
    "type": "object",
    "properties": {
        "field": {
            "type": "string",
            "enum": ["workshop", "date", "place", "document_number", "reference"],
        },
        "label": {"type": "string", "description": "In the workshop's language, e.g. Dato."},
        "value": {"type": "string", "description": "As the document writes it."},
    },
}
ANNEX = {
    "type": "object",
    "properties": {
        "header_lines": {
            "type": "array",
            "description": "The lines the exports show above the title, in order.",
            "items": HEADER_LINE,
        },
        "status_line": {
            "type": "string",
            "description": "The line under them: Draft of version 2, or Version 1, approved …",
        },
    },
}
ANNEX_RESPONSE = {
    "description": "The annex: status, version, header, outline with points, versions.",
    "content": {"application/json": {"schema": ANNEX}},
}


def body(schema: dict, required=()) -> dict:
    schema = {**schema}
    if required:
        schema["required"] = list(required)
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def point_operation(summary: str, request_body=None, ok=POINT_RESPONSE) -> dict:
    operation = {
        "summary": summary,
        "security": FACILITATOR,
        "parameters": [WORKSHOP_ID, POINT_ID],
        "responses": {"200": ok, "400": ERROR, "404": ERROR},
    }
    if request_body:
        operation["requestBody"] = request_body
    return operation


PAIR = body(form_schema(PairForm))
QUESTION_ID = {
    "name": "question_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer"},
}
BASE = "/workshops/{workshop_id}/annex"

OPENAPI_PATHS: dict = {
    BASE: {
        "get": {
            "summary": "The annex, compiled from the notes as they are now",
            "security": FACILITATOR,
            "parameters": [WORKSHOP_ID],
            "responses": {"200": ANNEX_RESPONSE, "404": ERROR},
        },
        "patch": {
            "summary": "Change header fields and the attribution mode (send only what changes)",
            "security": FACILITATOR,
            "parameters": [WORKSHOP_ID],
            "requestBody": body(HEADER),
            "responses": {"200": ANNEX_RESPONSE, "400": ERROR, "404": ERROR},
        },
    },
    f"{BASE}/points": {
        "post": {
            "summary": "Add a point by hand",
            "security": FACILITATOR,
            "parameters": [WORKSHOP_ID],
            "requestBody": body(
                {
                    "type": "object",
                    "properties": {
                        "question_id": {"type": "integer"},
                        "text": {"type": "string", "maxLength": 10000},
                    },
                },
                required=("question_id", "text"),
            ),
            "responses": {"201": POINT_RESPONSE, "400": ERROR, "404": ERROR},
        }
    },
    f"{BASE}/points/{{point_id}}": {
        "patch": point_operation(
            "Reword a point and/or exclude or include it",
            body(
                {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string", "maxLength": 10000},
                        "excluded": {"type": "boolean"},
                    },
                }
            ),
        ),
        "delete": point_operation(
            "Delete a point added by hand (points from notes are excluded instead)",
            ok={"description": "Deleted."},
        ),
    },
    f"{BASE}/points/{{point_id}}/move": {
        "post": point_operation(
            "Move a point up or down among its question's points",
            body(form_schema(MoveForm)),
        )
    },
    f"{BASE}/questions/{{question_id}}/order": {
        "put": {
            "summary": "Set the whole order of a question's points (every point id once)",
            "security": FACILITATOR,
            "parameters": [WORKSHOP_ID, QUESTION_ID],
            "requestBody": body(form_schema(OrderForm)),
            "responses": {
                "200": {
                    "description": "The question's points in their new order.",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "question_id": {"type": "integer"},
                                    "points": {"type": "array", "items": POINT},
                                },
                            }
                        }
                    },
                },
                "400": ERROR,
                "404": ERROR,
            },
        }
    },
    f"{BASE}/points/{{point_id}}/take-in": {
        "post": point_operation("Take a new note (pending point) into the annex")
    },
    f"{BASE}/points/{{point_id}}/leave-out": {
        "post": point_operation("Leave a new note out of the annex (it stays, excluded)")
    },
    f"{BASE}/points/merge": {
        "post": {
            "summary": "Merge two or more points of one question; provenance is kept",
            "security": FACILITATOR,
            "parameters": [WORKSHOP_ID],
            "requestBody": body(
                {
                    "type": "object",
                    "properties": {
                        "point_ids": {"type": "array", "items": {"type": "integer"}, "minItems": 2},
                        "text": {
                            "type": "string",
                            "description": "The merged wording; default: the points' texts joined",
                        },
                    },
                },
                required=("point_ids",),
            ),
            "responses": {"200": POINT_RESPONSE, "400": ERROR, "404": ERROR},
        }
    },
    f"{BASE}/duplicates/accept": {
        "post": {
            "summary": "Accept a duplicate suggestion: merge the pair (fuller wording kept)",
            "security": FACILITATOR,
            "parameters": [WORKSHOP_ID],
            "requestBody": PAIR,
            "responses": {"200": POINT_RESPONSE, "400": ERROR, "404": ERROR},
        }
    },
    f"{BASE}/duplicates/dismiss": {
        "post": {
            "summary": "Dismiss a duplicate suggestion; the pair is not suggested again",
            "security": FACILITATOR,
            "parameters": [WORKSHOP_ID],
            "requestBody": PAIR,
            "responses": {"204": {"description": "Dismissed."}, "400": ERROR, "404": ERROR},
        }
    },
    f"{BASE}/approve": {
        "post": {
            "summary": "Approve the current draft as a numbered, dated version (or, where the "
            "votes or details changed an approved annex, the annex as it reads now as the next)",
            "security": FACILITATOR,
            "parameters": [WORKSHOP_ID],
            "responses": {
                "201": {"description": "The approved version (number, date, export links)."},
                "409": ERROR,
                "404": ERROR,
            },
        }
    },
    f"{BASE}/export": {
        "get": {
            "summary": "Export the annex (or an approved version) or the raw notes",
            "security": FACILITATOR,
            "parameters": [
                WORKSHOP_ID,
                {
                    "name": "format",
                    "in": "query",
                    "schema": {
                        "type": "string",
                        "enum": ["docx", "pdf", "md", "html", "csv", "json"],
                        "default": "docx",
                    },
                },
                {
                    "name": "version",
                    "in": "query",
                    "description": "An approved version's number (document formats only).",
                    "schema": {"type": "integer"},
                },
            ],
            "responses": {
                "200": {"description": "The file, as an attachment."},
                "400": ERROR,
                "404": ERROR,
            },
        }
    },
}
