"""Prebuilt statements run on the database driver's own cursor, compiled by SQLAlchemy once.

The note batch (services/note_batch.py) runs a handful of small statements for every note. Run
through Connection.execute, each cost several times more in SQLAlchemy's Python (cache key,
parameters, execution context, result object) than in the database. A Prepared statement is
compiled once per dialect to its SQL text and its parameters' order, and run on the cursor of the
connection it is given — the session's, or the note batch's kept one (services/kept_connections.py)
— inside that connection's transaction, with the same bind and result
processing SQLAlchemy would apply (how a date or a JSON value is stored on SQLite). What it
skips is SQLAlchemy's per-execution machinery: its events (`before_cursor_execute`) do not see
these statements, and a driver error arrives as the driver's exception, not wrapped.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.orm import Mapper, Session, make_transient_to_detached
from sqlalchemy.sql.expression import Executable

Model = TypeVar("Model")


@dataclass(frozen=True)
class Compiled:
    """A statement in one dialect's words, and what to do with its parameters and rows."""

    sql: str
    # The driver's parameters from the values by name: a tuple in the statement's order, or
    # (a driver that takes names) the values themselves.
    arguments: Callable[[dict[str, Any]], Any]
    fixed: dict[str, Any]  # the values written in the statement itself, as stored
    binds: tuple[tuple[str, Callable[[Any], Any]], ...]  # how a parameter is stored
    row: Callable[..., Any] | None  # builds a row whose columns are attributes
    results: tuple[Callable[[Any], Any] | None, ...]  # how each column is read back
    read_as_is: bool  # no column needs reading back: a row is made straight from the driver's


class Prepared:
    """One statement, compiled at its first use with each dialect."""

    def __init__(self, statement: Executable):
        self.statement = statement
        self.by_dialect: dict[str, Compiled] = {}

    def rows(self, connection: Connection, parameters: Mapping[str, Any]) -> list[Any]:
        """Run it in the connection's transaction; its rows (none for a statement without)."""
        compiled = self.compiled_for(connection.dialect)
        values = {**compiled.fixed, **parameters}
        for name, process in compiled.binds:
            values[name] = process(values[name])
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(compiled.sql, compiled.arguments(values))
            fetched = cursor.fetchall() if compiled.row is not None else []
        finally:
            cursor.close()
        if compiled.read_as_is:
            return list(map(compiled.row._make, fetched))  # type: ignore[union-attr]
        return [read_row(compiled, row) for row in fetched]

    def first(self, connection: Connection, parameters: Mapping[str, Any]) -> Any:
        found = self.rows(connection, parameters)
        return found[0] if found else None

    def run(self, connection: Connection, parameters: Mapping[str, Any]) -> None:
        self.rows(connection, parameters)

    def compiled_for(self, dialect: Dialect) -> Compiled:
        compiled = self.by_dialect.get(dialect.name)
        if compiled is None:
            compiled = self.by_dialect[dialect.name] = compile_for(self.statement, dialect)
        return compiled


def compile_for(statement: Executable, dialect: Dialect) -> Compiled:
    compiled = statement.compile(dialect=dialect)  # type: ignore[attr-defined]
    generated = generated_values(compiled)
    binds: list[tuple[str, Callable[[Any], Any]]] = []
    fixed: dict[str, Any] = {}
    for bind, name in compiled.bind_names.items():
        if bind.expanding:  # IN (…) of a list is rendered per execution: not for this path
            raise ValueError(f"{name}: a Prepared statement cannot expand a list")
        process = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if name in generated:  # made at each run: a place here, its value in `binds`
            fixed[name] = None
            binds.append((name, with_default(generated[name], process)))
        elif not bind.required:  # a value written in the statement ("raw", "running", …)
            value = bind.effective_value
            fixed[name] = value if process is None else process(value)
        elif process is not None:
            binds.append((name, process))
    # The columns a SELECT or a RETURNING gives back (none for other statements).
    columns = list(getattr(statement, "exported_columns", []))
    names = [column.key or f"column_{index}" for index, column in enumerate(columns)]
    results = tuple(
        column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns
    )
    row = namedtuple("Row", names, rename=True) if columns else None  # type: ignore[misc]
    return Compiled(
        sql=compiled.string,
        arguments=in_order(compiled.positiontup) if compiled.positional else by_name,
        fixed=fixed,
        binds=tuple(binds),
        row=row,
        results=results,
        read_as_is=row is not None and not any(results),
    )


def by_name(values: dict[str, Any]) -> dict[str, Any]:
    """The values as they are: the driver takes them by name."""
    return values


def in_order(names: list[str]) -> Callable[[dict[str, Any]], tuple]:
    """The values of these parameters as a tuple in this order (at C speed: a statement's
    dozen columns were a generator's dozen steps, at every run)."""
    if len(names) == 1:  # itemgetter of one name gives the value, not a tuple of it
        name = names[0]
        return lambda values: (values[name],)
    return itemgetter(*names) if names else lambda _values: ()


def generated_values(compiled) -> dict[str, Callable[[], Any]]:
    """The columns whose Python-side default (INSERT) or onupdate (UPDATE) SQLAlchemy fills in
    at each execution — a workshop's updated_at, say — and how to make their value."""
    made = {}
    for columns, kind in (
        (compiled.insert_prefetch, "default"),
        (compiled.update_prefetch, "onupdate"),
    ):
        for column in columns:
            default = getattr(column, kind)
            made[column.key] = default.arg if default.is_scalar else partial(default.arg, None)
    return made


def with_default(make: Callable[[], Any] | Any, process: Callable[[Any], Any] | None):
    """A parameter that is always generated (the value given, if any, is not used)."""

    def generated(_given: Any) -> Any:
        value = make() if callable(make) else make
        return value if process is None else process(value)

    return generated


def read_row(compiled: Compiled, row: tuple) -> Any:
    assert compiled.row is not None
    values = (
        value if process is None else process(value)
        for process, value in zip(compiled.results, row, strict=True)
    )
    return compiled.row(*values)


def loaded(session: Session, model: type[Model], row: Any) -> Model:
    """The session's object for a row of all of `model`'s columns read by a Prepared SELECT:
    the one it already holds, or one made from the row as if the ORM had loaded it (without
    the ORM's per-query work, which cost more than the query in a join burst)."""
    mapper, primary_key, fields = row_shape(model)
    key = mapper.identity_key_from_primary_key(
        tuple(getattr(row, column) for column in primary_key)
    )
    held = session.identity_map.get(key)
    if held is not None:
        return held
    values = {attribute: getattr(row, column) for attribute, column in fields}
    return held_as_loaded(session, model, values)


RowShape = tuple[Mapper, tuple[str, ...], tuple[tuple[str, str], ...]]
ROW_SHAPES: dict[type, RowShape] = {}


def row_shape(model: type) -> RowShape:
    """A model's mapper, its primary key's columns, and each column attribute with its column
    (looked up once per model: a join asked the mapper for them on every row)."""
    shape = ROW_SHAPES.get(model)
    if shape is None:
        mapper: Mapper = inspect(model)
        primary_key = tuple(str(column.key) for column in mapper.primary_key)
        fields = tuple((field.key, str(field.columns[0].key)) for field in mapper.column_attrs)
        shape = ROW_SHAPES[model] = (mapper, primary_key, fields)
    return shape


def held_as_loaded(session: Session, model: type[Model], values: dict[str, Any]) -> Model:
    """An object of `model` with these column values, held by the session as if the ORM had
    loaded it: nothing to flush, every column given counted as committed, any other expired.

    The values go straight into the object's dictionary, as the ORM's own loading does: through
    the constructor each one fired an attribute event and recorded history that
    `make_transient_to_detached` then threw away (a sixth of a join's server time)."""
    made = made_as_loaded(model, values)
    make_transient_to_detached(made)
    session.add(made)
    return made


def made_as_loaded(model: type[Model], values: dict[str, Any]) -> Model:
    """An object of `model` with these column values, put straight into its dictionary as the
    ORM's own loading does: for a row a Prepared statement writes, whose object is never
    flushed (its constructor fired an attribute event per value and recorded history nobody
    reads: 23 µs against 3, for the note batch's change of every note)."""
    made = row_shape(model)[0].class_manager.new_instance()  # the mapper, looked up once
    made.__dict__.update(values)
    return made
