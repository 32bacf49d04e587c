"""The OpenAPI 3.1 description of the outline routes (see api/outline.py)."""

from workshop.models.outline import (
    GUIDANCE_MAX,
    HEADING_MAX,
    NUMBER_STYLES,
    OUTLINE_TEXT_MAX,
    PROMPT_MAX,
    QUESTION_MAX,
)

SECURITY: list[dict] = [{"facilitatorToken": []}]
ERROR = {"$ref": "#/components/schemas/Error"}
STYLE = {"enum": list(NUMBER_STYLES), "description": "none, 1. 2. 3., A. B. C., a) b) c), I. II."}
WORKSHOP_ID = {"name": "workshop_id", "in": "path", "required": True, "schema": {"type": "integer"}}
SECTION_ID = {"name": "section_id", "in": "path", "required": True, "schema": {"type": "integer"}}
QUESTION_ID = {"name": "question_id", "in": "path", "required": True, "schema": {"type": "integer"}}

QUESTION = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "section_id": {"type": "integer"},
        "text": {"type": "string"},
        "guidance": {"type": "string"},
        "label": {"type": "string", "description": "Its number as shown: 1., A., a), I. or empty"},
        "number": {"type": "integer", "description": "1-based position among its siblings"},
        "full_label": {
            "type": "string",
            "description": "Its name, unique in the workshop: labels from the top, e.g. A.1",
        },
    },
}
SECTION = {
    "type": "object",
    "description": "A section (level 1) or a block under a section (level 2).",
    "properties": {
        "id": {"type": "integer"},
        "heading": {"type": "string"},
        "prompt": {"type": "string", "description": "Optional lead-in"},
        "label": {"type": "string"},
        "number": {"type": "integer"},
        "full_label": {"type": "string"},
        "level": {"enum": [1, 2]},
        "number_style": STYLE,
        "question_style": STYLE,
        "questions": {"type": "array", "items": QUESTION},
        "blocks": {
            "type": "array",
            "items": {"type": "object", "description": "Same as a section"},
        },
    },
}
OUTLINE = {
    "type": "object",
    "properties": {
        "workshop_id": {"type": "integer"},
        "sections": {"type": "array", "items": SECTION},
    },
}
NEW_SECTION: dict = {
    "type": "object",
    "required": ["heading"],
    "properties": {
        "heading": {"type": "string", "minLength": 1, "maxLength": HEADING_MAX},
        "prompt": {"type": "string", "maxLength": PROMPT_MAX},
        "parent_id": {"type": ["integer", "null"], "description": "A section's id: add a block"},
        "number_style": STYLE,
        "question_style": STYLE,
    },
}
SECTION_CHANGES = {
    "type": "object",
    "properties": {k: v for k, v in NEW_SECTION["properties"].items() if k != "parent_id"},
}
NEW_QUESTION = {
    "type": "object",
    "required": ["text"],
    "properties": {
        "text": {"type": "string", "minLength": 1, "maxLength": QUESTION_MAX},
        "guidance": {"type": "string", "maxLength": GUIDANCE_MAX},
    },
}
MOVE = {
    "type": "object",
    "required": ["direction"],
    "properties": {"direction": {"enum": ["up", "down"]}},
}
OUTLINE_TEXT = {
    "type": "string",
    "maxLength": OUTLINE_TEXT_MAX,
    "description": "The outline text format (docs/outline-format.md).",
}


def json_body(schema: dict) -> dict:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def answer(description: str, schema: dict | None = None) -> dict:
    if schema is None:
        return {"description": description}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


FAILURES = {
    "400": answer("Invalid input (error.details.fields or error.details.field)", ERROR),
    "401": answer("No valid API token", ERROR),
    "404": answer("No such workshop, section or question for this facilitator", ERROR),
}
NOTES_CONFLICT = {"409": answer("Groups have written notes there, or a limit is reached", ERROR)}


def operation(summary: str, responses: dict, body: dict | None = None, **extra) -> dict:
    item = {"summary": summary, "security": SECURITY, "responses": {**responses, **FAILURES}}
    if body is not None:
        item["requestBody"] = body
    item.update(extra)
    return item


OPENAPI_PATHS = {
    "/workshops/{workshop_id}/outline": {
        "parameters": [WORKSHOP_ID],
        "get": operation("The numbered outline", {"200": answer("The outline", OUTLINE)}),
    },
    "/workshops/{workshop_id}/outline/text": {
        "parameters": [WORKSHOP_ID],
        "get": operation(
            "The outline in the text format",
            {
                "200": {
                    "description": 'text/plain, or {"text": …} when Accept prefers JSON',
                    "content": {
                        "text/plain": {"schema": OUTLINE_TEXT},
                        "application/json": {
                            "schema": {"type": "object", "properties": {"text": OUTLINE_TEXT}}
                        },
                    },
                }
            },
        ),
        "put": operation(
            "Replace the outline with a text (refused once groups have notes)",
            {
                "200": answer("The new outline", OUTLINE),
                "409": answer("The workshop has notes already", ERROR),
            },
            {
                "required": True,
                "content": {
                    "text/plain": {"schema": OUTLINE_TEXT},
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["text"],
                            "properties": {"text": OUTLINE_TEXT},
                        }
                    },
                },
            },
            description="Malformed text answers 400 with code outline_text_invalid, naming every "
            "wrong line at once: error.details.line is the first, error.details.problems lists "
            "them (at most 20, each {line, message}) and error.details.more_problems counts the "
            "rest. A text/plain body that is not UTF-8 answers 400 invalid_encoding, "
            "error.details.line being its first such line. Nothing is changed then.",
        ),
    },
    "/workshops/{workshop_id}/outline/numbering": {
        "parameters": [WORKSHOP_ID],
        "put": operation(
            "Number whole levels in one style",
            {"200": answer("The outline", OUTLINE)},
            json_body(
                {
                    "type": "object",
                    "properties": {
                        "section_style": STYLE,
                        "block_style": STYLE,
                        "question_style": STYLE,
                    },
                }
            ),
        ),
    },
    "/workshops/{workshop_id}/sections": {
        "parameters": [WORKSHOP_ID],
        "post": operation(
            "Add a section, or a block under parent_id, at the end",
            {"201": answer("The new section", SECTION), **NOTES_CONFLICT},
            json_body(NEW_SECTION),
        ),
    },
    "/workshops/{workshop_id}/sections/{section_id}": {
        "parameters": [WORKSHOP_ID, SECTION_ID],
        "patch": operation(
            "Change a section's heading, lead-in or numbering",
            {"200": answer("The section", SECTION)},
            json_body(SECTION_CHANGES),
        ),
        "delete": operation(
            "Delete a section with its blocks and questions",
            {"204": answer("Deleted"), **NOTES_CONFLICT},
        ),
    },
    "/workshops/{workshop_id}/sections/{section_id}/move": {
        "parameters": [WORKSHOP_ID, SECTION_ID],
        "post": operation(
            "Move a section or block up or down among its siblings",
            {"200": answer("The outline", OUTLINE), "409": answer("First or last already", ERROR)},
            json_body(MOVE),
        ),
    },
    "/workshops/{workshop_id}/sections/{section_id}/questions": {
        "parameters": [WORKSHOP_ID, SECTION_ID],
        "post": operation(
            "Add a question at the end of a section or block",
            {"201": answer("The new question", QUESTION), **NOTES_CONFLICT},
            json_body(NEW_QUESTION),
        ),
    },
    "/workshops/{workshop_id}/questions/{question_id}": {
        "parameters": [WORKSHOP_ID, QUESTION_ID],
        "patch": operation(
            "Change a question's text or guidance",
            {"200": answer("The question", QUESTION)},
            json_body({**NEW_QUESTION, "required": []}),
        ),
        "delete": operation("Delete a question", {"204": answer("Deleted"), **NOTES_CONFLICT}),
    },
    "/workshops/{workshop_id}/questions/{question_id}/move": {
        "parameters": [WORKSHOP_ID, QUESTION_ID],
        "post": operation(
            "Move a question up or down within its section",
            {"200": answer("The outline", OUTLINE), "409": answer("First or last already", ERROR)},
            json_body(MOVE),
        ),
    },
}
