"""The facts a notice is made of, as plain data independent of the database models."""

from dataclasses import dataclass, field
from datetime import date, datetime, time


@dataclass(frozen=True)
class Attachment:
    title: str
    url: str = ""


@dataclass(frozen=True)
class Item:
    title: str
    presenter: str = ""
    duration_minutes: int | None = None
    description: str = ""
    purpose: str = ""  # what the item asks of the meeting: decision, discussion, information
    attachments: tuple[Attachment, ...] = ()
    join_url: str = ""  # the workshop's join link, for an item discussed in groups
    join_code: str = ""
    # From the meeting's start through the durations before it (None where unknown).
    starts_at: time | None = None
    ends_at: time | None = None


@dataclass(frozen=True)
class MeetingFacts:
    """What the notice says about one meeting, in the series' language."""

    meeting_id: int
    language: str
    title: str
    date: date | None
    series_name: str = ""
    start: time | None = None
    end: time | None = None
    place: str = ""
    online_url: str = ""
    items: tuple[Item, ...] = field(default_factory=tuple)
    timezone: str = "UTC"  # the zone the date and times are wall-clock times in
    # The calendar event's stable UID, and its SEQUENCE: raised on every re-sent notice.
    calendar_uid: str = ""
    sequence: int = 0

    @property
    def end_time(self) -> time | None:
        """The end time, else where the agenda's durations end, else None."""
        if self.end is not None:
            return self.end
        return self.items[-1].ends_at if self.items else None

    @property
    def starts_at(self) -> datetime | None:
        if self.date is None or self.start is None:
            return None
        return datetime.combine(self.date, self.start)

    @property
    def ends_at(self) -> datetime | None:
        end = self.end_time
        return datetime.combine(self.date, end) if self.date and end else None
