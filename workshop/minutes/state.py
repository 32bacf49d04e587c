"""The minutes as the API and the minutes page read them: each field's value and revision,
which header values are inherited, the numbered items and annexes, the approved versions."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from workshop.extensions import db
from workshop.i18n import force_language
from workshop.minutes.annexes import numbered_annexes
from workshop.minutes.fields import HEADER_RULES, ITEM_RULES
from workshop.minutes.sync import minutes_for
from workshop.models.base import as_utc
from workshop.models.meeting import Meeting
from workshop.models.minutes import Minutes, MinutesVersion


def minutes_word(language: str) -> str:
    """The word the minutes are headed by, in the meeting's language ("REFERAT")."""
    with force_language(language):
        return _("MINUTES")


def planned_meetings_after(meeting: Meeting) -> list[dict]:
    """The series' planned meetings after this one, as coming-meeting entries."""
    if meeting.series_id is None or meeting.date is None:
        return []
    later = db.session.scalars(
        select(Meeting)
        .where(
            Meeting.series_id == meeting.series_id,
            Meeting.status == "planned",
            Meeting.date > meeting.date,
        )
        .order_by(Meeting.date, Meeting.start_time)
    ).all()
    return [
        {
            "date": other.date.isoformat(),
            "start": other.start_time.strftime("%H:%M") if other.start_time else "",
            "end": other.end_time.strftime("%H:%M") if other.end_time else "",
            "note": "",
        }
        for other in later
        if other.date is not None
    ]


def inherited_values(meeting: Meeting) -> dict:
    """What each header field shows until the secretary sets it (JSON values)."""
    return {
        "document_number": "",
        "reference": "",
        "theme": meeting.series.name if meeting.series is not None else "",
        "minutes_word": minutes_word(meeting.language),
        "title": meeting.title,
        "date": meeting.date.isoformat() if meeting.date else None,
        "start_time": meeting.start_time.strftime("%H:%M") if meeting.start_time else None,
        "end_time": meeting.end_time.strftime("%H:%M") if meeting.end_time else None,
        "place": meeting.place or "",
        "coming_meetings": planned_meetings_after(meeting),
    }


def header_values(minutes: Minutes, meeting: Meeting) -> tuple[dict, list[str]]:
    """(each header field's value now, the fields that are inherited)."""
    values = inherited_values(meeting)
    inherited = []
    for field, rule in HEADER_RULES.items():
        stored = getattr(minutes, field)
        if stored is None:
            inherited.append(field)
        else:
            values[field] = rule.dump(stored)
    return values, inherited


def item_numbers(minutes: Minutes) -> dict[int, int]:
    """Item id → its number in the document (left-out items have none)."""
    numbers: dict[int, int] = {}
    for item in minutes.items:
        if not item.left_out:
            numbers[item.id] = len(numbers) + 1
    return numbers


def item_dict(item, numbers: dict[int, int], annex_number: int | None = None) -> dict:
    return {
        "id": item.id,
        "agenda_item_id": item.agenda_item_id,
        "number": numbers.get(item.id),
        "position": item.position,
        **{field: rule.dump(getattr(item, field)) for field, rule in ITEM_RULES.items()},
        "left_out": item.left_out,
        "standing": item.standing,
        "workshop_id": item.workshop_id,
        "annex_number": annex_number,
        "revisions": dict(item.revisions or {}),
    }


def version_dict(version: MinutesVersion) -> dict:
    return {
        "number": version.number,
        "approved_at": as_utc(version.approved_at).isoformat(),
        "approved_by": version.approved_by_name,
    }


def minutes_state(meeting: Meeting) -> dict:
    """Everything the minutes page and the API show of the minutes now."""
    minutes = minutes_for(meeting)
    values, inherited = header_values(minutes, meeting)
    coming = values.pop("coming_meetings")
    annexes = numbered_annexes(minutes)
    workshop_annex = {a.item_id: a.number for a in annexes if a.kind == "workshop"}
    numbers = item_numbers(minutes)
    revisions = dict(minutes.revisions or {})
    return {
        "meeting_id": meeting.id,
        "language": meeting.language,
        "status": minutes.status,
        "version": minutes.version,
        "header": {
            "values": values,
            "inherited": [field for field in inherited if field != "coming_meetings"],
            "revisions": {k: v for k, v in revisions.items() if k != "coming_meetings"},
        },
        "coming_meetings": {
            "value": coming,
            "inherited": "coming_meetings" in inherited,
            "revision": revisions.get("coming_meetings", 0),
        },
        "items": [item_dict(i, numbers, workshop_annex.get(i.id)) for i in minutes.items],
        "annexes": [annex.as_dict() for annex in annexes],
        "versions": [version_dict(v) for v in reversed(minutes.versions)],
    }
