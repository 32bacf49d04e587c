"""Configuration classes; environment variables override their values."""

import os
import secrets
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

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
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "workshop" / "translations")
    LANGUAGES = LANGUAGES
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # e.g. https://workshop.example.org, used in join links and QR codes
    PUBLIC_URL: str | None = None
    JOIN_ATTEMPTS_PER_MINUTE = 10
    # Failed logins per client address, and per email, within a minute.
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
        }
        for env_name, key in mapping.items():
            if os.environ.get(env_name):
                values[key] = os.environ[env_name]
        origins = _env_list("SOCKETIO_CORS_ORIGINS")
        if origins:
            values["SOCKETIO_CORS_ORIGINS"] = origins
        if os.environ.get("SESSION_COOKIE_SECURE"):
            values["SESSION_COOKIE_SECURE"] = _env_bool("SESSION_COOKIE_SECURE", False)
        if os.environ.get("TRUSTED_PROXIES"):
            values["TRUSTED_PROXIES"] = int(os.environ["TRUSTED_PROXIES"])
        if os.environ.get("JOIN_ATTEMPTS_PER_MINUTE"):
            values["JOIN_ATTEMPTS_PER_MINUTE"] = int(os.environ["JOIN_ATTEMPTS_PER_MINUTE"])
        if os.environ.get("QUIET_AFTER_SECONDS"):
            values["QUIET_AFTER_SECONDS"] = int(os.environ["QUIET_AFTER_SECONDS"])
        if os.environ.get("LOGIN_ATTEMPTS_PER_MINUTE"):
            values["LOGIN_ATTEMPTS_PER_MINUTE"] = int(os.environ["LOGIN_ATTEMPTS_PER_MINUTE"])
        return values


class TestingConfig(Config):
    """Used by the test suite: a database per test, CSRF on (tests prove it), fast hashing."""

    TESTING = True
    SECRET_KEY = "testing-only-not-secret"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL") or "sqlite://"
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    JOIN_ATTEMPTS_PER_MINUTE = 1000
    LOGIN_ATTEMPTS_PER_MINUTE = 1000


def normalise_database_url(url: str) -> str:
    """Accept the common postgres:// spellings and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
