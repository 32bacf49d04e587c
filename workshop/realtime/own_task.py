"""A socket's connect handled in a short task of its own, which the connection waits for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import socketio


def in_own_task(handler: Callable[..., Any], server: socketio.Server) -> Callable[..., Any]:
    """`handler` (python-socketio's, as Flask-SocketIO registered it) run in a new task each
    time, and waited for: same answer, same refusal, same order of events.

    Why: a connection's WebSocket is served by one greenlet (under gevent) that lives as long as
    the socket, and CPython keeps every page of a greenlet's frame stack that its deepest call
    ever touched. The connect is by far the deepest work that greenlet would do (Flask's
    request context, the authentication, SQLAlchemy): done there, it kept a second page (4 KiB)
    per connection for the connection's whole life. A task's pages go when the task ends.

    `server` is the app's python-socketio Server (passed, not looked up at each connect: the
    SocketIO object is shared by every app a test run creates).
    """

    def run_in_own_task(*args: Any) -> Any:
        outcome: dict[str, Any] = {}

        def run() -> None:
            try:
                outcome["answer"] = handler(*args)
            except BaseException as error:  # a refusal too: re-raised below, in the connection
                outcome["error"] = error

        server.start_background_task(run).join()
        if "error" in outcome:
            raise outcome["error"]
        return outcome.get("answer")

    return run_in_own_task
