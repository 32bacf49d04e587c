"""`workshop …` with gevent's monkey-patching applied first, as a gevent deployment needs.

    SOCKETIO_ASYNC_MODE=gevent python -m bench.serve_gevent run --port 5000

Patching must happen before anything imports socket, threading or ssl, so it cannot be done
inside `workshop run` itself; gunicorn's gevent worker does the same thing in production.
"""

from gevent import monkey

monkey.patch_all()

from workshop.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
