"""Where a request enters the app: Socket.IO's straight to its server, the rest to Flask."""

from __future__ import annotations

from flask import Flask

# The async modes Workshop supports (README, SOCKETIO_ASYNC_MODE): their WebSockets take the
# socket from the environ as the WSGI server gives it.
ROUTED_MODES = ("threading", "gevent")


class WorkshopApp(Flask):
    """Flask, handing Socket.IO's requests to the Socket.IO server on the way in.

    Flask-SocketIO wraps `wsgi_app` in a middleware that routes `/socket.io/` and copies every
    request's environ. Both cost memory for each open connection:

    - python-socketio keeps the environ of each connection's first request for the connection's
      lifetime, and the WSGI server (gevent's, for one) keeps its own while a WebSocket is open:
      with the middleware's copy, every connection held two. Here the server's own is used.
    - Under gevent a WebSocket is served by one greenlet that lives as long as the socket, and
      CPython keeps every page of that greenlet's frame stack its deepest call ever touched.
      Each frame under the socket's handler counts: through `Flask.__call__`, the middleware and
      the wrappers of `wsgi_app`, the connection's greenlet went past its first 4 KiB page, and
      kept a second one per connection (docs/performance.md, "Memory per connection").

    So Socket.IO's requests bypass `wsgi_app` and whatever wraps it (the ProxyFix of
    TRUSTED_PROXIES too: nothing in the socket layer reads the client's address, and Engine.IO
    reads X-Forwarded-Proto and X-Forwarded-Host itself for its same-origin check).
    """

    socket_server = None  # python-socketio's Server, once Flask-SocketIO has made it
    socket_path = "/socket.io/"

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")  # PEP 3333 lets a server leave it out for the root
        if self.socket_server is not None and path.startswith(self.socket_path):
            environ["flask.app"] = self  # where Flask-SocketIO finds the app of a socket's events
            # Every browser offers permessage-deflate, and the WebSocket layer (simple-websocket)
            # takes any offer: each connection then kept a zlib compressor and decompressor,
            # about 100 KB (170 KB a connection instead of 68), and every message was compressed
            # once per recipient. Our messages are a few hundred bytes on a local network:
            # the offer is declined by not passing it on (docs/performance.md, "No compression
            # on the WebSocket").
            environ.pop("HTTP_SEC_WEBSOCKET_EXTENSIONS", None)
            return self.socket_server.handle_request(environ, start_response)
        return self.wsgi_app(environ, start_response)


def route_sockets_on_entry(app: Flask) -> None:
    """Once Flask-SocketIO has wrapped the app: route its requests in `__call__` instead, and
    let every other request go to Flask's own `wsgi_app`, without the middleware."""
    if not isinstance(app, WorkshopApp):
        raise TypeError("create_app makes a WorkshopApp: only it routes Socket.IO on entry")
    middleware = app.wsgi_app  # Flask-SocketIO's
    if middleware.engineio_app.async_mode not in ROUTED_MODES:  # type: ignore[attr-defined]
        return  # eventlet under gunicorn needs the middleware (it hands eventlet the socket)
    app.socket_server = middleware.engineio_app  # type: ignore[attr-defined]
    app.socket_path = middleware.engineio_path  # type: ignore[attr-defined]
    # Wrapping wsgi_app is how Flask's docs apply middleware; the stubs call it a method.
    app.wsgi_app = middleware.wsgi_app  # type: ignore[method-assign, attr-defined]
