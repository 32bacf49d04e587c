"""`workshop run`: bring the database up to date, then serve the app with Socket.IO."""

import os

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade

from workshop.checkpoints import start_checkpoints
from workshop.collector import settle_collector
from workshop.extensions import db, socketio


def register(group: click.Group) -> None:
    # Replaces Flask's own `run`, which knows nothing of Socket.IO.
    group.add_command(run, "run")


@click.command(help="Upgrade the database and serve Workshop (embedded defaults: SQLite).")
@click.option("--host", "-h", default="127.0.0.1", show_default=True)
@click.option("--port", "-p", default=5000, show_default=True, type=int)
@click.option("--debug/--no-debug", default=False)
@click.option("--demo", is_flag=True, help="Load the demo workshop first (once).")
@with_appcontext
def run(host: str, port: int, debug: bool, demo: bool) -> None:
    # The app itself (socketio.run needs it, not the proxy); current_app is typed as a Flask.
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    upgrade()
    if demo:
        from workshop.services.demo import load_demo

        load_demo()
    # This app context lasts as long as the server: end its session now, or a transaction it
    # opened (on SQLite one holds the write lock) would block every request.
    db.session.remove()
    click.echo(f" * {settle_collector(app)}")
    click.echo(f" * {start_checkpoints(app)}")
    click.echo(f" * Workshop is running on http://{host}:{port}/ (press CTRL+C to quit)")
    # Flask's CLI marks the process so that app.run() does nothing; this command *is* the
    # server, so lift the mark before Flask-SocketIO calls app.run().
    os.environ.pop("FLASK_RUN_FROM_CLI", None)
    socketio.run(
        app,
        host=host,
        port=port,
        debug=debug,
        use_reloader=False,
        log_output=debug,
        # The embedded server: one process for one site; see README for production.
        allow_unsafe_werkzeug=True,
    )
