"""Field rules for the meeting services: each field's kind and limit, checked for every caller.

The forms check the same for pages and the API; these rules guard every other caller (the CLI,
other services) and give one translated error per field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from flask_babel import lazy_gettext as _l

from workshop.formats import lazy_number
from workshop.models import DomainError
from workshop.models.base import trimmed, unix_breaks

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LINK_PATTERN = re.compile(r"^https?://\S+$", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """What one field may hold. `kind`: text, email, link, choice, date, time, moment, int, flag."""

    kind: str = "text"
    max: int = 200
    required: bool = False
    choices: tuple[str, ...] = ()
    min: int = 0


def invalid_field(name: str, message) -> DomainError:
    return DomainError("invalid_input", message, field=name)


def clean_fields(fields: dict, rules: dict[str, Rule]) -> dict:
    """The given fields, checked and normalised; a field not in the rules is refused."""
    cleaned = {}
    for name, value in fields.items():
        if name not in rules:
            raise invalid_field(name, _l("This field cannot be changed here."))
        cleaned[name] = clean_value(name, value, rules[name])
    return cleaned


def require_fields(cleaned: dict, rules: dict[str, Rule]) -> None:
    """Refuse a new record that lacks a required field."""
    for name, rule in rules.items():
        if rule.required and name not in cleaned:
            raise invalid_field(name, _l("This field is required."))


def clean_value(name: str, value, rule: Rule):
    cleaner = CLEANERS[rule.kind]
    return cleaner(name, value, rule)


def clean_text(name: str, value, rule: Rule) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise invalid_field(name, _l("Enter text."))
    # A browser sends a text box's line breaks as \r\n: one break each, as the browser counts
    # them toward maxlength (and Word would show \r\n as two breaks).
    value = trimmed(unix_breaks(value))
    if rule.required and not value:
        raise invalid_field(name, _l("This field is required."))
    if len(value) > rule.max:
        raise invalid_field(name, _l("At most %(max)s characters.", max=lazy_number(rule.max)))
    return value


def clean_email(name: str, value, rule: Rule) -> str:
    value = clean_text(name, value, rule)
    if value and not EMAIL_PATTERN.match(value):
        raise invalid_field(name, _l("Enter a valid email address, like name@example.org."))
    return value


def clean_link(name: str, value, rule: Rule) -> str:
    value = clean_text(name, value, rule)
    if value and not LINK_PATTERN.match(value):
        raise invalid_field(name, _l("Enter a web address starting with https:// or http://."))
    return value


def clean_choice(name: str, value, rule: Rule) -> str:
    if value not in rule.choices:
        raise invalid_field(name, _l("Not one of the choices."))
    return value


def clean_date(name: str, value, rule: Rule) -> date | None:
    if value is None and not rule.required:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise invalid_field(name, _l("Enter a date as YYYY-MM-DD."))
    return value


def clean_time(name: str, value, rule: Rule) -> time | None:
    if value is None and not rule.required:
        return None
    if not isinstance(value, time):
        raise invalid_field(name, _l("Enter a time as HH:MM."))
    return value.replace(second=0, microsecond=0, tzinfo=None)


def clean_moment(name: str, value, rule: Rule) -> datetime | None:
    """A moment in time (stored in UTC); a time without a zone is refused, not guessed."""
    if value is None and not rule.required:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise invalid_field(name, _l("Enter a date and time with its time zone."))
    return value.astimezone(UTC)  # stored as every other moment is: in UTC


def clean_int(name: str, value, rule: Rule) -> int | None:
    if value is None and not rule.required:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid_field(name, _l("Enter a whole number."))
    if not rule.min <= value <= rule.max:
        raise invalid_field(
            name,
            _l(
                "Enter a number from %(min)s to %(max)s.",
                min=lazy_number(rule.min),
                max=lazy_number(rule.max),
            ),
        )
    return value


def clean_flag(name: str, value, rule: Rule) -> bool:
    if not isinstance(value, bool):
        raise invalid_field(name, _l("Enter true or false."))
    return value


CLEANERS = {
    "text": clean_text,
    "email": clean_email,
    "link": clean_link,
    "choice": clean_choice,
    "date": clean_date,
    "time": clean_time,
    "moment": clean_moment,
    "int": clean_int,
    "flag": clean_flag,
}
