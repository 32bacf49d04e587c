"""The OpenAPI description of API v1, assembled from each feature module's OPENAPI_PATHS."""

from flask import jsonify

from workshop.forms.json_input import MAX_JSON_DEPTH
from workshop.models.base import INTEGER_MAX
from workshop.web.api import (
    annex,
    annex_votes,
    bp,
    groups,
    joining,
    meetings,
    minutes,
    notes,
    notices,
    outline,
    plan,
    plenary,
    series,
    topics,
    workshops,
)

FEATURE_MODULES = [
    workshops,
    outline,
    groups,
    joining,
    notes,
    plan,
    plenary,
    annex,
    annex_votes,
    series,
    meetings,
    topics,
    notices,
    minutes,
]


def openapi_document() -> dict:
    paths: dict = {}
    for module in FEATURE_MODULES:
        paths.update(module.OPENAPI_PATHS)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Workshop API",
            "version": "1",
            "description": "Prepare workshops, join them and read their notes. See docs/api.md. "
            f"Every route: JSON bodies at most {MAX_JSON_DEPTH} levels deep (else 400 "
            "invalid_json); whole numbers within what a database holds (a larger id in the "
            "path is 404 not_found, a larger number elsewhere 400 invalid_input).",
        },
        "servers": [{"url": "/api/v1"}],
        "components": {
            "securitySchemes": {
                "facilitatorToken": {"type": "http", "scheme": "bearer"},
                "participantToken": {"type": "http", "scheme": "bearer"},
                "displayToken": {"type": "http", "scheme": "bearer"},
                "topicToken": {"type": "http", "scheme": "bearer"},
                "membersToken": {"type": "http", "scheme": "bearer"},
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "properties": {
                        "error": {
                            "type": "object",
                            "properties": {
                                "code": {"type": "string"},
                                "message": {"type": "string"},
                                "details": {"type": "object"},
                            },
                            "required": ["code", "message"],
                        }
                    },
                }
            },
        },
        "paths": {path: with_bounded_ids(item) for path, item in paths.items()},
    }


def with_bounded_ids(path_item: dict) -> dict:
    """The path's integer ids with the bound every <int:…> route has (said once, here)."""
    bounded = {**path_item}
    if "parameters" in path_item:
        bounded["parameters"] = [bounded_id(parameter) for parameter in path_item["parameters"]]
    for method, operation in path_item.items():
        if isinstance(operation, dict) and "parameters" in operation:
            parameters = [bounded_id(parameter) for parameter in operation["parameters"]]
            bounded[method] = {**operation, "parameters": parameters}
    return bounded


def bounded_id(parameter: dict) -> dict:
    schema = parameter.get("schema", {})
    if parameter.get("in") != "path" or schema.get("type") != "integer":
        return parameter
    return {**parameter, "schema": {**schema, "maximum": INTEGER_MAX}}


@bp.get("/openapi.json")
def openapi_json():
    return jsonify(openapi_document())
