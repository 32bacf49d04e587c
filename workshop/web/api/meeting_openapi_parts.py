"""What the OpenAPI descriptions of series, meetings and topics share: operations whose request
bodies are derived from their forms, path parameters and the response shapes."""

from __future__ import annotations

from workshop.models.meeting import MEETING_STATUSES, PURPOSES
from workshop.models.series import MEMBER_ROLES
from workshop.models.topic import TOPIC_STATUSES
from workshop.web.api.form_schema import form_schema
from workshop.web.api.workshops_openapi import ERROR, FACILITATOR, answer, json_body

FACILITATOR_SECURITY: list[dict] = [{"facilitatorToken": []}]
ERRORS = {
    400: "Invalid input: `invalid_json`, or `invalid_input` with `details.fields`.",
    401: "No valid token (`unauthorised`).",
    403: "Only the series' owner may do this (`owner_only`).",
    404: "Not found, or not yours (e.g. `series_not_found`, `meeting_not_found`).",
    409: "Not possible now (e.g. `meeting_held`, `submission_deadline_passed`).",
    410: "The submission code was renewed since (`submission_code_replaced`).",
    429: "Too many wrong codes from your address (`too_many_attempts`).",
}
STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
INTEGER = {"type": "integer"}
NULLABLE_INTEGER = {"type": ["integer", "null"]}
BOOLEAN = {"type": "boolean"}


def path_id(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}


def operation(
    summary: str,
    responses: dict,
    body=None,
    *statuses: int,
    security: list[dict] | None = None,
    body_required: bool = True,
) -> dict:
    """An operation; `body` is a form class (its schema is derived) or a schema."""
    result: dict = {
        "summary": summary,
        "security": FACILITATOR_SECURITY if security is None else security,
        "responses": {
            **responses,
            **{str(s): answer(ERRORS[s], ERROR) for s in (401, *statuses)},
        },
    }
    if body is not None:
        schema = body if isinstance(body, dict) else form_schema(body)
        result["requestBody"] = {**json_body(schema), "required": body_required}
    return result


def obj(properties: dict, required: list[str] | None = None) -> dict:
    schema: dict = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return schema


def array_of(name: str, item: dict) -> dict:
    return obj({name: {"type": "array", "items": item}})


SERIES = obj(
    {
        "id": INTEGER,
        "name": STRING,
        "description": STRING,
        "language": STRING,
        "rhythm_weeks": INTEGER,
        "default_start_time": NULLABLE_STRING,
        "default_end_time": NULLABLE_STRING,
        "default_place": STRING,
        "default_online_link": STRING,
        "owner": FACILITATOR,
        "coordinators": {"type": "array", "items": FACILITATOR},
        "has_members_link": BOOLEAN,
        "created_at": {"type": "string", "format": "date-time"},
    }
)
MEMBER = obj(
    {
        "id": INTEGER,
        "name": STRING,
        "department": STRING,
        "email": STRING,
        "role": {"enum": list(MEMBER_ROLES)},
    }
)
STANDING_ITEM = obj(
    {
        "title": STRING,
        "presenter": STRING,
        "duration_minutes": NULLABLE_INTEGER,
        "description": STRING,
        "at_end": BOOLEAN,
    }
)
ATTACHMENT = obj({"id": INTEGER, "label": STRING, "title": STRING, "url": STRING})
ITEM = obj(
    {
        "id": INTEGER,
        "number": INTEGER,
        "title": STRING,
        "presenter": STRING,
        "duration_minutes": NULLABLE_INTEGER,
        "starts_at": {**NULLABLE_STRING, "description": "HH:MM, from the start and durations"},
        "ends_at": NULLABLE_STRING,
        "description": STRING,
        "purpose": {"enum": ["", *PURPOSES]},
        "standing": BOOLEAN,
        "follow_up": BOOLEAN,
        "at_end": BOOLEAN,
        "workshop_id": NULLABLE_INTEGER,
        "attachments": {"type": "array", "items": ATTACHMENT},
    }
)
MEETING = obj(
    {
        "id": INTEGER,
        "series_id": NULLABLE_INTEGER,
        "title": STRING,
        "language": STRING,
        "date": NULLABLE_STRING,
        "start_time": NULLABLE_STRING,
        "end_time": NULLABLE_STRING,
        "place": STRING,
        "online_link": STRING,
        "status": {"enum": list(MEETING_STATUSES)},
        "submission_code": STRING,
        "submission_url": STRING,
        "submission_deadline": NULLABLE_STRING,
        "published_at": NULLABLE_STRING,
        "previous_meeting_id": NULLABLE_INTEGER,
        "notice_sequence": INTEGER,
        "notice_sent_at": NULLABLE_STRING,
        "items": {"type": "array", "items": ITEM, "description": "Not in lists of meetings."},
    }
)
SUBMITTER_TOPIC_PROPERTIES = {
    "title": STRING,
    "description": STRING,
    "purpose": {"enum": list(PURPOSES)},
    "status": {"enum": list(TOPIC_STATUSES)},
    "status_label": STRING,
    "decline_reason": STRING,
    "submitter_name": STRING,
    "department": STRING,
}
TOPIC = obj(
    {
        "id": INTEGER,
        "meeting_id": INTEGER,
        **SUBMITTER_TOPIC_PROPERTIES,
        "item_id": NULLABLE_INTEGER,
        "question_id": NULLABLE_INTEGER,
        "carried_from_meeting_id": NULLABLE_INTEGER,
        "submitted_at": STRING,
        "decided_at": NULLABLE_STRING,
    }
)
PUBLIC_MEETING = obj(
    {
        "title": STRING,
        "series": NULLABLE_STRING,
        "date": NULLABLE_STRING,
        "status": STRING,
        "submission_deadline": NULLABLE_STRING,
        "open_for_topics": BOOLEAN,
    }
)
OWN_TOPIC = obj({**SUBMITTER_TOPIC_PROPERTIES, "meeting": PUBLIC_MEETING, "editable": BOOLEAN})
