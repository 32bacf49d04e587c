"""The OpenAPI 3.1 description of the topic routes (see api/topics.py)."""

from workshop.forms.meetings import AcceptTopicForm, DeclineTopicForm, TopicForm
from workshop.web.api.meeting_openapi_parts import (
    ITEM,
    OWN_TOPIC,
    PUBLIC_MEETING,
    STRING,
    TOPIC,
    answer,
    array_of,
    obj,
    operation,
    path_id,
)

CODE = {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}
TOPIC_PARAMETERS = [path_id("meeting_id"), path_id("topic_id")]
NO_ACCOUNT: list[dict] = []
SUBMITTER: list[dict] = [{"topicToken": []}]


def decision(summary: str, responses: dict, body=None, body_required: bool = True) -> dict:
    return {
        "parameters": TOPIC_PARAMETERS,
        "post": operation(summary, responses, body, 400, 404, 409, body_required=body_required),
    }


OPENAPI_PATHS: dict = {
    "/submissions/{code}": {
        "parameters": [CODE],
        "get": operation(
            "The meeting a submission code opens (no account; wrong codes are rate-limited)",
            {"200": answer("The meeting", PUBLIC_MEETING)},
            None,
            404,
            410,
            429,
            security=NO_ACCOUNT,
        ),
    },
    "/submissions/{code}/topics": {
        "parameters": [CODE],
        "post": operation(
            "Send in a topic before the deadline (no account); the answer holds the personal "
            "link's token, shown this once",
            {
                "201": answer(
                    "The topic",
                    {
                        **OWN_TOPIC,
                        "properties": {**OWN_TOPIC["properties"], "token": STRING, "url": STRING},
                    },
                )
            },
            TopicForm,
            400,
            404,
            409,
            410,
            429,
            security=NO_ACCOUNT,
        ),
    },
    "/topics/mine": {
        "get": operation(
            "Your topic and its status (bearer: the personal link's token)",
            {"200": answer("The topic", OWN_TOPIC)},
            security=SUBMITTER,
        ),
        "patch": operation(
            "Edit your topic until the deadline, while it is undecided",
            {"200": answer("The topic", OWN_TOPIC)},
            TopicForm,
            400,
            409,
            security=SUBMITTER,
        ),
    },
    "/meetings/{meeting_id}/topics": {
        "parameters": [path_id("meeting_id")],
        "get": operation(
            "The topics sent in to the meeting (carried-over ones too)",
            {"200": answer("The topics", array_of("topics", TOPIC))},
            None,
            404,
        ),
    },
    "/meetings/{meeting_id}/topics/{topic_id}/accept": decision(
        "Accept: as a new agenda item, or with item_id as a question in that item's workshop "
        "outline (in section_id, else its last section)",
        {
            "200": answer(
                "The topic and the item or question made of it",
                obj(
                    {
                        "topic": TOPIC,
                        "item": ITEM,
                        "question": obj({"id": {"type": "integer"}, "text": STRING}),
                    }
                ),
            )
        },
        AcceptTopicForm,
        body_required=False,
    ),
    "/meetings/{meeting_id}/topics/{topic_id}/defer": decision(
        "Defer to the next meeting: carried over to it (now, if it is planned already)",
        {"200": answer("The topic", TOPIC)},
    ),
    "/meetings/{meeting_id}/topics/{topic_id}/decline": decision(
        "Decline with a reason the submitter sees",
        {"200": answer("The topic", TOPIC)},
        DeclineTopicForm,
    ),
    "/meetings/{meeting_id}/topics/{topic_id}/reopen": decision(
        "Undo a decision to defer or decline (or to accept as a question)",
        {"200": answer("The topic", TOPIC)},
    ),
}
