"""Shared column helpers for the models, and the rule that stored text has no control characters."""

import re
from datetime import UTC, datetime
from itertools import chain

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

# C0 controls but tab, line feed and carriage return, and DEL: invisible, invalid in XML exports,
# and PostgreSQL refuses NUL outright. And the bidirectional embeddings, overrides and isolates
# (U+202A–U+202E, U+2066–U+2069): left unpaired, one turns the rest of a line around wherever the
# text is shown ("Group \u202eevil" reads "Group live"); right-to-left text needs none of them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
# Whitespace and what shows nothing (zero-width spaces and joiners, direction marks, the word
# joiner and invisible operators, the byte-order mark) at either end: a text of only these is
# empty to a reader, and is refused as such.
_BLANK = r"[\s\u200b-\u200f\u2060-\u2064\ufeff]+"
BLANK_EDGES = re.compile(rf"^{_BLANK}|{_BLANK}$")
# What a whole-number column (ids, seq, revisions, positions) holds on every database we run on:
# PostgreSQL's INTEGER is 32 bits ("integer out of range" beyond, even in a comparison), SQLite's
# driver raises OverflowError past 64. Input outside is refused before any query sees it.
INTEGER_MIN = -(2**31)
INTEGER_MAX = 2**31 - 1


def utcnow() -> datetime:
    """The current time in UTC, timezone-aware."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A stored time as UTC: SQLite and PostgreSQL's plain timestamps come back without a zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def without_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


def unix_breaks(text: str) -> str:
    """Each line break as one \\n: browsers send a text box's breaks as \\r\\n (and count one
    character each toward maxlength); Word would show \\r\\n as two breaks."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def trimmed(text: str) -> str:
    """Text as it is kept: no control characters, nothing blank or invisible at its ends."""
    return BLANK_EDGES.sub("", CONTROL_CHARACTERS.sub("", text))


@event.listens_for(Session, "before_flush")
def drop_control_characters(session: Session, _flush_context, _instances) -> None:
    """Whatever path text took (form, API, CLI, import), it is stored without control characters."""
    for instance in chain(session.new, session.dirty):
        state = inspect(instance)
        for attribute in state.mapper.column_attrs:
            value = state.dict.get(attribute.key)  # loaded values only: never trigger a load
            if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
                setattr(instance, attribute.key, without_control_characters(value))
