"""Sharing in plenary: show every group's points (raw or curated) to everyone, or stop.

Each share or withdrawal is one `share:changed` change carrying the share as it was taken, so
the feed and `room:state` give every client the same points (docs/realtime.md). Then the share
follows its source: a raw share gets a `share:point` change with each note written under its
questions (follow_note), a curated share a fresh `share:changed` after each annex edit that
changes its points (follow_annex).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection

from workshop.extensions import db
from workshop.models import Change, Conflict, Group, Share, Workshop
from workshop.models.base import utcnow
from workshop.models.note import allocate_seq
from workshop.models.plenary import SHARE_CHANGED, SHARE_POINT
from workshop.services import clock
from workshop.services.live import rolls_back
from workshop.services.plenary_points import (
    curated_points,
    named_questions,
    points_of,
    scoped_question_ids,
)
from workshop.services.plenary_state import current_share, share_dict, shared_now
from workshop.services.prepared import Prepared

# A share travels as one message to every screen: keep it to what a room can read.
SHARE_POINTS_MAX = 2000
# What a note's change does to a raw share's point (share:point's `op`).
POINT_OPS = {"note:added": "added", "note:edited": "edited", "note:deleted": "deleted"}


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
        question_ids=question_ids,
        shared_at=clock.now(),
    )
    db.session.add(share)
    db.session.flush()
    questions = named_questions(workshop, question_ids)
    payload = {"share": share_dict(share, question_ids, points, questions)}
    return committed(recorded(workshop.id, seq, SHARE_CHANGED, payload))


@rolls_back
def withdraw_share(workshop: Workshop) -> Change:
    """Stop sharing: every page drops the other groups' points."""
    seq = allocate_seq(workshop.id)
    if current_share(workshop) is None:
        raise Conflict("nothing_shared", _l("Nothing is shared at the moment."))
    withdraw_active(workshop)
    return committed(recorded(workshop.id, seq, SHARE_CHANGED, {"share": None}))


def recorded(workshop_id: int, seq: int, kind: str, payload: dict) -> Change:
    """A workshop-wide change in this transaction (not services.room.record: the note write
    imports this module, and services.room imports the note write)."""
    change = Change(workshop_id=workshop_id, seq=seq, kind=kind, payload=payload)
    db.session.add(change)
    return change


def committed(change: Change) -> Change:
    db.session.commit()
    return change


def withdraw_active(workshop: Workshop) -> None:
    for share in db.session.scalars(
        select(Share).where(Share.workshop_id == workshop.id, Share.withdrawn_at.is_(None))
    ):
        share.withdrawn_at = clock.now()


# --- a share follows its source ---


def follow_note(
    workshop_id: int, note: dict, kind: str, next_seq: Callable[[], int] | None = None
) -> Change | None:
    """A raw share follows its notes: the `share:point` change for a note just written, or None.

    The hook of the note write (services/notes.py), called in the note's transaction right after
    the note's own change is recorded, before the commit. Inputs: the workshop's id; the note as
    its change carries it (services.changes.note_dict: id, question_id, group_id, text,
    author_name, author_kind, deleted); the note change's kind (note:added, note:edited,
    note:deleted); and `next_seq`, which gives the seq this change is to use — called only when
    a raw share covers the note's question (by default the workshop's next seq, taken in this
    transaction, so one after the note's). Output: the extra Change, added to the session but
    not committed (the caller commits it with the note and publishes both, in seq order), or
    None. When nothing is shared raw — nearly always — the cost is one indexed read. (The note
    batch, services/note_batch.py, reads the share once per batch and uses point_change.)
    """
    if not follows(raw_shared_question_ids(workshop_id), note):
        return None
    seq = next_seq() if next_seq is not None else allocate_seq(workshop_id)
    change = point_change(workshop_id, note, kind, seq)
    db.session.add(change)
    return change


def follows(shared_question_ids: Sequence[int] | None, note: dict) -> bool:
    """Whether a raw share of these questions (None: nothing shared raw) covers the note."""
    return shared_question_ids is not None and note["question_id"] in shared_question_ids


def point_change(
    workshop_id: int, note: dict, kind: str, seq: int, connection: Connection | None = None
) -> Change:
    """The `share:point` change for a note just written (not added to any session), read in the
    session's transaction or the connection's (the note batch's)."""
    payload = {"op": POINT_OPS[kind], "point": followed_point(note, connection)}
    return Change(
        workshop_id=workshop_id, seq=seq, kind=SHARE_POINT, payload=payload, created_at=utcnow()
    )


# Built once (run at every note write while anything may be shared): the questions of the
# workshop's active raw share, the latest first.
RAW_SHARE_QUESTIONS = Prepared(
    select(Share.question_ids)
    .where(
        Share.workshop_id == bindparam("workshop_id"),
        Share.withdrawn_at.is_(None),
        Share.source == "raw",
    )
    .order_by(Share.id.desc())
    .limit(1)
)


def raw_shared_question_ids(
    workshop_id: int, connection: Connection | None = None
) -> list[int] | None:
    """The questions of the workshop's raw share, if one is active (a share from before they
    were kept, with none on record, does not follow its notes: share again)."""
    connection = connection or db.session.connection()
    found = RAW_SHARE_QUESTIONS.first(connection, {"workshop_id": workshop_id})
    return found.question_ids if found else None


def followed_point(note: dict, connection: Connection | None = None) -> dict:
    """The note as a share's point (services.plenary_points.raw_points' shape); a deleted
    note only says which point goes."""
    point = {key: note[key] for key in ("id", "question_id", "group_id")}
    if note["deleted"]:
        return point
    reader = connection or db.session
    group_name = reader.scalar(select(Group.name).where(Group.id == note["group_id"]))
    # Like raw_points: a participant's name (shown only in a named workshop), never a facilitator's.
    author = note["author_name"] if note["author_kind"] == "participant" else ""
    return {**point, "group_name": group_name or "", "text": note["text"], "author_name": author}


@rolls_back
def follow_annex(workshop: Workshop) -> Change | None:
    """A curated share follows the annex: after an annex edit, share its points as they are now.

    The same share (id, scope, questions) again as a `share:changed` change; None when nothing
    curated is shared or the edit did not change what is shared. Annex edits are rare, so
    comparing the points afresh is cheap enough.
    """
    share = current_share(workshop)
    if share is None or share.source != "curated":
        return None
    shared = shared_now(workshop)
    if shared is None:
        return None
    points = curated_points(workshop, shared["question_ids"])  # compiling the annex may commit
    if points == shared["points"]:
        return None
    seq = allocate_seq(workshop.id)
    payload = {"share": {**shared, "points": points}}
    return committed(recorded(workshop.id, seq, SHARE_CHANGED, payload))
