"""Decoding JSON from outside (request bodies, socket messages) within a depth limit."""

import json

from flask.json.provider import DefaultJSONProvider
from flask_babel import lazy_gettext as _l

from workshop.models import DomainError

# The deepest payload we take (the socket's event array around an object of lists) is 4 levels;
# 20 leaves room, and keeps every reader after the decoder (WTForms, our checks, the encoder of
# an answer) far from Python's recursion limit.
MAX_JSON_DEPTH = 20


def too_deep(code: str = "invalid_json") -> DomainError:
    return DomainError(
        code,
        _l("The JSON is nested too deeply: at most %(max)d levels.", max=MAX_JSON_DEPTH),
        max_depth=MAX_JSON_DEPTH,
    )


def decode_json(text: str | bytes, **options):
    """The decoded value, or DomainError invalid_json when it is nested too deeply.

    Other malformed JSON raises ValueError, as json.loads does.
    """
    try:
        value = json.loads(text, **options)
    except RecursionError:  # the decoder recursed into [[[… before any check could look
        raise too_deep() from None
    if nested_deeper_than(value, MAX_JSON_DEPTH):
        raise too_deep()
    return value


def nested_deeper_than(value, limit: int) -> bool:
    """Whether lists and objects go more than `limit` levels deep (read level by level, without
    recursion, so any depth the decoder managed is safe to measure)."""
    level = containers([value])
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            return True
        level = containers([child for item in level for child in children(item)])
    return False


def containers(values: list) -> list:
    return [value for value in values if isinstance(value, dict | list)]


def children(container: dict | list):
    return container.values() if isinstance(container, dict) else container


class LimitedJSONProvider(DefaultJSONProvider):
    """Flask's JSON with the depth limit: request.get_json() raises DomainError invalid_json
    (answered as a 400) for a body nested too deeply, on every route."""

    def loads(self, s: str | bytes, **kwargs):
        return decode_json(s, **kwargs)
