"""Meetings: create (in a series or alone), list, edit, hold, publish, delete; submission codes."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from workshop.extensions import db
from workshop.formats import site_zone
from workshop.models import (
    AgendaItem,
    Conflict,
    DomainError,
    Facilitator,
    Meeting,
    NotFound,
    RetiredSubmissionCode,
    Series,
    Topic,
)
from workshop.models.base import as_utc, utcnow
from workshop.models.meeting import MEETING_STATUSES, MEETING_TITLE_MAX, new_submission_code
from workshop.models.series import LINK_MAX, PLACE_MAX
from workshop.models.workshop import MEETING_LANGUAGES
from workshop.services import attempts
from workshop.services.field_rules import Rule, clean_fields, invalid_field, require_fields
from workshop.services.joining import (
    code_guess_limits,
    looks_like_a_code,
    normalise_join_code,
    refuse_if_limited,
    too_many_attempts,
)

SUBMISSION_BY_BROWSER = "submission:browser"
SUBMISSION_BY_ADDRESS = "submission:address"
SUBMISSION_LIMIT_KINDS = (SUBMISSION_BY_BROWSER, SUBMISSION_BY_ADDRESS)
CODE_TRIES = 20
MAX_MEETINGS_PER_SERIES = 500

MEETING_RULES = {
    "title": Rule(max=MEETING_TITLE_MAX, required=True),
    "language": Rule(kind="choice", choices=MEETING_LANGUAGES),
    "date": Rule(kind="date"),
    "start_time": Rule(kind="time"),
    "end_time": Rule(kind="time"),
    "place": Rule(max=PLACE_MAX),
    "online_link": Rule(kind="link", max=LINK_MAX),
    "submission_deadline": Rule(kind="moment"),
}


def meeting_not_found() -> NotFound:
    return NotFound("meeting_not_found", _l("There is no such meeting."))


def get_meeting_for(facilitator, meeting_id: int) -> Meeting:
    """The meeting if this facilitator runs it; otherwise 404, so nothing leaks."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or not meeting.can_be_run_by(facilitator):
        raise meeting_not_found()
    return meeting


def list_meetings(series: Series) -> list[Meeting]:
    """The series' meetings by date (undated ones last), past and planned."""
    statement = (
        select(Meeting)
        .where(Meeting.series_id == series.id)
        .order_by(Meeting.date.is_(None), Meeting.date, Meeting.start_time, Meeting.id)
    )
    return list(db.session.scalars(statement))


def list_standalone_meetings(facilitator: Facilitator) -> list[Meeting]:
    statement = (
        select(Meeting)
        .where(Meeting.series_id.is_(None), Meeting.owner_id == facilitator.id)
        .order_by(Meeting.date.is_(None), Meeting.date, Meeting.id)
    )
    return list(db.session.scalars(statement))


def create_meeting(creator: Facilitator, fields: dict, series: Series | None = None) -> Meeting:
    """A planned meeting; in a series it takes the series' defaults and its standing items."""
    cleaned = clean_fields(fields, MEETING_RULES)
    require_fields(cleaned, MEETING_RULES)
    meeting = Meeting(
        # A series' meetings belong to its owner: a coordinator's account going takes none along.
        owner_id=series.owner_id if series else creator.id,
        series_id=series.id if series else None,
        submission_code=unused_submission_code(),
        **{**series_defaults(series), **cleaned},
    )
    check_times(meeting)
    if series is not None:
        check_room_for_meetings(series)
        meeting.items = standing_agenda(series)
    db.session.add(meeting)
    db.session.commit()
    return meeting


def series_defaults(series: Series | None) -> dict:
    if series is None:
        return {}
    return {
        "language": series.language,
        "start_time": series.default_start_time,
        "end_time": series.default_end_time,
        "place": series.default_place,
        "online_link": series.default_online_link,
    }


def standing_agenda(series: Series) -> list[AgendaItem]:
    """The agenda a series' meeting starts with: its standing items, in order."""
    return [
        AgendaItem(
            position=position,
            title=standing.title,
            presenter=standing.presenter,
            duration_minutes=standing.duration_minutes,
            description=standing.description,
            standing=True,
            at_end=standing.at_end,
        )
        for position, standing in enumerate(
            sorted(series.standing_items, key=lambda item: (item.at_end, item.position))
        )
    ]


def check_room_for_meetings(series: Series) -> None:
    count = db.session.scalar(
        select(db.func.count(Meeting.id)).where(Meeting.series_id == series.id)
    )
    if (count or 0) >= MAX_MEETINGS_PER_SERIES:
        raise Conflict(
            "too_many_meetings",
            _l("A network group can have at most %(max)d meetings.", max=MAX_MEETINGS_PER_SERIES),
        )


def check_times(meeting: Meeting) -> None:
    if meeting.start_time and meeting.end_time and meeting.end_time <= meeting.start_time:
        raise invalid_field("end_time", _l("The meeting must end after it starts."))
    deadline = meeting.submission_deadline
    # The meeting's day is a day in the site's zone: so is the deadline's, to compare them.
    if deadline and meeting.date and site_day(deadline) > meeting.date:
        raise invalid_field(
            "submission_deadline",
            _l("The deadline for topics must be on or before the day of the meeting."),
        )


def site_day(moment: datetime) -> date:
    return as_utc(moment).astimezone(site_zone()).date()


def update_meeting(meeting: Meeting, fields: dict) -> Meeting:
    for name, value in clean_fields(fields, MEETING_RULES).items():
        setattr(meeting, name, value)
    check_times(meeting)
    db.session.commit()
    return meeting


def set_meeting_status(meeting: Meeting, status: str) -> Meeting:
    """Mark the meeting held, cancelled, or planned again."""
    if status not in MEETING_STATUSES:
        raise invalid_field("status", _l("Not one of the choices."))
    meeting.move_to(status)
    db.session.commit()
    return meeting


def publish_meeting(meeting: Meeting) -> Meeting:
    """Show the meeting on its series' members' page."""
    if meeting.series_id is None:
        raise Conflict(
            "meeting_not_in_series",
            _l("Only a meeting of a network group can be published to the group's members."),
        )
    if meeting.published_at is None:
        meeting.published_at = utcnow()
        db.session.commit()
    return meeting


def unpublish_meeting(meeting: Meeting) -> Meeting:
    meeting.published_at = None
    db.session.commit()
    return meeting


def delete_meeting(meeting: Meeting) -> None:
    """Delete a meeting no one has sent a topic to (topics never silently disappear)."""
    if db.session.scalar(select(Topic.id).where(Topic.meeting_id == meeting.id).limit(1)):
        raise Conflict(
            "meeting_has_topics",
            _l(
                "Topics have been sent in to this meeting, so it cannot be deleted. "
                "Cancel it instead, and defer its topics to the next meeting."
            ),
        )
    db.session.delete(meeting)
    db.session.commit()


# --- submission codes (the link and code representatives send topics in by) ---


def submission_code_taken(code: str) -> bool:
    """A meeting's code now, or one it had before renewing (that one answers "replaced")."""
    in_use = db.session.scalar(select(Meeting.id).where(Meeting.submission_code == code))
    return in_use is not None or submission_code_retired(code)


def unused_submission_code() -> str:
    for _attempt in range(CODE_TRIES):
        code = new_submission_code()
        if not submission_code_taken(code):
            return code
    raise Conflict("submission_code_exhausted", _l("No free submission code was found. Try again."))


def renew_submission_code(meeting: Meeting) -> Meeting:
    """A new code (and link) for the meeting: the old one stops working (and says so)."""
    db.session.add(RetiredSubmissionCode(code=meeting.submission_code, meeting_id=meeting.id))
    meeting.submission_code = unused_submission_code()
    db.session.commit()
    return meeting


def wrong_submission_code() -> NotFound:
    # One message for every wrong code, so guessing learns nothing about which codes exist.
    return NotFound(
        "submission_code_invalid",
        _l("This submission code is not valid. Check it and try again."),
    )


def submission_code_retired(code: str) -> bool:
    return db.session.get(RetiredSubmissionCode, code) is not None


def submission_code_replaced() -> DomainError:
    return DomainError(
        "submission_code_replaced",
        _l(
            "This submission code has been replaced by a new one. Ask the meeting's "
            "coordinator for the new link."
        ),
        status=410,
    )


def too_many_submission_attempts(limit: attempts.Limit) -> DomainError:
    if limit.kind == SUBMISSION_BY_BROWSER:
        return too_many_attempts(
            _l("You have typed too many wrong submission codes. Wait a minute and try again.")
        )
    return too_many_attempts(
        _l(
            "Too many wrong submission codes have come from your network in the last minute. "
            "Wait a minute and try again."
        )
    )


def meeting_for_submission_code(
    raw_code: str | None, address: str, browser: str | None = None
) -> Meeting:
    """The meeting a submission code opens, for a client at `address` (rate-limited like join
    codes: wrong codes count against the browser and the address)."""
    limits = code_guess_limits(SUBMISSION_LIMIT_KINDS, address, browser)
    refuse_if_limited(limits, too_many_submission_attempts)
    code = normalise_join_code(raw_code)
    meeting = None
    if looks_like_a_code(code):
        meeting = db.session.scalar(select(Meeting).where(Meeting.submission_code == code))
    if meeting is None and looks_like_a_code(code) and submission_code_retired(code):
        raise submission_code_replaced()  # not a guess: not counted
    if meeting is None:
        attempts.record_failed_guess(limits)
        raise wrong_submission_code()
    return meeting
