"""The OpenAPI 3.1 description of the series routes (see api/series.py)."""

from workshop.forms.meetings import CoordinatorForm, MemberForm, SeriesForm, StandingItemForm
from workshop.web.api.form_schema import form_schema
from workshop.web.api.meeting_openapi_parts import (
    MEMBER,
    SERIES,
    STANDING_ITEM,
    STRING,
    answer,
    array_of,
    obj,
    operation,
    path_id,
)
from workshop.web.api.workshops_openapi import FACILITATOR

SERIES_ID = path_id("series_id")
STANDING_ITEMS = obj(
    {"standing_items": {"type": "array", "items": form_schema(StandingItemForm)}},
    ["standing_items"],
)
MEMBERS_PAGE = obj(
    {
        "series": obj({"name": STRING, "description": STRING}),
        "language": STRING,
        "members": {
            "type": "array",
            "items": obj({"name": STRING, "department": STRING, "role": STRING}),
            "description": "Names, departments and roles only: never contact data.",
        },
        "meetings": {
            "type": "array",
            "description": "Published meetings, newest first, each with its numbered agenda and "
            "for an item with a workshop its newest approved annex (workshop_id, version).",
        },
    }
)

OPENAPI_PATHS: dict = {
    "/series": {
        "get": operation(
            "Series you own or coordinate",
            {"200": answer("The series", array_of("series", SERIES))},
        ),
        "post": operation(
            "Create a series (a network group); it starts with the default standing items in its "
            "language",
            {"201": answer("The new series", SERIES)},
            SeriesForm,
            400,
        ),
    },
    "/series/{series_id}": {
        "parameters": [SERIES_ID],
        "get": operation("One series", {"200": answer("The series", SERIES)}, None, 404),
        "patch": operation(
            "Change some fields; fields left out keep their values",
            {"200": answer("The changed series", SERIES)},
            SeriesForm,
            400,
            404,
        ),
        "delete": operation(
            "Delete the series with its members and meetings (owner only)",
            {"204": answer("Deleted")},
            None,
            403,
            404,
        ),
    },
    "/series/{series_id}/coordinators": {
        "parameters": [SERIES_ID],
        "post": operation(
            "Let another facilitator coordinate the series (owner only)",
            {"201": answer("The coordinator", FACILITATOR)},
            CoordinatorForm,
            400,
            403,
            404,
            409,
        ),
    },
    "/series/{series_id}/coordinators/{facilitator_id}": {
        "parameters": [SERIES_ID, path_id("facilitator_id")],
        "delete": operation(
            "Remove a coordinator (owner only)", {"204": answer("Removed")}, None, 403, 404
        ),
    },
    "/series/{series_id}/standing-items": {
        "parameters": [SERIES_ID],
        "get": operation(
            "The series' standing items (the template of every new agenda)",
            {"200": answer("The standing items", array_of("standing_items", STANDING_ITEM))},
            None,
            404,
        ),
        "put": operation(
            "Replace the standing items, in order (meetings already planned keep their agenda)",
            {"200": answer("The standing items", array_of("standing_items", STANDING_ITEM))},
            STANDING_ITEMS,
            400,
            404,
        ),
    },
    "/series/{series_id}/members": {
        "parameters": [SERIES_ID],
        "get": operation(
            "The series' members", {"200": answer("The members", array_of("members", MEMBER))}
        ),
        "post": operation(
            "Add a member (no account): name, department, e-mail (optional), role",
            {"201": answer("The member", MEMBER)},
            MemberForm,
            400,
            404,
            409,
        ),
    },
    "/series/{series_id}/members/{member_id}": {
        "parameters": [SERIES_ID, path_id("member_id")],
        "patch": operation(
            "Change some of a member's fields",
            {"200": answer("The member", MEMBER)},
            MemberForm,
            400,
            404,
        ),
        "delete": operation("Remove a member", {"204": answer("Removed")}, None, 404),
    },
    "/series/{series_id}/members-link": {
        "parameters": [SERIES_ID],
        "post": operation(
            "A new members' link (its token is shown this once; an earlier link stops working)",
            {"201": answer("The link", obj({"token": STRING, "url": STRING}))},
            None,
            404,
        ),
        "delete": operation("Revoke the members' link", {"204": answer("Revoked")}, None, 404),
    },
    "/members-page": {
        "get": operation(
            "The members' read-only view of the series (bearer: the members' link token)",
            {"200": answer("The published meetings", MEMBERS_PAGE)},
            security=[{"membersToken": []}],
        ),
    },
    "/members-page/annexes/{workshop_id}": {
        "parameters": [
            path_id("workshop_id"),
            {"name": "format", "in": "query", "schema": {"type": "string", "default": "docx"}},
        ],
        "get": operation(
            "Download the newest approved annex of an item in a published meeting "
            "(bearer: the members' link token)",
            {"200": answer("The file")},
            None,
            404,
            security=[{"membersToken": []}],
        ),
    },
}
