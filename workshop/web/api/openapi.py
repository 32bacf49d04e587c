"""The OpenAPI description of API v1, assembled from each feature module's OPENAPI_PATHS."""

from flask import jsonify

from workshop.web.api import annex, bp, groups, joining, notes, outline, plan, workshops

FEATURE_MODULES = [workshops, outline, groups, joining, notes, plan, annex]


def openapi_document() -> dict:
    paths: dict = {}
    for module in FEATURE_MODULES:
        paths.update(module.OPENAPI_PATHS)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Workshop API",
            "version": "1",
            "description": "Prepare workshops, join them and read their notes. See docs/api.md.",
        },
        "servers": [{"url": "/api/v1"}],
        "components": {
            "securitySchemes": {
                "facilitatorToken": {"type": "http", "scheme": "bearer"},
                "participantToken": {"type": "http", "scheme": "bearer"},
                "displayToken": {"type": "http", "scheme": "bearer"},
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
        "paths": paths,
    }


@bp.get("/openapi.json")
def openapi_json():
    return jsonify(openapi_document())
