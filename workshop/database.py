"""Engine settings per database: SQLite gets WAL, a busy timeout and serialised writes."""

from sqlalchemy import event
from sqlalchemy.engine import Engine

SQLITE_BUSY_TIMEOUT_MS = 30_000
# With checkpoints written by a task of their own (workshop/checkpoints.py), a commit checkpoints
# only if the log has grown this far (40 MB) anyway; SQLite's own limit is 1,000 pages.
SQLITE_FALLBACK_CHECKPOINT_PAGES = 10_000


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        configure_sqlite(engine)


def leave_checkpoints_to_a_task(engine: Engine) -> None:
    """From now on the engine's connections checkpoint only past the fallback size: a task of
    the serving process checkpoints the log (workshop/checkpoints.py)."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA wal_autocheckpoint={SQLITE_FALLBACK_CHECKPOINT_PAGES}")

    engine.dispose()  # the pool's connections were opened before: new ones take the setting


def configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when transactions begin (see on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        # BEGIN IMMEDIATE takes the write lock up front: concurrent writers queue on the busy
        # timeout instead of failing when a read transaction later tries to write.
        # On the driver's connection: through exec_driver_sql, SQLAlchemy's execution machinery
        # cost more than the statement, at every transaction.
        connection.connection.driver_connection.execute("BEGIN IMMEDIATE")
