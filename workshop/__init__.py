"""Workshop: live notes for strategy-consultation workshops. create_app() builds the app."""

from pathlib import Path

from flask import Flask
from flask_babel import lazy_gettext as _l

import config as config_module

ROOT = Path(__file__).resolve().parent.parent


def create_app(
    config_class: type[config_module.Config] = config_module.Config, overrides: dict | None = None
) -> Flask:
    """Build the app: configuration, extensions, blueprints and socket handlers. No side effects."""
    from workshop.realtime.environ import WorkshopApp

    app = WorkshopApp(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    configure(app, config_class, overrides or {})
    register_extensions(app)
    register_input_parsing(app)
    register_blueprints(app)
    register_socket_handlers(app)
    register_template_helpers(app)
    trust_proxies(app)
    return app


def configure(app: Flask, config_class: type[config_module.Config], overrides: dict) -> None:
    app.config.from_object(config_class)
    if not app.config.get("TESTING"):
        app.config.update(config_class.from_environment())
    app.config.update(overrides)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config_module.instance_secret_key(app.instance_path)
    uri = app.config.get("SQLALCHEMY_DATABASE_URI")
    if not uri:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        uri = "sqlite:///" + str(Path(app.instance_path) / "workshop.sqlite")
    app.config["SQLALCHEMY_DATABASE_URI"] = config_module.normalise_database_url(uri)
    zone = app.config.get("BABEL_DEFAULT_TIMEZONE") or config_module.server_timezone()
    app.config["BABEL_DEFAULT_TIMEZONE"] = config_module.checked_timezone(zone)


def register_extensions(app: Flask) -> None:
    from workshop import i18n
    from workshop.database import configure_engine
    from workshop.extensions import babel, csrf, db, login_manager, migrate, socketio
    from workshop.realtime import socket_json
    from workshop.realtime.delivered import DeliveryRecordingManager
    from workshop.realtime.environ import route_sockets_on_entry
    from workshop.realtime.queue import message_queue_manager

    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.localize_callback = str  # the lazy message, in the request's language
    queue_url = app.config["SOCKETIO_MESSAGE_QUEUE"]
    queue = message_queue_manager(queue_url, app.config["SOCKETIO_CHANNEL"])
    # Both managers remember what they delivered, so the heartbeat repeats nothing; another
    # kind of queue is left to Flask-SocketIO.
    manager = queue or (None if queue_url else DeliveryRecordingManager())
    socketio.init_app(
        app,
        async_mode=app.config["SOCKETIO_ASYNC_MODE"],  # explicit: never auto-detected
        message_queue=queue_url,
        channel=app.config["SOCKETIO_CHANNEL"],
        **({"client_manager": manager} if manager else {}),
        cors_allowed_origins=app.config["SOCKETIO_CORS_ORIGINS"],
        max_http_buffer_size=app.config["SOCKETIO_MAX_MESSAGE_BYTES"],
        manage_session=False,
        json=socket_json,  # answers what it cannot decode, instead of dropping it
    )
    route_sockets_on_entry(app)


def register_input_parsing(app: Flask) -> None:
    """Where all input enters: JSON bodies within a depth limit, bounded numbers in URLs.

    Before the blueprints: a route's converters are looked up when it is registered.
    """
    from workshop.forms.json_input import LimitedJSONProvider
    from workshop.web.converters import CONVERTERS

    app.json = LimitedJSONProvider(app)
    app.url_map.converters.update(CONVERTERS)


def register_blueprints(app: Flask) -> None:
    from workshop.web import BLUEPRINTS

    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)


def register_socket_handlers(app: Flask) -> None:
    from workshop.realtime import emitter, handlers, running_totals
    from workshop.services import live, votes

    # Each app gets its own Socket.IO server in init_app, so handlers are registered per app.
    handlers.register(app)
    live.install_publisher(app, emitter.emit_change)
    votes.install_devices_messenger(app, emitter.emit_my_dots)
    running_totals.install(app)


def register_template_helpers(app: Flask) -> None:
    from workshop.web.template_helpers import register

    register(app)


def trust_proxies(app: Flask) -> None:
    """Behind a reverse proxy, take the client's address and scheme from X-Forwarded-* headers.

    Only as many hops as configured are trusted: otherwise anyone could claim any address and
    escape the per-address limits.
    """
    hops = app.config.get("TRUSTED_PROXIES", 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Wrapping wsgi_app is how Flask's docs apply middleware; the stubs call it a method.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops
        )
