"""Shared column helpers for the models, and the rule that stored text has no control characters."""

import re
from datetime import UTC, datetime
from itertools import chain

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

# C0 controls but tab, line feed and carriage return, and DEL: invisible, invalid in XML exports,
# and PostgreSQL refuses NUL outright.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The whole numbers every database we run on can store and compare (SQLite's INTEGER, PostgreSQL's
# bigint): the drivers raise OverflowError beyond them, so input outside is refused before.
INTEGER_MIN = -(2**63)
INTEGER_MAX = 2**63 - 1


def utcnow() -> datetime:
    """The current time in UTC, timezone-aware."""
    return datetime.now(UTC)


def without_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


@event.listens_for(Session, "before_flush")
def drop_control_characters(session: Session, _flush_context, _instances) -> None:
    """Whatever path text took (form, API, CLI, import), it is stored without control characters."""
    for instance in chain(session.new, session.dirty):
        state = inspect(instance)
        for attribute in state.mapper.column_attrs:
            value = state.dict.get(attribute.key)  # loaded values only: never trigger a load
            if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
                setattr(instance, attribute.key, without_control_characters(value))
