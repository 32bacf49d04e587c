"""Read a meeting from the database into the plain facts its notice is made of."""

from collections.abc import Callable

from flask_babel import get_timezone

from workshop.models import AgendaItem, Meeting, Workshop
from workshop.notice.agenda import Attachment, Item, MeetingFacts

# Gives the join link of an item's workshop (the web layer knows the site's address).
JoinLink = Callable[[Workshop], str]


def meeting_facts(meeting: Meeting, join_link: JoinLink) -> MeetingFacts:
    """The meeting's header and agenda, in the series' language (a lone meeting's own)."""
    series = meeting.series
    return MeetingFacts(
        meeting_id=meeting.id,
        language=series.language if series is not None else meeting.language,
        title=meeting.title,
        date=meeting.date,
        series_name=series.name if series is not None else "",
        start=meeting.start_time,
        end=meeting.end_time,
        place=meeting.place,
        online_url=meeting.online_link,
        items=tuple(_item(item, join_link) for item in meeting.items),
        # The meeting's times are wall-clock times in the site's zone (TIMEZONE).
        timezone=str(get_timezone()),
    )


def _item(item: AgendaItem, join_link: JoinLink) -> Item:
    workshop = item.workshop
    return Item(
        title=item.title,
        presenter=item.presenter,
        duration_minutes=item.duration_minutes,
        description=item.description,
        attachments=tuple(Attachment(a.title, a.url) for a in item.attachments),
        join_url=join_link(workshop) if workshop is not None else "",
        join_code=workshop.join_code if workshop is not None else "",
    )
