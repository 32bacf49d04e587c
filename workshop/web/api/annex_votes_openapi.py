"""The OpenAPI 3.1 description of the annex's vote and publication routes (api/annex_votes.py)."""

from workshop.web.api.notes_openapi import PARTICIPANT
from workshop.web.api.plan_openapi import CHANGED, ERROR, OBJECT, WORKSHOP_ID, answer, operation

NULLABLE = {"type": ["object", "null"]}
PUBLICATION = {"type": "object", "properties": {"publication": NULLABLE}}
ORDER_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    "question_id": {"type": ["integer", "null"]},
                    "top": {"type": "integer", "minimum": 0, "maximum": 50},
                },
            }
        }
    },
}
PUBLISH_BODY = {
    "required": False,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    "version": {"type": ["integer", "null"]},
                    "include_votes": {"type": "boolean"},
                },
            }
        }
    },
}

OPENAPI_PATHS = {
    "/workshops/{workshop_id}/annex/order-by-votes": {
        "parameters": [WORKSHOP_ID],
        "post": operation(
            "Order points by votes and mark the top N", {"200": answer("The annex", OBJECT)}
        )
        | {"requestBody": ORDER_BODY},
    },
    "/workshops/{workshop_id}/annex/publication": {
        "parameters": [WORKSHOP_ID],
        "get": operation("What is published to participants", {"200": answer("", PUBLICATION)}),
        "post": operation(
            "Publish an approved version to the participants",
            {"200": answer("The change, as broadcast", CHANGED)},
        )
        | {"requestBody": PUBLISH_BODY},
        "delete": operation(
            "Withdraw the publication", {"200": answer("The change, as broadcast", CHANGED)}
        ),
    },
    "/participant/annex": {
        "get": {
            "summary": "The published annex (read-only)",
            "security": PARTICIPANT,
            "responses": {
                "200": answer(
                    "The publication and the approved document",
                    {
                        "type": "object",
                        "properties": {
                            "publication": OBJECT,
                            "document": OBJECT,
                            "downloads": OBJECT,
                        },
                    },
                ),
                "401": answer("No valid token", ERROR),
                "404": answer("Nothing is published", ERROR),
            },
        }
    },
    "/participant/annex/{format_name}": {
        "get": {
            "summary": "The published annex as a file (docx or pdf), with the participant's token",
            "security": PARTICIPANT,
            "parameters": [
                {
                    "name": "format_name",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "enum": ["docx", "pdf"]},
                }
            ],
            "responses": {
                "200": {"description": "The file, as an attachment."},
                "401": answer("No valid token", ERROR),
                "404": answer("Nothing is published, or another format", ERROR),
            },
        }
    },
}
