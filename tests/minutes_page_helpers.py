"""Test data for the minutes page: a meeting with an agenda, and another secretary's edit."""

from datetime import date, time

from workshop.extensions import db
from workshop.minutes.edits import apply_minutes_op
from workshop.minutes.sync import minutes_for
from workshop.minutes.versions import approve_minutes
from workshop.models import Facilitator, Meeting
from workshop.models.minutes import MinutesItem
from workshop.services.agenda import add_item
from workshop.services.meetings import create_meeting

AGENDA = [
    ("Approval of the agenda", True),
    ("Strategy 2030", False),
    ("Reports", False),
    ("Any other business", True),
]


def make_meeting_with_agenda(
    app, owner_id: int, title: str = "Council meeting", workshops: dict | None = None
) -> int:
    """A meeting whose first and last items are standing items (as a series' template makes
    them), and items discussed in workshops ({item title: workshop id}); returns its id."""
    with app.app_context():
        owner = db.session.get(Facilitator, owner_id)
        meeting = create_meeting(
            owner,
            {
                "title": title,
                "date": date(2026, 12, 3),
                "start_time": time(13),
                "end_time": time(16),
            },
        )
        for item_title, standing in AGENDA:
            item = add_item(meeting, {"title": item_title})
            item.standing = standing
            item.at_end = standing and item_title == "Any other business"
            item.workshop_id = (workshops or {}).get(item_title)
        db.session.commit()
        return meeting.id


def minutes_item(app, meeting_id: int, title: str) -> MinutesItem:
    """The minutes' item with that title, as stored now (detached, read-only)."""
    with app.app_context():
        minutes = minutes_for(db.session.get(Meeting, meeting_id))
        item = next(item for item in minutes.items if item.title == title)
        db.session.expunge(item)
        return item


def set_item_field(app, meeting_id: int, title: str, field: str, value, base_revision: int):
    """Another secretary saves one field of an item (the operation the API and page send)."""
    item_id = minutes_item(app, meeting_id, title).id
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        op = {
            "op_id": f"other-{item_id}-{field}",
            "op": "set",
            "item_id": item_id,
            "field": field,
            "value": value,
            "base_revision": base_revision,
        }
        return apply_minutes_op(meeting, op)


def coming_meetings(app, meeting_id: int) -> list | None:
    """The coming meetings the secretary set (None: the series' planned meetings)."""
    with app.app_context():
        return minutes_for(db.session.get(Meeting, meeting_id)).coming_meetings


def header_title(app, meeting_id: int) -> str | None:
    """The meeting's name as the secretary set it in the header (None: the meeting's own)."""
    with app.app_context():
        return minutes_for(db.session.get(Meeting, meeting_id)).title


def approve(app, meeting_id: int, facilitator_id: int) -> dict:
    """The minutes approved as they stand (as the page's or the API's approve does)."""
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        return approve_minutes(meeting, db.session.get(Facilitator, facilitator_id))
