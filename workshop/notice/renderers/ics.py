"""The meeting as an iCalendar event (.ics): a stable UID, and a SEQUENCE that grows with each
re-sent notice so a calendar replaces the event it already has instead of adding a second."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from icalendar import Calendar, Event

from workshop.models import DomainError
from workshop.notice.email import agenda_lines
from workshop.notice.renderers import register

PRODUCT_ID = "-//Workshop//Network meetings//EN"


@register("ics", label=_l("Calendar (.ics)"), extension="ics", media_type="text/calendar", rank=40)
def render_ics(notice: dict) -> bytes:
    """The calendar (one VEVENT and the definition of its time zone)."""
    if notice["calendar"] is None:
        raise DomainError(
            "meeting_without_date",
            _l("The meeting has no date yet, so it cannot be put in a calendar."),
        )
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(_event(notice))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(notice: dict) -> Event:
    facts = notice["calendar"]
    event = Event()
    event.add("uid", facts["uid"])
    event.add("sequence", facts["sequence"])
    event.add("dtstamp", datetime.fromisoformat(notice["generated_at"]))
    event.add("summary", facts["summary"])
    event.add("dtstart", _moment(facts["start"], facts["timezone"]))
    event.add("dtend", _moment(facts["end"], facts["timezone"]))
    if facts["location"]:
        event.add("location", facts["location"])
    if facts["url"]:
        event.add("url", facts["url"])
    event.add("description", "\n".join(agenda_lines(notice)))
    event.add("status", "CONFIRMED")
    return event


def _moment(text: str, timezone: str) -> date | datetime:
    """A date for a whole-day event; otherwise the time in its named zone (for its VTIMEZONE)."""
    if "T" not in text:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(timezone))
