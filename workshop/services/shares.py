"""Sharing in plenary: show every group's points (raw or curated) to everyone, or stop.

Each share or withdrawal is one `share:changed` change carrying the share as it was taken, so
the feed and `room:state` give every client the same points (docs/realtime.md).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from workshop.extensions import db
from workshop.models import Change, Conflict, Share, Workshop
from workshop.models.note import allocate_seq
from workshop.models.plenary import SHARE_CHANGED
from workshop.services import clock
from workshop.services.live import rolls_back
from workshop.services.plenary_points import named_questions, points_of, scoped_question_ids
from workshop.services.plenary_state import current_share, share_dict
from workshop.services.room import record

# A share travels as one message to every screen: keep it to what a room can read.
SHARE_POINTS_MAX = 2000


@rolls_back
def set_share(workshop: Workshop, source: str, scope: str, target_id: int | None) -> Change:
    """Share these questions' points with everyone; it replaces what was shared before."""
    question_ids = scoped_question_ids(workshop, scope, target_id)
    # Read before the seq is taken: compiling the annex may commit.
    points = points_of(workshop, source, question_ids)
    if len(points) > SHARE_POINTS_MAX:
        raise Conflict(
            "share_too_large",
            _l(
                "Too many points to share at once (at most %(max)d): share fewer questions.",
                max=SHARE_POINTS_MAX,
            ),
            max=SHARE_POINTS_MAX,
        )
    seq = allocate_seq(workshop.id)
    withdraw_active(workshop)
    share = Share(
        workshop_id=workshop.id,
        source=source,
        scope=scope,
        target_id=None if scope == "all" else target_id,
        shared_at=clock.now(),
    )
    db.session.add(share)
    db.session.flush()
    questions = named_questions(workshop, question_ids)
    payload = {"share": share_dict(share, question_ids, points, questions)}
    return record(workshop, seq, SHARE_CHANGED, payload)


@rolls_back
def withdraw_share(workshop: Workshop) -> Change:
    """Stop sharing: every page drops the other groups' points."""
    seq = allocate_seq(workshop.id)
    if current_share(workshop) is None:
        raise Conflict("nothing_shared", _l("Nothing is shared at the moment."))
    withdraw_active(workshop)
    return record(workshop, seq, SHARE_CHANGED, {"share": None})


def withdraw_active(workshop: Workshop) -> None:
    for share in db.session.scalars(
        select(Share).where(Share.workshop_id == workshop.id, Share.withdrawn_at.is_(None))
    ):
        share.withdrawn_at = clock.now()
