"""Decoding JSON from outside (request bodies, socket messages): a depth limit, and text only."""

import json
import re

from flask.json.provider import DefaultJSONProvider
from flask_babel import lazy_gettext as _l

from workshop.models import DomainError

# The deepest payload we take (the socket's event array around an object of lists) is 4 levels;
# 20 leaves room, and keeps every reader after the decoder (WTForms, our checks, the encoder of
# an answer) far from Python's recursion limit.
MAX_JSON_DEPTH = 20
# \ud800–\udfff: JSON can write half of a character's UTF-16 pair alone, which is not text (no
# database can store it); only a body containing such an escape needs its strings looked at.
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
SURROGATE_ESCAPE_BYTES = re.compile(rb"\\u[dD][89a-fA-F]")


def too_deep() -> DomainError:
    return DomainError(
        "invalid_json",
        _l("The JSON is nested too deeply: at most %(max)d levels.", max=MAX_JSON_DEPTH),
        max_depth=MAX_JSON_DEPTH,
    )


def unpaired_surrogate() -> DomainError:
    return DomainError(
        "invalid_json",
        _l("The JSON contains a character that is not text (an unpaired \\ud800–\\udfff)."),
    )


def decode_json(text: str | bytes, **options):
    """The decoded value, or DomainError invalid_json when it is nested too deeply or holds
    an unpaired surrogate.

    Other malformed JSON raises ValueError, as json.loads does.
    """
    try:
        value = json.loads(text, **options)
    except RecursionError:  # the decoder recursed into [[[… before any check could look
        raise too_deep() from None
    if nested_deeper_than(value, MAX_JSON_DEPTH):
        raise too_deep()
    if may_hold_surrogates(text) and not all(is_text(string) for string in strings_in(value)):
        raise unpaired_surrogate()
    return value


def may_hold_surrogates(text: str | bytes) -> bool:
    if isinstance(text, str):
        return SURROGATE_ESCAPE.search(text) is not None
    return SURROGATE_ESCAPE_BYTES.search(text) is not None


def is_text(string: str) -> bool:
    try:
        string.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def strings_in(value):
    """Every string in a decoded value, keys too (its depth is already checked)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


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
    """Flask's JSON with decode_json's checks: request.get_json() raises DomainError
    invalid_json (answered as a 400) for a body nested too deeply or holding a non-character,
    on every route."""

    def loads(self, s: str | bytes, **kwargs):
        return decode_json(s, **kwargs)
