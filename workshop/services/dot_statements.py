"""The prebuilt statements of a dot placed or taken back (services/votes.py).

A room voting at once places a dot per participant every few seconds. Through the ORM each dot
cost eight statements and twice a note's CPU (the person's dot looked up twice, the point and
its vote, the dots counted and then listed, two flushes); these are the five a dot needs, run
on the driver's cursor (services/prepared.py).
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, bindparam, insert, select, update

from workshop.models import Dot, Vote, VotePoint
from workshop.services.prepared import Prepared

dots = cast(Table, Dot.__table__)
votes = cast(Table, Vote.__table__)
vote_points = cast(Table, VotePoint.__table__)

# A dot by its client id, with what its vote says about it (whose workshop, still open).
DOT_WITH_VOTE = Prepared(
    select(
        dots.c.id,
        dots.c.vote_id,
        dots.c.point_id,
        dots.c.participant_id,
        dots.c.placed_seq,
        dots.c.removed_seq,
        dots.c.removed_at,
        votes.c.workshop_id,
        votes.c.status,
        votes.c.dots_per_participant,
    )
    .join(votes, votes.c.id == dots.c.vote_id)
    .where(dots.c.id == bindparam("dot_id"))
)
# A point with its vote's state and limits.
POINT_WITH_VOTE = Prepared(
    select(
        vote_points.c.id,
        vote_points.c.vote_id,
        votes.c.workshop_id,
        votes.c.status,
        votes.c.dots_per_participant,
        votes.c.max_per_point,
    )
    .join(votes, votes.c.id == vote_points.c.vote_id)
    .where(vote_points.c.id == bindparam("point_id"))
)
# A participant's dots that count, in the order placed: their budget, their cap, their answer.
OWN_DOTS = Prepared(
    select(dots.c.id, dots.c.point_id)
    .where(
        dots.c.vote_id == bindparam("vote_id"),
        dots.c.participant_id == bindparam("participant_id"),
        dots.c.removed_at.is_(None),
    )
    .order_by(dots.c.placed_seq)
)
DOT_COLUMNS = ("id", "vote_id", "point_id", "participant_id", "group_id", "placed_seq", "placed_at")
INSERT_DOT = Prepared(insert(dots).values({name: bindparam(name) for name in DOT_COLUMNS}))
TAKE_BACK_DOT = Prepared(
    update(dots)
    .where(dots.c.id == bindparam("dot_id"))
    .values(removed_at=bindparam("removed_at"), removed_seq=bindparam("removed_seq"))
)
