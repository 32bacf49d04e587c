"""Helpers for the notice tests: a Norwegian network meeting with members, standing items, an
item discussed in groups (a workshop) and an attachment."""

import datetime
from contextlib import contextmanager

import config
from workshop import create_app
from workshop.extensions import db
from workshop.models import Facilitator, Meeting
from workshop.services import agenda, members, series
from workshop.services.meetings import create_meeting

STANDING = [
    {"title": "Godkjenning av innkalling og saksliste", "duration_minutes": 5},
    {"title": "Orienteringer fra avdelingene", "presenter": "Alle", "duration_minutes": 30},
    {"title": "Eventuelt", "duration_minutes": 10, "at_end": True},
]
MEMBERS = [
    {"name": "Kari Nordmann", "department": "Asylavdelingen", "email": "kari@example.org"},
    {"name": "Ola Hansen", "department": "Oppholdsavdelingen", "email": ""},
    {"name": "Nils Berg", "department": "Mottaksavdelingen", "email": "nils@example.org"},
]


@contextmanager
def notice_app(database_url: str, **settings):
    """The app on a fresh database, with the site's zone set (a notice's times are wall-clock
    times there) and the given settings."""
    values = {"SQLALCHEMY_DATABASE_URI": database_url, "BABEL_DEFAULT_TIMEZONE": "Europe/Oslo"}
    app = create_app(config.TestingConfig, {**values, **settings})
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def make_network_meeting(app, owner_id: int, **meeting_fields) -> int:
    """A series "Asylnettverket" in Bokmål with three members (two with e-mail) and a meeting on
    12 March 2026, 10:00–12:00; returns the meeting's id."""
    with app.app_context():
        owner = db.session.get(Facilitator, owner_id)
        network = series.create_series(owner, {"name": "Asylnettverket", "language": "nb"})
        series.replace_standing_items(network, STANDING)
        for fields in MEMBERS:
            members.add_member(network, fields)
        fields = {
            "title": "Nettverksmøte 1/2026",
            "date": datetime.date(2026, 3, 12),
            "start_time": datetime.time(10, 0),
            "end_time": datetime.time(12, 0),
            "place": "Møterom 3, Hausmanns gate 21",
            "online_link": "https://meet.example.org/asyl",
            **meeting_fields,
        }
        meeting = create_meeting(owner, fields, network)
        item = agenda.add_item(
            meeting,
            {
                "title": "Ny rutine for *registrering* <b>",
                "presenter": "Kari Nordmann",
                "duration_minutes": 45,
                "description": "Vi drøfter forslaget i grupper.",
            },
        )
        agenda.add_attachment(item, {"title": "Forslag til rutine", "url": "https://x.org/a_b"})
        agenda.create_item_workshop(item, owner)
        return meeting.id


def meeting_row(app, meeting_id: int) -> Meeting:
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        db.session.expunge(meeting)
        return meeting
