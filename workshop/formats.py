"""Dates, times and numbers as the reader's language writes them, in the configured time zone.

English is written the British way (the en_GB locale, workshop/i18n.py): 11 Mar 2027, 09:00."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from babel.dates import get_datetime_format
from flask_babel import (
    format_date,
    format_number,
    format_percent,
    format_time,
    get_locale,
    get_timezone,
)
from flask_babel.speaklater import LazyString


def site_zone() -> ZoneInfo:
    """The configured zone (Flask-Babel hands out pytz zones, whose replace() is wrong)."""
    return ZoneInfo(str(get_timezone()))


def local_number(value: int | float) -> str:
    """100000 as the reader writes it: 100,000 in English, 100.000 in Danish, 100 000 in Bokmål."""
    return format_number(value)


def local_percent(share: float) -> str:
    """0.4 as a whole percent the way the reader writes it: 40%, 40 %, 40 %."""
    return format_percent(share)


def lazy_number(value: int | float) -> LazyString:
    """A number for a lazily translated message, formatted in the language it is shown in."""
    return LazyString(local_number, value)


def local_date(value: date | None, style: str = "medium") -> str:
    """A date in the reader's language (medium: 30. nov. 2026, 30 Nov 2026; long:
    30. november 2026, 30 November 2026)."""
    return format_date(value, style) if value else ""


def local_time(value: time | None) -> str:
    """A wall-clock time of day as the reader's language writes it (09.30 in Danish, 09:30 in
    Bokmål and English); a meeting's times are already in the site's zone, so not converted."""
    return format_time(value, "short", rebase=False) if value else ""


def local_datetime(value: datetime | None) -> str:
    """A moment to the minute in the configured time zone: 30. nov. 2026 10.15, 30 Nov 2026, 10:15.

    The date as on every other page (medium) and the time without seconds (short), joined as
    the language joins them.
    """
    if value is None:
        return ""
    pattern = str(get_datetime_format("medium", locale=get_locale()))
    return (
        pattern.replace("'", "")
        .replace("{0}", format_time(value, "short"))
        .replace("{1}", format_date(value, "medium"))
    )
