"""The JSON shapes of series, members, meetings, agenda items and topics (one shape each)."""

from __future__ import annotations

from datetime import date, time

from workshop.models import AgendaItem, Attachment, Meeting, Member, Series, StandingItem, Topic
from workshop.services.agenda import ScheduledItem, agenda_schedule, attachment_label
from workshop.web.api.common import timestamp
from workshop.web.api.workshops import facilitator_json
from workshop.web.meeting_links import submission_url


def day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def clock_time(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def series_json(series: Series) -> dict:
    return {
        "id": series.id,
        "name": series.name,
        "description": series.description,
        "language": series.language,
        "rhythm_weeks": series.rhythm_weeks,
        "default_start_time": clock_time(series.default_start_time),
        "default_end_time": clock_time(series.default_end_time),
        "default_place": series.default_place,
        "default_online_link": series.default_online_link,
        "owner": facilitator_json(series.owner),
        "coordinators": [facilitator_json(f) for f in series.coordinators],
        "has_members_link": series.has_members_link,
        "created_at": timestamp(series.created_at),
    }


def member_json(member: Member) -> dict:
    return {
        "id": member.id,
        "name": member.name,
        "department": member.department,
        "email": member.email,
        "role": member.role,
    }


def standing_item_json(item: StandingItem) -> dict:
    return {
        "title": item.title,
        "presenter": item.presenter,
        "duration_minutes": item.duration_minutes,
        "description": item.description,
        "at_end": item.at_end,
    }


def meeting_json(meeting: Meeting, with_agenda: bool = True) -> dict:
    shape: dict = {
        "id": meeting.id,
        "series_id": meeting.series_id,
        "title": meeting.title,
        "language": meeting.language,
        "date": day(meeting.date),
        "start_time": clock_time(meeting.start_time),
        "end_time": clock_time(meeting.end_time),
        "place": meeting.place,
        "online_link": meeting.online_link,
        "status": meeting.status,
        "submission_code": meeting.submission_code,
        "submission_url": submission_url(meeting),
        "submission_deadline": timestamp(meeting.submission_deadline),
        "published_at": timestamp(meeting.published_at),
        "previous_meeting_id": meeting.previous_meeting_id,
        "notice_sequence": meeting.notice_sequence,
        "notice_sent_at": timestamp(meeting.notice_sent_at),
    }
    if with_agenda:
        shape["items"] = [item_json(entry) for entry in agenda_schedule(meeting)]
    return shape


def item_json(entry: ScheduledItem) -> dict:
    item: AgendaItem = entry.item
    return {
        "id": item.id,
        "number": entry.number,
        "title": item.title,
        "presenter": item.presenter,
        "duration_minutes": item.duration_minutes,
        "starts_at": clock_time(entry.starts_at),
        "ends_at": clock_time(entry.ends_at),
        "description": item.description,
        "purpose": item.purpose,
        "standing": item.standing,
        "follow_up": item.follow_up,
        "at_end": item.at_end,
        "workshop_id": item.workshop_id,
        "attachments": [attachment_json(item, a) for a in item.attachments],
    }


def one_item_json(item: AgendaItem) -> dict:
    entry = next(e for e in agenda_schedule(item.meeting) if e.item.id == item.id)
    return item_json(entry)


def attachment_json(item: AgendaItem, attachment: Attachment) -> dict:
    return {
        "id": attachment.id,
        "label": attachment_label(item, attachment),
        "title": attachment.title,
        "url": attachment.url,
    }


def topic_json(topic: Topic) -> dict:
    """The coordinator's view of a topic."""
    return {
        "id": topic.id,
        "meeting_id": topic.meeting_id,
        **submitter_topic_json(topic),
        "submitter_name": topic.submitter_name,
        "department": topic.department,
        "item_id": topic.item_id,
        "question_id": topic.question_id,
        "carried_from_meeting_id": topic.carried_from_meeting_id,
        "submitted_at": timestamp(topic.submitted_at),
        "decided_at": timestamp(topic.decided_at),
    }


def submitter_topic_json(topic: Topic) -> dict:
    """What a submitter's personal link shows: their own topic and its fate, nobody else's."""
    return {
        "title": topic.title,
        "description": topic.description,
        "purpose": topic.purpose,
        "status": topic.status,
        "status_label": str(topic.status_label),
        "decline_reason": topic.decline_reason,
    }
