"""What the series' members' page may show of the minutes: the newest approved version of a
published meeting's minutes (never a draft), to read and download.

For the members' page (web/members_page.py) and the members' API: call approved_minutes_summary
for each published meeting, and members_minutes_export for a download by the members' link.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from workshop.annex.export import Export
from workshop.extensions import db
from workshop.minutes.export import export_minutes
from workshop.minutes.renderers import MINUTES_REGISTRY
from workshop.models import Meeting, NotFound, Series
from workshop.models.base import as_utc
from workshop.models.minutes import Minutes, MinutesVersion


def newest_approved_version(meeting: Meeting) -> MinutesVersion | None:
    """The meeting's newest approved minutes (without making minutes that do not exist yet)."""
    return db.session.scalar(
        select(MinutesVersion)
        .join(Minutes, Minutes.id == MinutesVersion.minutes_id)
        .where(Minutes.meeting_id == meeting.id)
        .order_by(MinutesVersion.number.desc())
        .limit(1)
    )


def approved_minutes_summary(meeting: Meeting) -> dict | None:
    """{"version", "approved_at", "formats"} of the newest approved minutes, or None."""
    version = newest_approved_version(meeting)
    if version is None:
        return None
    return {
        "version": version.number,
        "approved_at": as_utc(version.approved_at).isoformat(),
        "formats": sorted(MINUTES_REGISTRY),
    }


def members_minutes_export(series: Series, meeting_id: int, format_name: str) -> Export:
    """The newest approved minutes of a published meeting of this series, as a file; 404 for
    anything else (a draft, another series' meeting, an unpublished one)."""
    meeting = db.session.get(Meeting, meeting_id)
    published = meeting is not None and meeting.series_id == series.id and meeting.published_at
    version = newest_approved_version(meeting) if published and meeting else None
    if meeting is None or version is None:
        raise NotFound("minutes_not_published", _l("There are no published minutes here."))
    return export_minutes(meeting, format_name, version.number)
