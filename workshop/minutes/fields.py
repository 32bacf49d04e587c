"""The minutes' editable fields: what each accepts, how it is stored and how it is read back.

A rule turns a client's JSON value into the stored value (raising a translated DomainError),
and the stored value back into JSON, so the API, the page and the document agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from flask_babel import lazy_gettext as _l

from workshop.annex.text import clean_line
from workshop.formats import lazy_number
from workshop.models import DomainError
from workshop.models.base import unix_breaks
from workshop.models.minutes import (
    ATTACHMENTS_MAX,
    COMING_NOTE_MAX,
    HEADER_TEXT_MAX,
    ITEM_TEXT_MAX,
    ITEM_TITLE_MAX,
    MAX_COMING_MEETINGS,
    MINUTES_WORD_MAX,
)

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class FieldRule:
    parse: Callable[[Any], Any]  # JSON value → stored value
    dump: Callable[[Any], Any]  # stored value → JSON value
    # Header fields: null means "take the meeting's value".
    inheritable: bool = False


def too_long(limit: int) -> DomainError:
    return DomainError(
        "minutes_field_too_long",
        _l("At most %(max)s characters.", max=lazy_number(limit)),
        limit=limit,
    )


def wrong_kind() -> DomainError:
    return DomainError("invalid_input", _l("This value has the wrong type for this field."))


def as_text(value, limit: int, multiline: bool) -> str:
    if not isinstance(value, str):
        raise wrong_kind()
    cleaned = clean_lines(value) if multiline else clean_line(" ".join(value.split("\n")))
    if len(cleaned) > limit:
        raise too_long(limit)
    return cleaned


def clean_lines(text: str) -> str:
    """Multi-line text cleaned like clean_text, but each line keeps its indentation: an
    indented "- " line is a sub-point."""
    lines = unix_breaks(text).split("\n")
    return "\n".join(indentation(line) + clean_line(line) for line in lines).strip("\n")


def indentation(line: str) -> str:
    cleaned = clean_line(line)
    indent = line[: len(line) - len(line.lstrip())] if cleaned else ""
    return indent.replace("\t", "  ")


def line_rule(limit: int) -> FieldRule:
    return FieldRule(lambda value: as_text(value, limit, False), lambda stored: stored)


def text_rule(limit: int) -> FieldRule:
    return FieldRule(lambda value: as_text(value, limit, True), lambda stored: stored)


def inheritable(rule: FieldRule) -> FieldRule:
    """The same rule, where null stores None: the meeting's value again."""
    return FieldRule(
        lambda value: None if value is None else rule.parse(value),
        lambda stored: None if stored is None else rule.dump(stored),
        inheritable=True,
    )


def required_title(value) -> str:
    title = as_text(value, ITEM_TITLE_MAX, False)
    if not title:
        raise DomainError("minutes_title_empty", _l("An item needs a title."))
    return title


def parse_date(value) -> date:
    if not isinstance(value, str):
        raise wrong_kind()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise DomainError(
            "minutes_bad_date", _l("Write the date as YYYY-MM-DD, e.g. 2027-03-04.")
        ) from None


def parse_time(value) -> time:
    if not isinstance(value, str) or not _TIME.match(value.strip()):
        raise DomainError("minutes_bad_time", _l("Write the time as HH:MM, e.g. 13:00."))
    hours, minutes = value.strip().split(":")
    return time(int(hours), int(minutes))


def dump_time(stored: time) -> str:
    return stored.strftime("%H:%M")


def optional_time(value) -> str:
    """A coming meeting's time: "" for none, else HH:MM as typed."""
    if value in (None, ""):
        return ""
    return dump_time(parse_time(value))


def parse_coming_meetings(value) -> list[dict]:
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise wrong_kind()
    if len(value) > MAX_COMING_MEETINGS:
        raise DomainError(
            "minutes_too_many_coming",
            _l("At most %(max)s coming meetings.", max=lazy_number(MAX_COMING_MEETINGS)),
        )
    return [parse_coming_meeting(entry) for entry in value]


def parse_coming_meeting(entry: dict) -> dict:
    return {
        "date": parse_date(entry.get("date")).isoformat(),
        "start": optional_time(entry.get("start")),
        "end": optional_time(entry.get("end")),
        "note": as_text(entry.get("note") or "", COMING_NOTE_MAX, False),
    }


def parse_bool(value) -> bool:
    if not isinstance(value, bool):
        raise wrong_kind()
    return value


def same(stored):
    return stored


HEADER_RULES: dict[str, FieldRule] = {
    "document_number": inheritable(line_rule(HEADER_TEXT_MAX)),
    "reference": inheritable(line_rule(HEADER_TEXT_MAX)),
    "theme": inheritable(line_rule(HEADER_TEXT_MAX)),
    "minutes_word": inheritable(line_rule(MINUTES_WORD_MAX)),
    "title": inheritable(line_rule(HEADER_TEXT_MAX)),
    "date": inheritable(FieldRule(parse_date, lambda stored: stored.isoformat())),
    "start_time": inheritable(FieldRule(parse_time, dump_time)),
    "end_time": inheritable(FieldRule(parse_time, dump_time)),
    "place": inheritable(line_rule(HEADER_TEXT_MAX)),
    "coming_meetings": inheritable(FieldRule(parse_coming_meetings, same)),
}
ITEM_RULES: dict[str, FieldRule] = {
    "title": FieldRule(required_title, same),
    "attachments": text_rule(ATTACHMENTS_MAX),
    "background": text_rule(ITEM_TEXT_MAX),
    "discussion": text_rule(ITEM_TEXT_MAX),
    "decision": text_rule(ITEM_TEXT_MAX),
    "coming_meetings_here": FieldRule(parse_bool, same),
}


def rule_for(field: str, of_item: bool) -> FieldRule:
    rules = ITEM_RULES if of_item else HEADER_RULES
    if field not in rules:
        raise DomainError(
            "invalid_input",
            _l("Choose one of: %(choices)s.", choices=", ".join(rules)),
            field="field",
        )
    return rules[field]
