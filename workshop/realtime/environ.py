"""Flask-SocketIO's WSGI middleware, without its copy of every request's environ."""

from __future__ import annotations

import socketio
from flask import Flask


class SharedEnviron:
    """Puts the app in the request's own environ instead of in a copy of it.

    python-socketio keeps the environ of each connection's first request for the connection's
    lifetime, and the WSGI server (gevent's, for one) keeps its own for as long as a WebSocket
    is open: with Flask-SocketIO's copy, every connection held two. Flask itself works on the
    server's environ in place, as this does.
    """

    def __init__(self, middleware: socketio.WSGIApp):
        self.middleware = middleware  # Flask-SocketIO's: it routes /socket.io/ and the rest
        self.flask_app = middleware.flask_app  # type: ignore[attr-defined]

    def __call__(self, environ, start_response):
        environ["flask.app"] = self.flask_app  # what the copy was made for
        return socketio.WSGIApp.__call__(self.middleware, environ, start_response)


def share_environ(app: Flask) -> None:
    """Once Flask-SocketIO has wrapped the app: skip its per-request copy of the environ."""
    # Wrapping wsgi_app is how Flask's docs apply middleware; the stubs call it a method.
    app.wsgi_app = SharedEnviron(app.wsgi_app)  # type: ignore[method-assign, arg-type]
