"""What Flask-SocketIO adds to the request while it handles a socket event, typed.

Flask-SocketIO sets `request.sid` and `request.event` on Flask's request object, which Flask's
stubs do not know; these two functions are the only places that read them.
"""

from flask import request


def socket_sid() -> str:
    """The id of the socket whose event (or connect, or disconnect) is being handled."""
    return request.sid  # type: ignore[attr-defined]  # set by Flask-SocketIO, unknown to the stubs


def socket_event_name() -> str:
    """The name of the client event being handled (e.g. "note:add")."""
    return request.event["message"]  # type: ignore[attr-defined]  # set by Flask-SocketIO
