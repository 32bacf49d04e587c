"""The OpenAPI 3.1 description of the account and workshop routes (see api/workshops.py)."""

from workshop.models.facilitator import EMAIL_MAX
from workshop.models.workshop import (
    ANONYMITY_MODES,
    GROUP_MODES,
    LABEL_NUMBER_MAX,
    LABEL_WORD_MAX,
    LONG_TEXT_MAX,
    MEETING_LANGUAGES,
    SHORT_TEXT_MAX,
    STATUSES,
    TITLE_MAX,
)

SECURITY: list[dict] = [{"facilitatorToken": []}]
ERROR = {"$ref": "#/components/schemas/Error"}

FACILITATOR_PROPERTIES = {
    "id": {"type": "integer"},
    "email": {"type": "string", "format": "email"},
    "display_name": {"type": "string"},
}
FACILITATOR = {
    "type": "object",
    "properties": FACILITATOR_PROPERTIES,
    "required": ["id", "email", "display_name"],
}


def text(limit: int) -> dict:
    return {"type": "string", "maxLength": limit}


SETTINGS_PROPERTIES = {
    "title": {**text(TITLE_MAX), "minLength": 1},
    "theme": text(SHORT_TEXT_MAX),
    "date": {"type": ["string", "null"], "format": "date", "description": "YYYY-MM-DD"},
    "place": text(SHORT_TEXT_MAX),
    "language": {"enum": list(MEETING_LANGUAGES), "description": "The meeting's language."},
    "document_number": text(SHORT_TEXT_MAX),
    "reference": text(SHORT_TEXT_MAX),
    "annex_title": text(TITLE_MAX),
    "annex_intro": text(LONG_TEXT_MAX),
    "annex_label_word": {
        **text(LABEL_WORD_MAX),
        "description": "The annex label's word; empty: the meeting language's own "
        "(ANNEX, BILAG, VEDLEGG).",
    },
    "annex_label_number": {**text(LABEL_NUMBER_MAX), "description": "The annex's number, e.g. 1."},
    "anonymity": {"enum": list(ANONYMITY_MODES)},
    "group_mode": {"enum": list(GROUP_MODES)},
}
SETTINGS = {"type": "object", "properties": SETTINGS_PROPERTIES}
NEW_WORKSHOP = {**SETTINGS, "required": ["title"]}
DUPLICATE = {"type": "object", "properties": {"date": SETTINGS_PROPERTIES["date"]}}

WORKSHOP = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        **SETTINGS_PROPERTIES,
        "join_code": {"type": "string"},
        "join_url": {"type": "string", "format": "uri"},
        "status": {"enum": list(STATUSES)},
        "owner": FACILITATOR,
        "created_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"},
    },
}


def json_body(schema: dict) -> dict:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def answer(description: str, schema: dict | None = None) -> dict:
    response: dict = {"description": description}
    if schema is not None:
        response["content"] = {"application/json": {"schema": schema}}
    return response


def errors(*statuses: int) -> dict:
    descriptions = {
        400: "Invalid input: `invalid_json`, or `invalid_input` with `details.fields`.",
        401: "No valid API token (`unauthorised`).",
        403: "Only the workshop's owner may do this (`owner_only`).",
        404: "No such workshop, or not one of yours (`workshop_not_found`).",
        409: "The change is not possible now (see the error code).",
    }
    return {str(status): answer(descriptions[status], ERROR) for status in statuses}


def operation(summary: str, responses: dict, body: dict | None = None, *statuses: int) -> dict:
    result = {
        "summary": summary,
        "security": SECURITY,
        "responses": {**responses, **errors(401, *statuses)},
    }
    if body is not None:
        result["requestBody"] = json_body(body)
    return result


WORKSHOP_ID = {"name": "workshop_id", "in": "path", "required": True, "schema": {"type": "integer"}}
FACILITATOR_ID = {
    "name": "facilitator_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer"},
}

OPENAPI_PATHS: dict = {
    "/me": {
        "get": operation(
            "The facilitator the token belongs to",
            {
                "200": answer(
                    "The facilitator",
                    {
                        **FACILITATOR,
                        "properties": {
                            **FACILITATOR_PROPERTIES,
                            "language": {"type": ["string", "null"]},
                        },
                    },
                )
            },
        )
    },
    "/workshops": {
        "get": operation(
            "Workshops you own or that are shared with you, newest first",
            {
                "200": answer(
                    "The workshops",
                    {
                        "type": "object",
                        "properties": {"workshops": {"type": "array", "items": WORKSHOP}},
                    },
                )
            },
        ),
        "post": operation(
            "Create a workshop (status draft, a new join code)",
            {"201": answer("The new workshop; its address is in Location", WORKSHOP)},
            NEW_WORKSHOP,
            400,
        ),
    },
    "/workshops/{workshop_id}": {
        "parameters": [WORKSHOP_ID],
        "get": operation("One workshop", {"200": answer("The workshop", WORKSHOP)}, None, 404),
        "patch": operation(
            "Change some settings; fields left out keep their values",
            {"200": answer("The changed workshop", WORKSHOP)},
            SETTINGS,
            400,
            404,
            409,
        ),
        "delete": operation(
            "Delete the workshop with everything in it (owner only)",
            {"204": answer("Deleted")},
            None,
            403,
            404,
        ),
    },
    "/workshops/{workshop_id}/duplicate": {
        "parameters": [WORKSHOP_ID],
        "post": {
            **operation(
                "Copy settings, outline and groups into a new draft you own for the next meeting, "
                "with that meeting's date (none if left out); no participants or notes",
                {"201": answer("The copy", WORKSHOP)},
                None,
                400,
                404,
            ),
            "requestBody": {**json_body(DUPLICATE), "required": False},
        },
    },
    "/workshops/{workshop_id}/status": {
        "parameters": [WORKSHOP_ID],
        "post": operation(
            "Move the workshop: draft → live, live → closed, closed → live, live → draft",
            {"200": answer("The workshop with its new status", WORKSHOP)},
            {
                "type": "object",
                "properties": {"status": {"enum": list(STATUSES)}},
                "required": ["status"],
            },
            400,
            404,
            409,
        ),
    },
    "/workshops/{workshop_id}/co-facilitators": {
        "parameters": [WORKSHOP_ID],
        "get": operation(
            "Who shares the workshop",
            {
                "200": answer(
                    "The co-facilitators",
                    {
                        "type": "object",
                        "properties": {"co_facilitators": {"type": "array", "items": FACILITATOR}},
                    },
                )
            },
            None,
            404,
        ),
        "post": operation(
            "Share the workshop with a facilitator, by email (owner only)",
            {"201": answer("The co-facilitator added", FACILITATOR)},
            {
                "type": "object",
                "properties": {"email": {"type": "string", "maxLength": EMAIL_MAX}},
                "required": ["email"],
            },
            400,
            403,
            404,
            409,
        ),
    },
    "/workshops/{workshop_id}/co-facilitators/{facilitator_id}": {
        "parameters": [WORKSHOP_ID, FACILITATOR_ID],
        "delete": operation(
            "Stop sharing the workshop with this facilitator (owner only)",
            {"204": answer("Removed")},
            None,
            403,
            404,
        ),
    },
}
