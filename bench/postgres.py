"""PostgreSQL databases made for a run: the topology bench's, and one per test-suite worker."""

import psycopg
from psycopg import sql


def create_database(url: str, *, afresh: bool = True) -> None:
    """Create the database a URL names on its server; afresh: drop it first (every run then
    starts empty), else one that exists is kept as it is."""
    info = psycopg.conninfo.conninfo_to_dict(url.replace("postgresql+psycopg://", "postgresql://"))
    name = info.pop("dbname")
    with psycopg.connect(**{**info, "dbname": "postgres"}, autocommit=True) as connection:
        database = sql.Identifier(name)
        if afresh:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(database))
        elif connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            return
        connection.execute(sql.SQL("CREATE DATABASE {}").format(database))


def database_beside(url: str, suffix: str) -> str:
    """The URL of a database on the same server named as the URL's own plus a suffix."""
    address, mark, query = url.partition("?")
    return f"{address}{suffix}{mark}{query}"
