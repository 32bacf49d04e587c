"""What the members' link may show: the published meetings' agendas and approved annexes.

Plain data for the read-only page and the API. It names members (name, department, role) but
never their contact data, and shows no meeting that has not been published.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from workshop.extensions import db
from workshop.models import AgendaItem, Annex, AnnexVersion, Meeting, NotFound, Series, Workshop
from workshop.services.agenda import agenda_schedule, attachment_label


def published_meetings(series: Series) -> list[Meeting]:
    """The series' published meetings, newest first, so a new representative can catch up."""
    statement = (
        select(Meeting)
        .where(Meeting.series_id == series.id, Meeting.published_at.is_not(None))
        .order_by(Meeting.date.desc().nulls_last(), Meeting.id.desc())
    )
    return list(db.session.scalars(statement))


def latest_approved_version(workshop_id: int) -> int | None:
    """The number of the workshop's newest approved annex version, if any."""
    statement = (
        select(func.max(AnnexVersion.number))
        .join(Annex, Annex.id == AnnexVersion.annex_id)
        .where(Annex.workshop_id == workshop_id)
    )
    return db.session.scalar(statement)


def members_page_view(series: Series) -> dict:
    return {
        "series": {"name": series.name, "description": series.description},
        "language": series.language,
        "members": [
            {"name": m.name, "department": m.department, "role": m.role} for m in series.members
        ],
        "meetings": [meeting_view(meeting) for meeting in published_meetings(series)],
    }


def meeting_view(meeting: Meeting) -> dict:
    return {
        "id": meeting.id,
        "title": meeting.title,
        "date": meeting.date,
        "start_time": meeting.start_time,
        "end_time": meeting.end_time,
        "place": meeting.place,
        "status": meeting.status,
        "items": [item_view(entry.item, entry) for entry in agenda_schedule(meeting)],
    }


def item_view(item: AgendaItem, entry) -> dict:
    version = latest_approved_version(item.workshop_id) if item.workshop_id else None
    return {
        "number": entry.number,
        "title": item.title,
        "presenter": item.presenter,
        "description": item.description,
        "starts_at": entry.starts_at,
        "ends_at": entry.ends_at,
        "attachments": [
            {"label": attachment_label(item, a), "title": a.title, "url": a.url}
            for a in item.attachments
        ],
        "annex": {"workshop_id": item.workshop_id, "version": version} if version else None,
    }


def members_annex(series: Series, workshop_id: int) -> tuple[Workshop, int]:
    """A workshop whose approved annex the members may read, and its newest version: only one
    of an item in a published meeting of this series."""
    statement = (
        select(Workshop)
        .join(AgendaItem, AgendaItem.workshop_id == Workshop.id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(
            Workshop.id == workshop_id,
            Meeting.series_id == series.id,
            Meeting.published_at.is_not(None),
        )
        .limit(1)
    )
    workshop = db.session.scalar(statement)
    version = latest_approved_version(workshop_id) if workshop else None
    if workshop is None or version is None:
        raise NotFound("annex_not_published", _l("There is no published annex here."))
    return workshop, version
