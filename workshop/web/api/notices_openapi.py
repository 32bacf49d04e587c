"""The OpenAPI description of a meeting's notice routes (served at /api/v1/openapi.json)."""

FACILITATOR: list[dict] = [{"facilitatorToken": []}]
MEETING_ID = {"name": "meeting_id", "in": "path", "required": True, "schema": {"type": "integer"}}
BASE = "/meetings/{meeting_id}/notice"
ERROR = {
    "description": "Refused; the body says why.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
DELIVERY = {
    "type": "object",
    "description": "One notice that reached one member.",
    "properties": {
        "member_id": {"type": ["integer", "null"]},
        "name": {"type": "string"},
        "email": {"type": "string"},
        "sequence": {"type": "integer", "description": "The .ics SEQUENCE it carried."},
        "update": {"type": "boolean", "description": "Sent as an update of an earlier notice."},
        "sent_at": {"type": "string", "format": "date-time"},
    },
}
NOTICE = {
    "type": "object",
    "properties": {
        "meeting_id": {"type": "integer"},
        "sent_at": {
            "type": ["string", "null"],
            "format": "date-time",
            "description": "When the notice last reached every member with an e-mail address.",
        },
        "sequence": {"type": "integer"},
        "calendar_uid": {"type": "string"},
        "exports": {
            "type": "object",
            "description": "Download links by format: docx, pdf, md, ics.",
            "additionalProperties": {"type": "string"},
        },
        "email": {
            "type": "object",
            "description": "The ready e-mail to copy, in the series' language.",
            "properties": {"subject": {"type": "string"}, "body": {"type": "string"}},
        },
        "smtp_configured": {"type": "boolean"},
        "recipients": {"type": "array", "items": {"type": "object"}},
        "deliveries": {"type": "array", "items": DELIVERY},
    },
}

OPENAPI_PATHS = {
    BASE: {
        "get": {
            "summary": "The notice: export links, e-mail text, recipients and deliveries",
            "security": FACILITATOR,
            "parameters": [MEETING_ID],
            "responses": {
                "200": {
                    "description": "The notice.",
                    "content": {"application/json": {"schema": NOTICE}},
                },
                "404": ERROR,
            },
        }
    },
    f"{BASE}/export": {
        "get": {
            "summary": "Download the notice (Word, PDF, Markdown) or the calendar event (.ics)",
            "security": FACILITATOR,
            "parameters": [
                MEETING_ID,
                {
                    "name": "format",
                    "in": "query",
                    "schema": {
                        "type": "string",
                        "enum": ["docx", "pdf", "md", "ics"],
                        "default": "docx",
                    },
                },
            ],
            "responses": {
                "200": {"description": "The file, as an attachment."},
                "400": ERROR,
                "404": ERROR,
            },
        }
    },
    f"{BASE}/send": {
        "post": {
            "summary": "E-mail the notice with the .ics to every member with an e-mail address",
            "description": "Needs SMTP_HOST and SMTP_FROM. A notice sent before goes out as an "
            "update (SEQUENCE + 1). Each accepted message is recorded; if the server cannot be "
            "reached or refuses, 502 says why and only those who got it are listed as sent.",
            "security": FACILITATOR,
            "parameters": [MEETING_ID],
            "responses": {
                "201": {
                    "description": "Sent to everyone: the deliveries of this round.",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
                "400": ERROR,
                "404": ERROR,
                "502": ERROR,
            },
        }
    },
}
