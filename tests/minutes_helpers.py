"""Test helpers for the minutes: a meeting with an agenda, made directly in the database, and
operations sent through the API."""

import uuid
from datetime import date, time

from workshop.extensions import db
from workshop.models import AgendaItem, Attachment, Meeting, Series


def make_meeting(app, owner_id: int, items=(), series_name=None, language="en", **fields) -> int:
    """A meeting with agenda items given as dicts (title, standing, attachments, workshop_id,
    description); returns its id."""
    with app.app_context():
        series = None
        if series_name:
            series = Series(owner_id=owner_id, name=series_name, language=language)
            db.session.add(series)
            db.session.flush()
        meeting = Meeting(
            owner_id=owner_id,
            series_id=series.id if series else None,
            title=fields.pop("title", "Council meeting"),
            language=language,
            date=fields.pop("date", date(2026, 12, 3)),
            start_time=fields.pop("start_time", time(13, 0)),
            end_time=fields.pop("end_time", time(16, 0)),
            place=fields.pop("place", "Meeting room 1"),
            **fields,
        )
        db.session.add(meeting)
        db.session.flush()
        for position, spec in enumerate(items):
            item = AgendaItem(
                meeting_id=meeting.id,
                position=position,
                title=spec["title"],
                standing=spec.get("standing", False),
                workshop_id=spec.get("workshop_id"),
                description=spec.get("description", ""),
            )
            db.session.add(item)
            db.session.flush()
            for index, title in enumerate(spec.get("attachments", ())):
                db.session.add(Attachment(item_id=item.id, position=index, title=title))
        db.session.commit()
        return meeting.id


def op(call, meeting_id: int, kind: str, **fields):
    """Send one operation with a fresh op id; returns the response."""
    body = {"op_id": fields.pop("op_id", str(uuid.uuid4())), "op": kind, **fields}
    return call("post", f"/meetings/{meeting_id}/minutes/ops", json=body)


def set_field(call, meeting_id: int, field: str, value, item_id=None, base_revision=None):
    """Set a field from the revision the minutes show now; returns the response."""
    if base_revision is None:
        state = call("get", f"/meetings/{meeting_id}/minutes").get_json()
        if item_id is None:
            revisions = {
                **state["header"]["revisions"],
                "coming_meetings": state["coming_meetings"]["revision"],
            }
        else:
            revisions = next(i for i in state["items"] if i["id"] == item_id)["revisions"]
        base_revision = revisions.get(field, 0)
    return op(
        call,
        meeting_id,
        "set",
        item_id=item_id,
        field=field,
        value=value,
        base_revision=base_revision,
    )
