"""The OpenAPI 3.1 description of the room's routes (see api/plan.py and docs/realtime.md).

Request bodies are derived from the payload forms (forms/plan.py), so a field's type, limits and
choices are written once.
"""

from wtforms import Form
from wtforms.validators import Length, NumberRange

from workshop.forms.common import JsonValue
from workshop.forms.notes import EmptyPayload
from workshop.forms.plan import (
    BroadcastClearPayload,
    BroadcastPayload,
    DisplayLinkPayload,
    GotoPayload,
    JsonBool,
    JsonIdList,
    LockPayload,
    OneOf,
    PlenaryPayload,
    QuestionPayload,
    StepOrderPayload,
    StepPayload,
    TimerPayload,
)
from workshop.web.api.notes_openapi import FACILITATOR, PARTICIPANT, TIME

ERROR = {"$ref": "#/components/schemas/Error"}
WORKSHOP_ID = {"name": "workshop_id", "in": "path", "required": True, "schema": {"type": "integer"}}
STEP_ID = {"name": "step_id", "in": "path", "required": True, "schema": {"type": "integer"}}
LINK_ID = {"name": "link_id", "in": "path", "required": True, "schema": {"type": "integer"}}
JSON_TYPES = {int: "integer", str: "string", bool: "boolean", list: "array"}


# --- schemas from the forms ---


def field_schema(field) -> tuple[dict, bool]:
    """(the JSON schema of one payload field, whether it is required)."""
    schema: dict = {}
    required = False
    for validator in field.validators:
        if isinstance(validator, JsonValue | JsonBool | JsonIdList):
            schema["type"] = JSON_TYPES[validator.kind]
            required = validator.required
        if isinstance(validator, JsonIdList):
            schema["items"] = {"type": "integer", "minimum": 1}
        if isinstance(validator, Length):
            schema["maxLength"] = validator.max
        if isinstance(validator, NumberRange):
            schema.update(minimum=validator.min, maximum=validator.max)
        if isinstance(validator, OneOf):
            schema["enum"] = list(validator.choices)
    return schema, required


def form_schema(form_class: type[Form]) -> dict:
    """The JSON schema of a payload form: its fields' types, limits, choices, required ones."""
    properties: dict = {}
    required: list[str] = []
    for name, field in form_class()._fields.items():
        properties[name], needed = field_schema(field)
        if needed:
            required.append(name)
    schema: dict = {"type": "object", "description": (form_class.__doc__ or "").strip()}
    schema["properties"] = properties
    if required:
        schema["required"] = required
    return schema


def json_body(form_class: type[Form]) -> dict:
    return {"required": True, "content": {"application/json": {"schema": form_schema(form_class)}}}


def answer(description: str, schema: dict | None = None) -> dict:
    if schema is None:
        return {"description": description}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


# --- answers ---

OBJECT = {"type": "object"}
ROOM_OBJECT = {
    "type": "object",
    "description": "The room object (docs/realtime.md, “The room object”).",
    "properties": dict.fromkeys(
        ("plan", "step", "timer", "locks", "broadcast", "focus", "plenary"), OBJECT
    )
    | {"locked_question_ids": {"type": "array", "items": {"type": "integer"}}},
}
ROOM = {
    "type": "object",
    "properties": {
        "room": ROOM_OBJECT,
        "last_seq": {"type": "integer"},
        "now": {**TIME, "description": "The server's clock, to correct the timer's offset."},
        "groups": {"type": "array", "items": OBJECT},
        "quiet_after_seconds": {"type": "integer"},
    },
}
STEP = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "position": {"type": "integer"},
        **form_schema(StepPayload)["properties"],
        "started_at": {"type": ["string", "null"], "format": "date-time"},
    },
}
PLAN = {
    "type": "object",
    "properties": {
        "status": {"enum": ["draft", "running", "finished"]},
        "current_step_id": {"type": ["integer", "null"]},
        "steps": {"type": "array", "items": STEP},
    },
}
CHANGED = {
    "type": "object",
    "properties": {"seq": {"type": "integer"}, "change": {**OBJECT, "required": ["seq", "kind"]}},
}
LINK = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "created_at": TIME,
        "last_used_at": {"type": ["string", "null"], "format": "date-time"},
        "revoked": {"type": "boolean"},
        "token": {"type": "string", "description": "Only when made: shown once."},
        "url": {"type": "string", "description": "Only when made: the projector's address."},
    },
}
FAILURES = {
    "400": answer("Invalid input", ERROR),
    "401": answer("No valid API token", ERROR),
    "404": answer("No such workshop (or step, question, section, group) for you", ERROR),
    "409": answer("Not allowed in the plan's, step's or timer's state", ERROR),
}


def operation(summary: str, responses: dict, body: type[Form] | None = None) -> dict:
    item = {"summary": summary, "security": FACILITATOR, "responses": {**responses, **FAILURES}}
    if body is not None and body is not EmptyPayload:
        item["requestBody"] = json_body(body)
    return item


def room_action(summary: str, body: type[Form]) -> dict:
    return {
        "parameters": [WORKSHOP_ID],
        "post": operation(summary, {"200": answer("The change, as broadcast", CHANGED)}, body),
    }


OPENAPI_PATHS = {
    "/workshops/{workshop_id}/plan": {
        "parameters": [WORKSHOP_ID],
        "get": operation(
            "The plan (the default one from the outline until edited)",
            {"200": answer("The plan", PLAN)},
        ),
    },
    "/workshops/{workshop_id}/plan/steps": {
        "parameters": [WORKSHOP_ID],
        "post": operation("Add a step at the end", {"201": answer("The step", STEP)}, StepPayload),
    },
    "/workshops/{workshop_id}/plan/steps/{step_id}": {
        "parameters": [WORKSHOP_ID, STEP_ID],
        "patch": operation(
            "Change a step (any of the fields)", {"200": answer("The step", STEP)}, StepPayload
        ),
        "delete": operation("Delete a step (not the current one)", {"204": answer("Deleted")}),
    },
    "/workshops/{workshop_id}/plan/order": {
        "parameters": [WORKSHOP_ID],
        "put": operation("Reorder the steps", {"200": answer("The plan", PLAN)}, StepOrderPayload),
    },
    "/workshops/{workshop_id}/plan/reset": {
        "parameters": [WORKSHOP_ID],
        "post": operation("Back to the default plan", {"200": answer("The plan", PLAN)}),
    },
    "/workshops/{workshop_id}/plan/start": room_action("Start the plan", EmptyPayload),
    "/workshops/{workshop_id}/plan/finish": room_action("Finish the plan", EmptyPayload),
    "/workshops/{workshop_id}/plan/next": room_action("Go to the next step", EmptyPayload),
    "/workshops/{workshop_id}/plan/previous": room_action("Go to the previous step", EmptyPayload),
    "/workshops/{workshop_id}/plan/goto": room_action("Jump to a step", GotoPayload),
    "/workshops/{workshop_id}/timer": room_action(
        "Start, pause, resume, extend or clear the timer", TimerPayload
    ),
    "/workshops/{workshop_id}/locks": room_action(
        "Lock or unlock a question or section", LockPayload
    ),
    "/workshops/{workshop_id}/broadcasts": room_action("Send a broadcast", BroadcastPayload),
    "/workshops/{workshop_id}/broadcasts/clear": room_action(
        "Take a broadcast back", BroadcastClearPayload
    ),
    "/workshops/{workshop_id}/focus": room_action("Bring everyone to a question", QuestionPayload),
    "/workshops/{workshop_id}/plenary": room_action("Page the plenary", PlenaryPayload),
    "/workshops/{workshop_id}/room": {
        "parameters": [WORKSHOP_ID],
        "get": operation("The room now, with the groups' activity", {"200": answer("Room", ROOM)}),
    },
    "/participant/room": {
        "get": {
            "summary": "The room now, as the participant sees it",
            "security": PARTICIPANT,
            "responses": {"200": answer("Room", ROOM), "401": answer("No valid token", ERROR)},
        }
    },
    "/display/room": {
        "get": {
            "summary": "The room now, as the projector shows it (a display link's token)",
            "security": [{"displayToken": []}],
            "responses": {"200": answer("Room", ROOM), "401": answer("No valid link", ERROR)},
        }
    },
    "/workshops/{workshop_id}/display-links": {
        "parameters": [WORKSHOP_ID],
        "get": operation(
            "The display links",
            {
                "200": answer(
                    "Links",
                    {
                        "type": "object",
                        "properties": {"display_links": {"type": "array", "items": LINK}},
                    },
                )
            },
        ),
        "post": operation(
            "Make a display link (its token is shown once)",
            {"201": answer("The link with its token and url", LINK)},
            DisplayLinkPayload,
        ),
    },
    "/workshops/{workshop_id}/display-links/{link_id}": {
        "parameters": [WORKSHOP_ID, LINK_ID],
        "delete": operation("Revoke a display link", {"204": answer("Revoked")}),
    },
}
