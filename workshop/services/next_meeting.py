"""Plan the next meeting from the last: the series' rhythm proposes the date; standing items,
deferred topics and "follow up" items come along; item workshops are reused if asked."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l

from workshop.extensions import db
from workshop.formats import local_date
from workshop.i18n import force_language
from workshop.models import AgendaItem, Conflict, Facilitator, Meeting
from workshop.models.base import as_utc
from workshop.models.meeting import MEETING_TITLE_MAX
from workshop.models.series import RHYTHM_WEEKS_MAX
from workshop.services import clock
from workshop.services.agenda import get_item, insert_item, share_with_coordinators
from workshop.services.field_rules import Rule, clean_value
from workshop.services.meetings import create_meeting
from workshop.services.topics import carry_over_topics
from workshop.services.workshops import duplicate_workshop

DATE_RULE = Rule(kind="date")
# Copied from a follow-up item to its successor (not the workshop: reused only when asked).
FOLLOW_UP_FIELDS = ("title", "presenter", "duration_minutes", "description", "purpose")


def propose_next_date(meeting: Meeting) -> date:
    """The last meeting's date plus the series' rhythm (same weekday), not before today."""
    weeks = meeting.series.rhythm_weeks if meeting.series is not None else RHYTHM_WEEKS_MAX
    today = clock.now().date()
    start = meeting.date or today
    proposed = start + timedelta(weeks=weeks)
    while proposed < today:
        proposed += timedelta(weeks=weeks)
    return proposed


def next_meeting_title(meeting: Meeting, meeting_date: date) -> str:
    """The series' name and the date, in the series' language; a lone meeting keeps its title."""
    if meeting.series is None:
        return meeting.title
    with force_language(meeting.language or "en"):
        title = _l(
            "%(series)s, %(date)s",
            series=meeting.series.name,
            date=local_date(meeting_date, "long"),
        )
        return str(title)[:MEETING_TITLE_MAX]


def next_deadline(meeting: Meeting, meeting_date: date) -> datetime | None:
    """The topics' deadline as long before the next meeting as it was before this one."""
    if meeting.submission_deadline is None or meeting.date is None:
        return None
    lead = datetime.combine(meeting.date, time(), UTC) - as_utc(meeting.submission_deadline)
    return datetime.combine(meeting_date, time(), UTC) - lead


def plan_next_meeting(
    meeting: Meeting,
    acting: Facilitator,
    meeting_date: date | None = None,
    reuse_workshop_item_ids: list[int] | tuple[int, ...] = (),
) -> Meeting:
    """The next meeting of the series, planned from this one."""
    if meeting.series is None:
        raise Conflict(
            "meeting_not_in_series",
            _l("Only a meeting of a network group has a next meeting to plan."),
        )
    meeting_date = clean_value("date", meeting_date, DATE_RULE) or propose_next_date(meeting)
    reused = [get_item(meeting, item_id) for item_id in reuse_workshop_item_ids]
    fields = {
        "title": next_meeting_title(meeting, meeting_date),
        "date": meeting_date,
        "submission_deadline": next_deadline(meeting, meeting_date),
    }
    following = create_meeting(acting, fields, series=meeting.series)
    following.previous_meeting_id = meeting.id
    copy_follow_up_items(meeting, following, {item.id for item in reused}, acting)
    carry_over_topics(meeting, following)
    db.session.commit()
    return following


def copy_follow_up_items(
    meeting: Meeting, following: Meeting, reuse_ids: set[int], acting: Facilitator
) -> None:
    """Items marked "follow up" and items whose workshop is reused come to the next agenda."""
    for item in meeting.items:
        if item.standing or not (item.follow_up or item.id in reuse_ids):
            continue
        copy = AgendaItem(**{name: getattr(item, name) for name in FOLLOW_UP_FIELDS})
        copy.follow_up = item.follow_up
        if item.id in reuse_ids and item.workshop is not None:
            workshop = duplicate_workshop(item.workshop, acting, following.date)
            share_with_coordinators(workshop, following, acting)
            copy.workshop_id = workshop.id
        insert_item(following, copy)
