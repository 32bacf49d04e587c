"""The JSON module Socket.IO decodes messages with: a message it cannot read is still answered.

python-socketio decodes a message before any handler runs, and a decoding error there drops the
message without a word (no acknowledgement, so a client following the protocol would resend it
forever). Here a message that is malformed or nested too deeply decodes to its event name and an
Unreadable carrying the reason, and the event's handler answers with that error; a connect
request decodes to an Unreadable, which the connect handler refuses with a connect_error.
Engine.IO decodes its own packets with this module too: text that is no Socket.IO payload
raises ValueError as before.
"""

import json
import re

from flask_babel import lazy_gettext as _l

from workshop.forms.json_input import decode_json
from workshop.models import DomainError

# The event name at the start of an event message: ["note:add", …
EVENT_NAME = re.compile(r'\s*\[\s*("(?:[^"\\]|\\.){0,200}")')


class Unreadable:
    """Stands for a payload that could not be decoded; `error` says why."""

    def __init__(self, error: DomainError):
        self.error = error


def not_json() -> DomainError:
    return DomainError("invalid_input", _l("The message is not valid JSON."))


# json.dumps itself, not a function calling it: the connect's acknowledgement is encoded in the
# connection's long-lived greenlet, where each frame counts (realtime/own_task.py).
dumps = json.dumps


def loads(text: str | bytes, **options):
    try:
        return decode_json(text, **options)
    except DomainError as error:  # too deep, or not text: refused as any bad payload is
        return unreadable_message(
            text, DomainError("invalid_input", error.message, **error.details)
        )
    except ValueError:
        if not looks_like_a_payload(text):
            raise  # Engine.IO's own text ("probe" when upgrading): it expects the ValueError
        return unreadable_message(text, not_json())


def looks_like_a_payload(text: str | bytes) -> bool:
    """Socket.IO payloads are arrays (events) or objects (a connect's auth)."""
    start = text.lstrip()[:1]
    return start in ("[", "{") if isinstance(text, str) else start in (b"[", b"{")


def unreadable_message(text: str | bytes, error: DomainError):
    """What a handler can still answer: the event's name (empty if even that cannot be read,
    which the catch-all handler answers as an unknown event) and the reason; a message that is
    not an event is a connect request's auth."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if not text.lstrip().startswith("["):
        return Unreadable(error)
    return [event_name(text), Unreadable(error)]


def event_name(text: str) -> str:
    match = EVENT_NAME.match(text)
    try:
        return json.loads(match.group(1)) if match else ""
    except ValueError:
        return ""
