"""Where each audience of a workshop stands in the change feed: broadcasts' prev_seq, seq:latest.

An audience is who receives the same broadcasts: the facilitators (every change), one group's
participants (their group's changes and workshop-wide ones) or participants without a group
(workshop-wide changes only). For a client, `prev_seq` is the seq of the change it may see just
before this one: if its cursor is behind that, it missed a change (see docs/realtime.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from workshop.extensions import db
from workshop.models import Change, Connection, Group, Workshop
from workshop.models.room import HIDDEN_FROM_DISPLAYS, HIDDEN_FROM_PARTICIPANTS


@dataclass(frozen=True)
class AudienceSeqs:
    """One seq per audience of a workshop: the latest change (before a point) each may see."""

    facilitators: int
    ungrouped: int  # participants without a group see workshop-wide changes only
    displays: int  # the projectors see every change but those meant for people (broadcasts)
    groups: dict[int, int] = field(default_factory=dict)


def previous_seq_for_displays(workshop_id: int, seq: int | None = None) -> int:
    """The latest change (before `seq`, if given) that the workshop's displays may see."""
    query = select(func.max(Change.seq)).where(
        Change.workshop_id == workshop_id, Change.kind.not_in(HIDDEN_FROM_DISPLAYS)
    )
    if seq is not None:
        query = query.where(Change.seq < seq)
    return db.session.scalar(query) or 0


def audience_seqs(workshop_id: int, before: int | None = None) -> AudienceSeqs:
    """Each audience's latest visible change, below `before` if given (else the latest of all).

    Participants' audiences (groups, ungrouped) never see HIDDEN_FROM_PARTICIPANTS."""
    query = select(Change.group_id, func.max(Change.seq)).where(
        Change.workshop_id == workshop_id, Change.kind.not_in(HIDDEN_FROM_PARTICIPANTS)
    )
    if before is not None:
        query = query.where(Change.seq < before)
    latest: dict[int | None, int] = dict(db.session.execute(query.group_by(Change.group_id)).all())
    workshop_wide = latest.pop(None, 0) or 0
    group_ids = group_ids_of(workshop_id)
    if before is None:
        everything = db.session.scalar(select(Workshop.last_seq).where(Workshop.id == workshop_id))
    else:
        everything = before - 1  # seq has no gaps: facilitators see every number
    return AudienceSeqs(
        facilitators=everything or 0,
        ungrouped=workshop_wide,
        displays=previous_seq_for_displays(workshop_id, before),
        groups={group_id: max(latest.get(group_id) or 0, workshop_wide) for group_id in group_ids},
    )


def group_ids_of(workshop_id: int) -> list[int]:
    return list(db.session.scalars(select(Group.id).where(Group.workshop_id == workshop_id)))


def workshops_with_connections() -> list[int]:
    """The workshops somebody is connected to (in any server process)."""
    return list(db.session.scalars(select(Connection.workshop_id).distinct()))
