"""Serve Workshop for the bench the way `workshop run` does, optionally monkey-patched for gevent.

    python -m bench.serve --port 5000                (threading: SOCKETIO_ASYNC_MODE=threading)
    python -m bench.serve --port 5000 --gevent       (SOCKETIO_ASYNC_MODE=gevent)

Two reasons not to call `workshop run` itself: gevent's monkey-patching must happen before
anything imports socket, threading or ssl (gunicorn's gevent worker does the same); and under the
`flask`/`workshop` CLI, Flask ignores the app.run() that Flask-SocketIO's threading mode makes
(FLASK_RUN_FROM_CLI), so `workshop run` did not serve in threading mode when this was written.
The database must already be up to date (the bench prepares it).
"""

import sys

if "--gevent" in sys.argv:
    from gevent import monkey

    monkey.patch_all()

import argparse

from workshop import create_app
from workshop.extensions import socketio


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--gevent", action="store_true")
    args = parser.parse_args()
    app = create_app()
    mode = app.config["SOCKETIO_ASYNC_MODE"]
    print(f" * Workshop ({mode}) on http://127.0.0.1:{args.port}/", flush=True)
    # The same call as `workshop run` (workshop/cli/serve.py).
    socketio.run(
        app,
        host="127.0.0.1",
        port=args.port,
        debug=False,
        use_reloader=False,
        log_output=False,
        allow_unsafe_werkzeug=True,
    )


if __name__ == "__main__":
    main()
