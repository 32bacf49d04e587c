"""Read a meeting from the database into the plain facts its notice is made of."""

from collections.abc import Callable

from flask_babel import get_timezone

from workshop.models import Meeting, Workshop
from workshop.notice.agenda import Attachment, Item, MeetingFacts
from workshop.services.agenda import ScheduledItem, agenda_schedule

# Gives the join link of an item's workshop (the web layer knows the site's address).
JoinLink = Callable[[Workshop], str]


def meeting_facts(meeting: Meeting, join_link: JoinLink, sequence: int = 0) -> MeetingFacts:
    """The meeting's header and agenda, in the meeting's language (its series' unless changed
    for this meeting, as its minutes); the calendar event at `sequence`."""
    series = meeting.series
    return MeetingFacts(
        meeting_id=meeting.id,
        language=meeting.language,
        title=meeting.title,
        date=meeting.date,
        series_name=series.name if series is not None else "",
        start=meeting.start_time,
        end=meeting.end_time,
        place=meeting.place,
        online_url=meeting.online_link,
        items=tuple(_item(scheduled, join_link) for scheduled in agenda_schedule(meeting)),
        # The meeting's times are wall-clock times in the site's zone (TIMEZONE).
        timezone=str(get_timezone()),
        calendar_uid=meeting.calendar_uid,
        sequence=sequence,
    )


def _item(scheduled: ScheduledItem, join_link: JoinLink) -> Item:
    item, workshop = scheduled.item, scheduled.item.workshop
    return Item(
        title=item.title,
        presenter=item.presenter,
        duration_minutes=item.duration_minutes,
        description=item.description,
        purpose=item.purpose,
        attachments=tuple(Attachment(a.title, a.url) for a in item.attachments),
        join_url=join_link(workshop) if workshop is not None else "",
        join_code=workshop.join_code if workshop is not None else "",
        starts_at=scheduled.starts_at,
        ends_at=scheduled.ends_at,
    )
