"""Votes in the annex: each point's and note's dots from the latest finished vote, ordering a
question's points by them, marking the top N, and the annex's "include votes" setting.

A point's votes are its own dots (a vote on curated points) or the dots of the notes it was made
from (a vote on raw notes). Only counts are read here, never who placed a dot.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from workshop.annex.curate import _reorder, find_question, settled_points
from workshop.annex.sync import annex_for, compile_annex
from workshop.extensions import db
from workshop.models import AnnexPoint, Conflict, DomainError, Dot, Vote, VotePoint, Workshop
from workshop.models.plenary import TOP_MAX


@dataclass(frozen=True)
class VoteCounts:
    """The dots of one vote per annex point id and per note id (whichever it was on)."""

    by_annex_point: dict[int, int] = field(default_factory=dict)
    by_note: dict[str, int] = field(default_factory=dict)

    def of_point(self, point_id: int, source_note_ids: list) -> int:
        if point_id in self.by_annex_point:
            return self.by_annex_point[point_id]
        return sum(self.by_note.get(note_id, 0) for note_id in source_note_ids)


def finished_vote(workshop_id: int) -> Vote | None:
    """The latest vote that is closed or revealed (an open one is still changing)."""
    return db.session.scalar(
        select(Vote)
        .where(Vote.workshop_id == workshop_id, Vote.status != "open")
        .order_by(Vote.id.desc())
        .limit(1)
    )


def vote_counts(workshop_id: int) -> VoteCounts | None:
    """The latest finished vote's dots per annex point and per note, or None without one."""
    vote = finished_vote(workshop_id)
    if vote is None:
        return None
    dots = func.count(Dot.id)
    rows = db.session.execute(
        select(VotePoint.annex_point_id, VotePoint.note_id, dots)
        .outerjoin(Dot, (Dot.point_id == VotePoint.id) & Dot.removed_at.is_(None))
        .where(VotePoint.vote_id == vote.id)
        .group_by(VotePoint.id, VotePoint.annex_point_id, VotePoint.note_id)
    )
    counts = VoteCounts()
    for annex_point_id, note_id, count in rows:
        if annex_point_id is not None:
            counts.by_annex_point[annex_point_id] = count
        if note_id is not None:
            counts.by_note[note_id] = count
    return counts


def require_counts(workshop: Workshop) -> VoteCounts:
    counts = vote_counts(workshop.id)
    if counts is None:
        raise Conflict("vote_not_found", _l("There is no closed vote to order the points by."))
    return counts


def note_votes(counts: VoteCounts | None, point_sources: list[tuple[int, list]]) -> dict:
    """Per note id: its own dots (a raw vote), or its point's (a vote on curated points)."""
    if counts is None:
        return {}
    votes = dict(counts.by_note)
    for point_id, sources in point_sources:
        if point_id in counts.by_annex_point:
            for note_id in sources:
                votes.setdefault(note_id, counts.by_annex_point[point_id])
    return votes


# --- curating by votes ---


def check_top(top: int) -> int:
    if not 0 <= top <= TOP_MAX:
        raise DomainError(
            "invalid_input",
            _l("Mark between 0 and %(max)d top points.", max=TOP_MAX),
            field="top",
        )
    return top


def order_by_votes(workshop: Workshop, question_id: int | None, top: int = 0) -> None:
    """Order each question's points by votes (most first; ties keep their order) and mark the
    first `top` points that are in the document as the question's top ones."""
    check_top(top)
    counts = require_counts(workshop)
    annex = compile_annex(workshop)
    question_ids = (
        [find_question(workshop, question_id).id] if question_id else annex_questions(annex.id)
    )
    for each in question_ids:
        rank_question(annex, settled_points(annex, each), counts, top)
    annex.mark_curated()
    db.session.commit()


def annex_questions(annex_id: int) -> list[int]:
    return list(
        db.session.scalars(
            select(AnnexPoint.question_id).where(AnnexPoint.annex_id == annex_id).distinct()
        )
    )


def rank_question(annex, points: list[AnnexPoint], counts: VoteCounts, top: int) -> None:
    ranked = sorted(points, key=lambda p: -counts.of_point(p.id, p.source_note_ids))
    if ranked:
        _reorder(annex, ranked)
    in_document = [point for point in ranked if not point.excluded]
    for index, point in enumerate(in_document):
        point.top = index < top
    for point in ranked:
        if point.excluded:
            point.top = False


def set_include_votes(workshop: Workshop, include: bool) -> None:
    """Whether Word, PDF, Markdown and HTML show each point's votes (a change to the document)."""
    annex = annex_for(workshop)
    if annex.include_votes != include:
        annex.include_votes = include
        annex.mark_changed()
    db.session.commit()
