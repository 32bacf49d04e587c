"""The facts a notice is made of, as plain data independent of the database models."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta


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
    attachments: tuple[Attachment, ...] = ()
    join_url: str = ""  # the workshop's join link, for an item discussed in groups
    join_code: str = ""


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

    @property
    def starts_at(self) -> datetime | None:
        if self.date is None or self.start is None:
            return None
        return datetime.combine(self.date, self.start)

    @property
    def ends_at(self) -> datetime | None:
        """The end time, else the start plus the agenda's durations, else None."""
        if self.date is None:
            return None
        if self.end is not None:
            return datetime.combine(self.date, self.end)
        times = item_times(self)
        last = times[-1] if times else None
        return last[1] if last and last[1] else None


def item_times(facts: MeetingFacts) -> list[tuple[datetime | None, datetime | None]]:
    """Each item's start and end, from the meeting's start and the durations before it.

    After an item without a duration the clock is unknown, so later items get no times.
    """
    moment = facts.starts_at
    times: list[tuple[datetime | None, datetime | None]] = []
    for item in facts.items:
        if moment is None or item.duration_minutes is None:
            times.append((moment, None))
            moment = None
            continue
        end = moment + timedelta(minutes=item.duration_minutes)
        times.append((moment, end))
        moment = end
    return times
