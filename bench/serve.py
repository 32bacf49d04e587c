"""`workshop run` with gevent's monkey-patching applied first, as a gevent deployment needs.

    SOCKETIO_ASYNC_MODE=gevent python -m bench.serve --port 5000

Patching must happen before anything imports socket, threading or ssl, so it cannot be done
inside the `workshop run` command itself (gunicorn's gevent worker patches the same way, first).
In threading mode the bench runs the `workshop run` console script as it is.
"""

from gevent import monkey

monkey.patch_all()

import sys  # noqa: E402

from workshop.cli import main  # noqa: E402

if __name__ == "__main__":
    main(["run", *sys.argv[1:]], prog_name="workshop")
