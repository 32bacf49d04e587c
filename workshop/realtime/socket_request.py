"""The socket and event being handled: from a light event context, or from Flask-SocketIO's request.

Flask-SocketIO sets `request.sid` and `request.event` on Flask's request object, which Flask's
stubs do not know. A quick answer runs in an app context only (handlers.quick_first) and keeps
them on `g`. These functions are the only places that read either.
"""

from flask import Flask, g, request


def in_event_context(app: Flask, sid: str, name: str):
    """An app context for one socket event, without a request (see handlers.quick_first)."""
    context = app.app_context()
    context.g.socket_sid = sid
    context.g.socket_event = name
    return context


def socket_sid() -> str:
    """The id of the socket whose event (or connect, or disconnect) is being handled."""
    sid = g.get("socket_sid")
    if sid is not None:
        return sid
    return request.sid  # type: ignore[attr-defined]  # set by Flask-SocketIO, unknown to the stubs


def socket_event_name() -> str:
    """The name of the client event being handled (e.g. "note:add")."""
    name = g.get("socket_event")
    if name is not None:
        return name
    return request.event["message"]  # type: ignore[attr-defined]  # set by Flask-SocketIO
