"""The secretary's work on points: reword, exclude, reorder, merge, add, and decide on new notes.

Every function compiles first (so it acts on the annex as it is now), changes the points, marks
the annex curated (which starts a new draft after an approval) and commits.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from workshop.annex.sync import compile_annex
from workshop.annex.text import clean_text, one_point
from workshop.extensions import db
from workshop.formats import lazy_number
from workshop.models import Annex, AnnexPoint, DomainError, NotFound, Question, Workshop
from workshop.models.annex import MAX_POINTS_PER_QUESTION, MERGE_MAX, POINT_TEXT_MAX

MOVES = ("up", "down")


def point_not_found() -> NotFound:
    return NotFound("annex_point_not_found", _l("There is no such point in this annex."))


def valid_point_text(text: str | None) -> str:
    """The wording with surrounding blank space removed; refused if empty or too long."""
    # Control characters cannot be stored (PostgreSQL refuses NUL) nor exported (XML): drop them.
    text = clean_text(text)
    if not text:
        raise DomainError("annex_point_empty", _l("A point needs some text."))
    if len(text) > POINT_TEXT_MAX:
        raise DomainError(
            "annex_point_too_long",
            _l("A point can be at most %(max)s characters long.", max=lazy_number(POINT_TEXT_MAX)),
            max=POINT_TEXT_MAX,
        )
    return text


def find_point(annex: Annex, point_id) -> AnnexPoint:
    point = db.session.get(AnnexPoint, point_id) if isinstance(point_id, int) else None
    if point is None or point.annex_id != annex.id:
        raise point_not_found()
    return point


def find_question(workshop: Workshop, question_id) -> Question:
    question = db.session.get(Question, question_id) if isinstance(question_id, int) else None
    if question is None or question.workshop_id != workshop.id:
        raise NotFound("question_not_found", _l("There is no such question in this workshop."))
    return question


def question_points(annex: Annex, question_id: int) -> list[AnnexPoint]:
    """A question's points in their order, the pending (new) ones last."""
    points = db.session.scalars(
        select(AnnexPoint).where(
            AnnexPoint.annex_id == annex.id, AnnexPoint.question_id == question_id
        )
    ).all()
    return sorted(points, key=lambda p: (p.pending, p.position, p.id))


def renumber(points: list[AnnexPoint]) -> None:
    for position, point in enumerate(points):
        point.position = position


def _edited(annex: Annex) -> None:
    annex.mark_curated()
    db.session.commit()


def edit_point(workshop: Workshop, point_id: int, text: str) -> AnnexPoint:
    """Give a point new wording; it stays as the editor wrote it whatever the notes do later."""
    annex = compile_annex(workshop)
    point = find_point(annex, point_id)
    text = valid_point_text(text)
    if text != point.text:
        point.text = text
        _edited(annex)
    return point


def set_point_excluded(workshop: Workshop, point_id: int, excluded: bool) -> AnnexPoint:
    """Leave a point out of the document, or put it back; it keeps its place either way."""
    annex = compile_annex(workshop)
    point = settled_point(annex, point_id)
    if point.excluded != excluded:
        point.excluded = excluded
        _edited(annex)
    return point


def move_point(workshop: Workshop, point_id: int, direction: str) -> AnnexPoint:
    """Swap a point with its neighbour above or below; at the end of the list nothing happens."""
    if direction not in MOVES:
        raise DomainError("annex_move_direction", _l("A point can only move up or down."))
    annex = compile_annex(workshop)
    point = settled_point(annex, point_id)
    index = settled_points(annex, point.question_id).index(point)
    return _place(annex, point, index - 1 if direction == "up" else index + 1)


def move_point_to(workshop: Workshop, point_id: int, position: int) -> AnnexPoint:
    """Put a point at `position` (1 is first) among its question's points; past the end is last."""
    annex = compile_annex(workshop)
    point = settled_point(annex, point_id)
    return _place(annex, point, position - 1)


def order_points(workshop: Workshop, question_id: int, point_ids: list[int]) -> list[AnnexPoint]:
    """Give a question's points the order of `point_ids`: every one of its points exactly once
    (new notes not yet taken in are not part of the order; they stay last)."""
    annex = compile_annex(workshop)
    points = settled_points(annex, find_question(workshop, question_id).id)
    by_id = {point.id: point for point in points}
    if len(point_ids) != len(points) or set(point_ids) != set(by_id):
        raise DomainError(
            "annex_order_mismatch",
            _l("The order must list every point of this question exactly once, and no other."),
        )
    ordered = [by_id[point_id] for point_id in point_ids]
    _reorder(annex, ordered)
    return ordered


def settled_point(annex: Annex, point_id) -> AnnexPoint:
    """A point that has a place in the order: a new note must be taken in or left out first."""
    point = find_point(annex, point_id)
    if point.pending:
        raise DomainError("annex_point_pending", _l("Take the new note in or leave it out first."))
    return point


def settled_points(annex: Annex, question_id: int) -> list[AnnexPoint]:
    return [p for p in question_points(annex, question_id) if not p.pending]


def _place(annex: Annex, point: AnnexPoint, index: int) -> AnnexPoint:
    others = [p for p in settled_points(annex, point.question_id) if p is not point]
    others.insert(max(0, min(index, len(others))), point)
    _reorder(annex, others)
    return point


def _reorder(annex: Annex, ordered: list[AnnexPoint]) -> None:
    """Number the points in this order, the new notes after them; a change starts curating."""
    points = question_points(annex, ordered[0].question_id) if ordered else []
    if ordered == [p for p in points if not p.pending]:
        return
    renumber([*ordered, *(p for p in points if p.pending)])
    _edited(annex)


def merge_points(workshop: Workshop, point_ids: list[int], text: str | None = None) -> AnnexPoint:
    """Make one point of several of a question; the first keeps its place and all their sources.

    Without wording the merged point reads as the points did, one after the other.
    """
    ordered = points_for_merge(workshop, point_ids)
    annex = db.session.get_one(Annex, ordered[0].annex_id)
    keep, others = ordered[0], ordered[1:]
    keep.text = valid_point_text(text) if text and text.strip() else joined_text(ordered)
    keep.source_note_ids = merged_sources(ordered)
    keep.manual = all(p.manual for p in ordered)
    keep.excluded = False
    for point in others:
        db.session.delete(point)
    db.session.flush()
    renumber(question_points(annex, keep.question_id))
    _edited(annex)
    return keep


def points_for_merge(workshop: Workshop, point_ids: list[int]) -> list[AnnexPoint]:
    """The points a merge would combine, in their order; refused as the merge would be."""
    annex = compile_annex(workshop)
    points = _points_to_merge(annex, point_ids)
    return [p for p in question_points(annex, points[0].question_id) if p in points]


def _points_to_merge(annex: Annex, point_ids: list[int]) -> list[AnnexPoint]:
    unique_ids = list(dict.fromkeys(point_ids))
    if len(unique_ids) < 2:
        raise DomainError("annex_merge_too_few", _l("Choose at least two points to merge."))
    if len(unique_ids) > MERGE_MAX:
        raise DomainError(
            "annex_merge_too_many",
            _l("At most %(max)s points can be merged at once.", max=MERGE_MAX),
            max=MERGE_MAX,
        )
    points = [find_point(annex, point_id) for point_id in unique_ids]
    if len({p.question_id for p in points}) > 1:
        raise DomainError(
            "annex_merge_questions", _l("Only points under the same question can be merged.")
        )
    if any(p.pending for p in points):
        raise DomainError("annex_point_pending", _l("Take the new note in or leave it out first."))
    return points


def joined_text(points: list[AnnexPoint]) -> str:
    """The merged point's first wording, for the editor to reword: one point (each line of a
    point's text is an item of its own, so the lines joined as they were made several)."""
    text = one_point([p.text for p in points])
    if len(text) > POINT_TEXT_MAX:
        valid_point_text(text)  # raises the too-long error with its limit
    return text


def merged_sources(points: list[AnnexPoint]) -> list[str]:
    return list(dict.fromkeys(note_id for p in points for note_id in p.source_note_ids))


def add_point(workshop: Workshop, question_id: int, text: str) -> AnnexPoint:
    """Add a point by hand at the end of a question's points (before any new notes)."""
    annex = compile_annex(workshop)
    find_question(workshop, question_id)
    text = valid_point_text(text)
    points = question_points(annex, question_id)
    if len(points) >= MAX_POINTS_PER_QUESTION:
        raise DomainError(
            "annex_too_many_points",
            _l(
                "A question can have at most %(max)s points.",
                max=lazy_number(MAX_POINTS_PER_QUESTION),
            ),
            max=MAX_POINTS_PER_QUESTION,
        )
    point = AnnexPoint(
        annex_id=annex.id, question_id=question_id, text=text, manual=True, source_note_ids=[]
    )
    db.session.add(point)
    settled = [p for p in points if not p.pending]
    renumber([*settled, point, *(p for p in points if p.pending)])
    _edited(annex)
    return point


def delete_point(workshop: Workshop, point_id: int) -> None:
    """Remove a point added by hand. Points made from notes are excluded instead, so their
    notes are not offered again as new."""
    annex = compile_annex(workshop)
    point = find_point(annex, point_id)
    if point.source_note_ids:
        raise DomainError(
            "annex_point_from_notes",
            _l("A point made from notes cannot be deleted; exclude it instead."),
        )
    db.session.delete(point)
    _edited(annex)


def decide_new_point(workshop: Workshop, point_id: int, take_in: bool) -> AnnexPoint:
    """Take a new note into the annex, or leave it out (it stays listed as excluded)."""
    annex = compile_annex(workshop)
    point = find_point(annex, point_id)
    if not point.pending:
        raise DomainError("annex_point_not_new", _l("This point has already been decided on."))
    point.pending = False
    point.excluded = not take_in
    if take_in:
        _edited(annex)
    else:
        # Leaving a note out changes nothing in the document, so no new draft is started.
        db.session.commit()
    return point


def take_in_all_new(workshop: Workshop) -> int:
    """Take every new note into the annex; returns how many."""
    annex = compile_annex(workshop)
    count = db.session.execute(
        select(func.count())
        .select_from(AnnexPoint)
        .where(AnnexPoint.annex_id == annex.id, AnnexPoint.pending.is_(True))
    ).scalar_one()
    if count:
        for point in db.session.scalars(
            select(AnnexPoint).where(AnnexPoint.annex_id == annex.id, AnnexPoint.pending.is_(True))
        ):
            point.pending = False
        _edited(annex)
    return count
