"""Test data for the network-meeting pages: a series with members and a planned meeting, and an
item whose workshop has an approved annex, made through the services as a coordinator would."""

import re
from dataclasses import dataclass
from datetime import date, time

from tests.annex_helpers import add_note
from workshop.annex.versions import approve_annex
from workshop.extensions import db
from workshop.models import Facilitator, Meeting, Topic, Workshop
from workshop.services import agenda, meetings, members, series
from workshop.services.groups import add_group
from workshop.services.outline import add_question, add_section

MEMBERS = (
    {"name": "Aase Asyl", "department": "Asylum department", "email": "aase@example.org"},
    {"name": "Rune Opphold", "department": "Residence department", "email": "rune@example.org"},
    {"name": "Mia Mottak", "department": "Reception department", "role": "deputy"},
)


@dataclass(frozen=True)
class PlannedMeeting:
    series_id: int
    meeting_id: int
    submission_code: str


def plan_series_meeting(app, owner_id: int, language: str = "en") -> PlannedMeeting:
    """A series with three members and a planned meeting (standing items on its agenda)."""
    with app.app_context():
        owner = db.session.get(Facilitator, owner_id)
        network = series.create_series(owner, {"name": "Migration network", "language": language})
        for member in MEMBERS:
            members.add_member(network, member)
        meeting = meetings.create_meeting(
            owner,
            {"title": "Network meeting 1/2027", "date": date(2027, 3, 11), "start_time": time(9)},
            series=network,
        )
        return PlannedMeeting(network.id, meeting.id, meeting.submission_code)


def add_item_with_approved_annex(app, meeting_id: int, owner_id: int, note: str) -> int:
    """An agenda item discussed in groups, whose workshop's annex (one note) is approved."""
    with app.app_context():
        owner = db.session.get(Facilitator, owner_id)
        meeting = db.session.get(Meeting, meeting_id)
        item = agenda.add_item(meeting, {"title": "Shared waiting-time figures"})
        workshop = agenda.create_item_workshop(item, owner)
        add_question(add_section(workshop, "Figures"), "What do we share?")
        add_group(workshop, "Group 1")
        item_id, workshop_id = item.id, workshop.id
    add_note(app, workshop_id, note)
    with app.app_context():
        approve_annex(db.session.get(Workshop, workshop_id), db.session.get(Facilitator, owner_id))
    return item_id


def topic_token_from(url: str) -> str:
    match = re.search(r"/topic/([^/?#]+)", url)
    assert match, f"{url} is not a personal topic link"
    return match.group(1)


def topic_statuses(app, meeting_id: int) -> list[tuple[str, str]]:
    with app.app_context():
        topics = db.session.scalars(
            db.select(Topic).where(Topic.meeting_id == meeting_id).order_by(Topic.id)
        )
        return [(topic.title, topic.status) for topic in topics]
