"""The meeting as an iCalendar event (.ics): a stable UID, and a SEQUENCE that grows with each
re-sent notice so a calendar replaces the event it already has instead of adding a second."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from workshop.notice.agenda import MeetingFacts
from workshop.notice.email import agenda_lines

MEDIA_TYPE = "text/calendar"
PRODUCT_ID = "-//Workshop//Network meetings//EN"


def meeting_event(facts: MeetingFacts, notice: dict, uid: str, sequence: int, now: datetime):
    """The calendar (one VEVENT and its time zone) for the meeting, as bytes."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(_event(facts, notice, uid, sequence, now))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(facts: MeetingFacts, notice: dict, uid: str, sequence: int, now: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", now)
    summary = f"{facts.series_name}: {facts.title}" if facts.series_name else facts.title
    event.add("summary", summary)
    start, end = _start_and_end(facts)
    event.add("dtstart", start)
    event.add("dtend", end)
    location = facts.place or facts.online_url
    if location:
        event.add("location", location)
    if facts.online_url:
        event.add("url", facts.online_url)
    event.add("description", "\n".join(agenda_lines(notice)))
    event.add("status", "CONFIRMED")
    return event


def _start_and_end(facts: MeetingFacts):
    """Aware start and end in the meeting's zone; a whole day when it has no start time."""
    assert facts.date is not None  # the service refuses an event for a meeting without a date
    starts_at, ends_at = facts.starts_at, facts.ends_at
    if starts_at is None:
        return facts.date, facts.date + timedelta(days=1)
    zone = ZoneInfo(facts.timezone)
    # Without a known end, an hour is what calendars assume for a meeting.
    ends_at = ends_at if ends_at and ends_at > starts_at else starts_at + timedelta(hours=1)
    return starts_at.replace(tzinfo=zone), ends_at.replace(tzinfo=zone)
