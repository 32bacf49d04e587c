"""The OpenAPI 3.1 description of the joining routes (see api/joining.py)."""

from workshop.models.assignment import MAX_ASSIGNMENTS
from workshop.models.group import PARTICIPANT_NAME_MAX
from workshop.models.workshop import ANONYMITY_MODES, GROUP_MODES, MEETING_LANGUAGES, STATUSES

FACILITATOR: list[dict] = [{"facilitatorToken": []}]
PARTICIPANT: list[dict] = [{"participantToken": []}]
ERROR = {"$ref": "#/components/schemas/Error"}
TIME = {"type": "string", "format": "date-time"}
NAME = {"type": "string", "maxLength": PARTICIPANT_NAME_MAX}

PARTICIPANT_SCHEMA: dict = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "display_name": {**NAME, "description": "Empty in fully anonymous workshops."},
        "group_id": {"type": ["integer", "null"]},
        "joined_at": TIME,
        "last_seen_at": TIME,
    },
    "required": ["id", "display_name", "group_id", "joined_at"],
}
MEMBER_SCHEMA = {
    "type": "object",
    "properties": {
        **PARTICIPANT_SCHEMA["properties"],
        "online": {"type": "boolean", "description": "Has a live Socket.IO connection now."},
    },
}
GROUP_SCHEMA = {
    "type": ["object", "null"],
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "position": {"type": "integer"},
    },
}
WORKSHOP_SCHEMA = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "theme": {"type": "string"},
        "language": {"enum": list(MEETING_LANGUAGES)},
        "status": {"enum": list(STATUSES)},
        "anonymity": {"enum": list(ANONYMITY_MODES)},
        "group_mode": {"enum": list(GROUP_MODES)},
    },
}
QUESTION_NODE = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "section_id": {"type": "integer"},
        "text": {"type": "string"},
        "guidance": {"type": "string"},
        "label": {"type": "string", "description": 'As numbered in the outline, e.g. "1."'},
        "number": {"type": "integer"},
        "full_label": {"type": "string", "description": 'Its name in the workshop, e.g. "II.A.1"'},
    },
}
SECTION_NODE = {
    "type": "object",
    "description": "A section (level 1) or block (level 2); `blocks` holds the same shape.",
    "properties": {
        "id": {"type": "integer"},
        "heading": {"type": "string"},
        "prompt": {"type": "string"},
        "label": {"type": "string"},
        "number": {"type": "integer"},
        "full_label": {"type": "string"},
        "level": {"enum": [1, 2]},
        "questions": {"type": "array", "items": QUESTION_NODE},
        "blocks": {"type": "array", "items": {"type": "object"}},
    },
}
ASSIGNMENTS_SCHEMA = {
    "type": "object",
    "properties": {
        "groups": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "group_id": {"type": "integer"},
                    "group_name": {"type": "string", "readOnly": True},
                    "names": {"type": "array", "items": NAME, "maxItems": MAX_ASSIGNMENTS},
                },
                "required": ["group_id", "names"],
            },
        }
    },
    "required": ["groups"],
}


def json_body(schema: dict) -> dict:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def answer(description: str, schema: dict | None = None) -> dict:
    response: dict = {"description": description}
    if schema is not None:
        response["content"] = {"application/json": {"schema": schema}}
    return response


ERROR_DESCRIPTIONS = {
    400: "Invalid input: `invalid_json`, `invalid_input` (with `details.fields`), `name_required`,"
    " `name_too_long`, `group_required`, `group_not_found`, `assignment_duplicate`.",
    401: "No valid token (`unauthorised`).",
    404: "Not found, or not one of yours (`workshop_not_found`, `participant_not_found`,"
    " `join_code_invalid`).",
    409: "`workshop_closed` (the code is right but the workshop is closed) or `no_groups`.",
    410: "`join_code_replaced`: the workshop's code was renewed since; ask for the new one.",
    429: "`too_many_attempts`: too many wrong codes from this address in the last minute.",
}


def errors(*statuses: int) -> dict:
    return {str(status): answer(ERROR_DESCRIPTIONS[status], ERROR) for status in statuses}


def workshop_id_parameter() -> list:
    return [{"name": "workshop_id", "in": "path", "required": True, "schema": {"type": "integer"}}]


def participant_id_parameter() -> list:
    return [
        {"name": "participant_id", "in": "path", "required": True, "schema": {"type": "integer"}}
    ]


JOIN = {
    "post": {
        "summary": "Join a workshop with its join code",
        "description": "No authentication. Spaces, dashes and case in the code do not matter. Wrong"
        " codes all get the same error and are rate-limited per client address. Keep the returned"
        " `participant_token`: it is the participant's identity from now on (there is no other"
        " way back in as the same participant).",
        "requestBody": json_body(
            {
                "type": "object",
                "properties": {
                    "code": {"type": "string", "maxLength": 32},
                    "name": {**NAME, "description": "Required unless anonymity is `anonymous`."},
                    "group_id": {
                        "type": "integer",
                        "description": "Required when group_mode is `self_select` and the"
                        " workshop has more than one group; ignored otherwise.",
                    },
                },
                "required": ["code"],
            }
        ),
        "responses": {
            "201": answer(
                "Joined.",
                {
                    "type": "object",
                    "properties": {
                        "participant_token": {"type": "string", "pattern": "^wsp_"},
                        "participant": PARTICIPANT_SCHEMA,
                        "workshop": WORKSHOP_SCHEMA,
                        "group": GROUP_SCHEMA,
                        "placement": {
                            "enum": ["chosen", "balanced", "listed", "unlisted"],
                            "description": "`unlisted`: assigned groups, name not on the list,"
                            " placed in the smallest group.",
                        },
                    },
                },
            ),
            **errors(400, 404, 409, 429),
        },
    }
}

ME = {
    "get": {
        "summary": "The participant's own view: who, which group, which questions",
        "security": PARTICIPANT,
        "responses": {
            "200": answer(
                "The participant, their group, the workshop, and the outline cut down to the"
                " questions the group works on (numbered as in the full outline).",
                {
                    "type": "object",
                    "properties": {
                        "participant": PARTICIPANT_SCHEMA,
                        "workshop": WORKSHOP_SCHEMA,
                        "group": GROUP_SCHEMA,
                        "outline": {"type": "array", "items": SECTION_NODE},
                    },
                },
            ),
            **errors(401),
        },
    }
}

PARTICIPANTS = {
    "get": {
        "summary": "Who has joined, per group, and who is online",
        "security": FACILITATOR,
        "parameters": workshop_id_parameter(),
        "responses": {
            "200": answer(
                "Every group in order; a last entry with `group: null` lists participants whose"
                " group was deleted.",
                {
                    "type": "object",
                    "properties": {
                        "groups": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "group": GROUP_SCHEMA,
                                    "participants": {"type": "array", "items": MEMBER_SCHEMA},
                                },
                            },
                        }
                    },
                },
            ),
            **errors(401, 404),
        },
    }
}

PARTICIPANT_ITEM = {
    "parameters": participant_id_parameter(),
    "patch": {
        "summary": "Move a participant to another group of the same workshop",
        "security": FACILITATOR,
        "requestBody": json_body(
            {
                "type": "object",
                "properties": {"group_id": {"type": "integer"}},
                "required": ["group_id"],
            }
        ),
        "responses": {
            "200": answer(
                "Moved.",
                {
                    "type": "object",
                    "properties": {"participant": PARTICIPANT_SCHEMA, "group": GROUP_SCHEMA},
                },
            ),
            **errors(400, 401, 404),
        },
    },
    "delete": {
        "summary": "Remove a participant; their token stops working at once (their notes stay)",
        "security": FACILITATOR,
        "responses": {"204": answer("Removed."), **errors(401, 404)},
    },
}

JOIN_INFO_SCHEMA = {
    "type": "object",
    "properties": {
        "code": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
        "enter_code_url": {"type": "string", "format": "uri"},
        "qr_svg_url": {"type": "string", "format": "uri"},
    },
}

JOIN_INFO = {
    "get": {
        "summary": "The join code, join link and QR code of a workshop",
        "security": FACILITATOR,
        "parameters": workshop_id_parameter(),
        "responses": {
            "200": answer("Links use the server's PUBLIC_URL when it is set.", JOIN_INFO_SCHEMA),
            **errors(401, 404),
        },
    }
}

JOIN_CODE = {
    "post": {
        "summary": "A new join code and link: the old code stops working at once; whoever "
        "joined stays in",
        "security": FACILITATOR,
        "parameters": workshop_id_parameter(),
        "responses": {
            "200": answer(
                "The new code, as join-info gives it. The change is in the feed as "
                "`join_code:changed` (facilitators and displays only).",
                JOIN_INFO_SCHEMA,
            ),
            **errors(401, 404),
        },
    }
}

JOIN_QR = {
    "get": {
        "summary": "The QR code of the join link, as SVG",
        "security": FACILITATOR,
        "parameters": workshop_id_parameter(),
        "responses": {
            "200": {"description": "SVG image.", "content": {"image/svg+xml": {}}},
            **errors(401, 404),
        },
    }
}

ASSIGNMENTS = {
    "parameters": workshop_id_parameter(),
    "get": {
        "summary": "The assigned-groups list (names per group)",
        "security": FACILITATOR,
        "responses": {"200": answer("The list.", ASSIGNMENTS_SCHEMA), **errors(401, 404)},
    },
    "put": {
        "summary": "Replace the assigned-groups list",
        "description": "Used when group_mode is `assigned`: a joining participant whose name"
        " matches one on the list (trimmed, case-insensitive) is placed in that group; others go"
        " to the smallest group. Groups left out get an empty list. A name may be in one group.",
        "security": FACILITATOR,
        "requestBody": json_body(ASSIGNMENTS_SCHEMA),
        "responses": {"200": answer("Saved.", ASSIGNMENTS_SCHEMA), **errors(400, 401, 404)},
    },
}

OPENAPI_PATHS: dict = {
    "/join": JOIN,
    "/participant/me": ME,
    "/workshops/{workshop_id}/participants": PARTICIPANTS,
    "/participants/{participant_id}": PARTICIPANT_ITEM,
    "/workshops/{workshop_id}/join-info": JOIN_INFO,
    "/workshops/{workshop_id}/join-code": JOIN_CODE,
    "/workshops/{workshop_id}/join-qr.svg": JOIN_QR,
    "/workshops/{workshop_id}/group-assignments": ASSIGNMENTS,
}
