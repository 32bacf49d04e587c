"""Configuration classes; environment variables override their values."""

import os
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ROOT = Path(__file__).resolve().parent
LANGUAGES = ("en", "da", "nb")


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str) -> list[str] | None:
    value = os.environ.get(name)
    if not value:
        return None
    return [item.strip() for item in value.split(",") if item.strip()]


def instance_secret_key(instance_path: str) -> str:
    """Read the secret key kept in the instance folder, creating it on first use."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


# Whole-number settings an environment variable of the same name overrides.
INTEGER_SETTINGS = (
    "TRUSTED_PROXIES",
    "JOIN_ATTEMPTS_PER_MINUTE",
    "JOIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE",
    "LOGIN_ATTEMPTS_PER_MINUTE",
    "LOGIN_SESSION_IDLE_DAYS",
    "LOGIN_DEVICE_COOKIE_DAYS",
    "QUIET_AFTER_SECONDS",
    "SMTP_PORT",
)


class Config:
    """Embedded defaults: one process, SQLite in the instance folder, no other server."""

    SECRET_KEY: str | None = None  # from the environment, else generated into the instance folder
    # From DATABASE_URL, else SQLite in the instance folder.
    SQLALCHEMY_DATABASE_URI: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    SOCKETIO_ASYNC_MODE = "threading"
    SOCKETIO_MESSAGE_QUEUE: str | None = None
    # The message queue's channel: several Workshop sites can share one Redis with their own.
    SOCKETIO_CHANNEL = "workshop"
    SOCKETIO_CORS_ORIGINS: list[str] | None = None  # None means same origin only
    SOCKETIO_MAX_MESSAGE_BYTES = 16 * 1024
    SOCKET_EVENTS_PER_SECOND = 20
    SOCKET_EVENTS_BURST = 40
    # How often each process tells its clients the latest seq they may see (seq:latest), so a
    # client that missed the last broadcasts notices and catches up.
    LIVE_HEARTBEAT_SECONDS = 5.0
    # presence:changed is sent at most this often per workshop, with the counts of then, so
    # that a join burst or a restart's reconnect storm is not a query and a message per connect.
    PRESENCE_UPDATE_SECONDS = 1.0
    # A vote's running totals (dots:changed) go to everyone at most this often per workshop, with
    # the totals of then: a room voting at once is not a message to everyone per dot.
    TALLY_UPDATE_SECONDS = 0.5
    # A serving process (`workshop run`, gunicorn with workshop.gunicorn_hooks) freezes the heap
    # it built at start-up and raises the collector's thresholds, so that full collections stay
    # rare and short (workshop/collector.py, docs/performance.md).
    GC_FREEZE = True
    # Python's gc.set_threshold: young objects between collections (Python: 700), and how many
    # collections of each generation before the next older one is collected (Python: 10, 10).
    GC_THRESHOLDS = (10_000, 20, 100)
    # With GC_FREEZE, the objects of connected sockets are frozen too, once nobody has come or
    # gone for this many seconds (workshop/realtime/heap.py).
    GC_SETTLE_SECONDS = 1.0
    # On SQLite, a serving process writes the log into the database file this often, in a
    # thread of its own, instead of inside the commit that fills it (workshop/checkpoints.py);
    # 0 leaves it to SQLite.
    SQLITE_CHECKPOINT_SECONDS = 1.0
    # How often a submitter's personal link looks again at the topic's status (0: never), so
    # the coordinator's decision shows and is announced without a reload.
    TOPIC_STATUS_REFRESH_SECONDS = 30
    BABEL_DEFAULT_LOCALE = "en"
    # The zone every displayed time is shown in (TIMEZONE); None means the server's own zone.
    BABEL_DEFAULT_TIMEZONE: str | None = None
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "workshop" / "translations")
    LANGUAGES = LANGUAGES
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False  # follows SESSION_COOKIE_SECURE from the environment
    # "Keep me logged in" lasts this long; the login session behind it may end sooner.
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    # A facilitator's login session unused for this many days ends (the cookie opens nothing).
    LOGIN_SESSION_IDLE_DAYS = 14
    # How long a browser that logged in to an account stays known to it (see LOGIN_ATTEMPTS…).
    LOGIN_DEVICE_COOKIE_DAYS = 365
    # e.g. https://workshop.example.org, used in join links and QR codes
    PUBLIC_URL: str | None = None
    # Wrong join (and submission) codes within a minute per browser, and per client address: a
    # venue's whole room may come from one address, so its ceiling is higher (services/joining).
    JOIN_ATTEMPTS_PER_MINUTE = 10
    JOIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE = 60
    # Failed logins within a minute per client address, per email from browsers unknown to that
    # account, and per browser that has logged in to the account before (its device cookie).
    # Each further round of failures within the hour doubles the wait (services/logins).
    LOGIN_ATTEMPTS_PER_MINUTE = 5
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    # How many reverse proxies sit in front of the app (their X-Forwarded-* headers are trusted).
    TRUSTED_PROXIES = 0
    TESTING = False
    # Running the room: limits, and when a silent group counts as quiet in a group round.
    BROADCAST_TEXT_MAX = 500
    STEP_DURATION_MAX_MINUTES = 8 * 60
    PLAN_STEPS_MAX = 50
    DISPLAY_LINKS_MAX = 20
    QUIET_AFTER_SECONDS = 180
    # Sending notices by e-mail: nothing is sent unless SMTP_HOST and SMTP_FROM are set.
    SMTP_HOST: str | None = None
    SMTP_PORT = 587
    SMTP_USERNAME: str | None = None
    SMTP_PASSWORD: str | None = None
    SMTP_STARTTLS = True
    SMTP_FROM: str | None = None
    SMTP_TIMEOUT_SECONDS = 20
    # A function returning the current time (aware, UTC); None is the wall clock. Tests set it.
    CLOCK: Callable[[], datetime] | None = None

    @classmethod
    def from_environment(cls) -> dict:
        """The settings the environment gives, by configuration key."""
        values: dict = {}
        mapping = {
            "SECRET_KEY": "SECRET_KEY",
            "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
            "SOCKETIO_ASYNC_MODE": "SOCKETIO_ASYNC_MODE",
            "REDIS_URL": "SOCKETIO_MESSAGE_QUEUE",
            "SOCKETIO_CHANNEL": "SOCKETIO_CHANNEL",
            "PUBLIC_URL": "PUBLIC_URL",
            "TIMEZONE": "BABEL_DEFAULT_TIMEZONE",
            "SMTP_HOST": "SMTP_HOST",
            "SMTP_USERNAME": "SMTP_USERNAME",
            "SMTP_PASSWORD": "SMTP_PASSWORD",
            "SMTP_FROM": "SMTP_FROM",
        }
        for env_name, key in mapping.items():
            if os.environ.get(env_name):
                values[key] = os.environ[env_name]
        origins = _env_list("SOCKETIO_CORS_ORIGINS")
        if origins:
            values["SOCKETIO_CORS_ORIGINS"] = origins
        if os.environ.get("SESSION_COOKIE_SECURE"):
            secure = _env_bool("SESSION_COOKIE_SECURE", False)
            values["SESSION_COOKIE_SECURE"] = values["REMEMBER_COOKIE_SECURE"] = secure
        if os.environ.get("SMTP_STARTTLS"):
            values["SMTP_STARTTLS"] = _env_bool("SMTP_STARTTLS", True)
        for name in INTEGER_SETTINGS:
            if os.environ.get(name):
                values[name] = int(os.environ[name])
        if os.environ.get("GC_FREEZE"):
            values["GC_FREEZE"] = _env_bool("GC_FREEZE", True)
        if os.environ.get("GC_THRESHOLDS"):
            values["GC_THRESHOLDS"] = gc_thresholds(os.environ["GC_THRESHOLDS"])
        if os.environ.get("GC_SETTLE_SECONDS"):
            values["GC_SETTLE_SECONDS"] = float(os.environ["GC_SETTLE_SECONDS"])
        if os.environ.get("SQLITE_CHECKPOINT_SECONDS"):
            values["SQLITE_CHECKPOINT_SECONDS"] = float(os.environ["SQLITE_CHECKPOINT_SECONDS"])
        if os.environ.get("LIVE_HEARTBEAT_SECONDS"):
            values["LIVE_HEARTBEAT_SECONDS"] = float(os.environ["LIVE_HEARTBEAT_SECONDS"])
        return values


class TestingConfig(Config):
    """Used by the test suite: a database per test, CSRF on (tests prove it), fast hashing."""

    TESTING = True
    SECRET_KEY = "testing-only-not-secret"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL") or "sqlite://"
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    JOIN_ATTEMPTS_PER_MINUTE = 1000
    JOIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE = 1000
    LOGIN_ATTEMPTS_PER_MINUTE = 1000
    BABEL_DEFAULT_TIMEZONE = "UTC"  # times in tests do not depend on the machine's zone
    LIVE_HEARTBEAT_SECONDS = 1.0


def gc_thresholds(value: str) -> tuple[int, int, int]:
    """GC_THRESHOLDS as three whole numbers (e.g. "10000,20,100"); stop with a clear message."""
    parts = [part.strip() for part in value.split(",")]
    if len(parts) != 3 or not all(part.isdigit() and int(part) > 0 for part in parts):
        raise ValueError(f"GC_THRESHOLDS={value!r} must be three positive whole numbers.")
    first, second, third = (int(part) for part in parts)
    return first, second, third


def server_timezone() -> str:
    """The name of the server's own time zone (e.g. Europe/Copenhagen), UTC if it has none."""
    from babel.localtime import get_localzone

    zone = get_localzone()
    return getattr(zone, "zone", None) or getattr(zone, "key", None) or "UTC"


def checked_timezone(name: str) -> str:
    """The zone's name if it is a known time zone; otherwise stop with a clear message."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"TIMEZONE={name!r} is not a time zone name such as Europe/Copenhagen or UTC."
        ) from None
    return name


def normalise_database_url(url: str) -> str:
    """Accept the common postgres:// spellings and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
