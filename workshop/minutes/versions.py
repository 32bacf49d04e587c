"""Approving the minutes: each approval freezes the whole document, annexes included, as a
numbered version; an attached workshop annex must be approved first (or in the same step)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from workshop.annex.versions import approve_annex, approved_by
from workshop.extensions import db
from workshop.minutes.annexes import NumberedAnnex, numbered_annexes
from workshop.minutes.build import build_minutes_document
from workshop.minutes.state import version_dict
from workshop.minutes.sync import minutes_for
from workshop.models import Conflict, NotFound
from workshop.models.base import utcnow
from workshop.models.meeting import Meeting
from workshop.models.minutes import Minutes, MinutesVersion


def approve_minutes(meeting: Meeting, facilitator, approve_annexes: bool = False) -> dict:
    """Approve the current draft as version N (date, approver, the document itself).

    Unapproved workshop annexes refuse the approval, unless approve_annexes: then each is
    approved first as its own next version, and the minutes embed exactly those versions.
    """
    minutes = minutes_for(meeting)
    if minutes.status == "approved":
        minutes.approve()  # refuses, with the version's number
    unapproved = [annex for annex in numbered_annexes(minutes) if annex.approved is False]
    if unapproved and not approve_annexes:
        raise annexes_not_approved(unapproved)
    for annex in unapproved:
        if annex.workshop is not None:  # always, for an annex that can be unapproved
            approve_annex(annex.workshop, facilitator)
    minutes.approve()
    approved_at = utcnow()
    version = MinutesVersion(
        minutes_id=minutes.id,
        number=minutes.version,
        approved_at=approved_at,
        **approved_by(facilitator),
        document=build_minutes_document(meeting, minutes, approved_at=approved_at),
    )
    db.session.add(version)
    db.session.commit()
    return version_dict(version)


def annexes_not_approved(unapproved: list[NumberedAnnex]) -> Conflict:
    return Conflict(
        "minutes_annex_not_approved",
        _l(
            "Approve the annexes first, or approve them together with the minutes: %(titles)s.",
            titles=", ".join(f"{annex.number}. {annex.title}" for annex in unapproved),
        ),
        annexes=[
            {
                "number": a.number,
                "workshop_id": a.workshop.id if a.workshop else None,
                "title": a.title,
            }
            for a in unapproved
        ],
    )


def minutes_versions(meeting: Meeting) -> list[dict]:
    """The approved versions, newest first."""
    minutes = minutes_for(meeting)
    return [version_dict(version) for version in versions_of(minutes)]


def versions_of(minutes: Minutes) -> list[MinutesVersion]:
    return list(
        db.session.scalars(
            select(MinutesVersion)
            .where(MinutesVersion.minutes_id == minutes.id)
            .order_by(MinutesVersion.number.desc())
        )
    )


def minutes_version(meeting: Meeting, number: int) -> MinutesVersion:
    """One approved version of the meeting's minutes, or 404."""
    version = db.session.scalar(
        select(MinutesVersion).where(
            MinutesVersion.minutes_id == minutes_for(meeting).id, MinutesVersion.number == number
        )
    )
    if version is None:
        raise NotFound(
            "minutes_version_not_found",
            _l("There is no approved version %(number)s of the minutes.", number=number),
        )
    return version
