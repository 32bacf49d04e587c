"""Likely duplicates across groups, per question: character n-gram TF-IDF and cosine similarity.

Character n-grams within word boundaries cope with Danish and Norwegian compounds and
inflections without a language model; everything runs offline with scikit-learn.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import Row, select

from workshop.annex.curate import find_point, merge_points
from workshop.annex.sync import annex_for
from workshop.extensions import db
from workshop.models import Annex, AnnexPoint, DismissedDuplicate, DomainError, Note, Workshop

SIMILARITY_THRESHOLD = 0.5
SUGGESTIONS_PER_QUESTION = 20
# Comparing every pair grows with the square; beyond this many points a question is not scanned.
POINTS_SCANNED_PER_QUESTION = 1500
ROWS_PER_BLOCK = 500


@dataclass(frozen=True)
class Suggestion:
    question_id: int
    first_point_id: int
    second_point_id: int
    similarity: float


def suggest_duplicates(workshop: Workshop, annex: Annex) -> dict[int, list[Suggestion]]:
    """Per question id, pairs of points from different groups that probably say the same."""
    points = _candidate_points(annex)
    if len(points) < 2:
        return {}
    note_group = dict(
        db.session.execute(
            select(Note.id, Note.group_id).where(Note.workshop_id == workshop.id)
        ).all()
    )
    # Imported here: scikit-learn takes over a second to import and only this page needs it.
    from sklearn.feature_extraction.text import TfidfVectorizer

    groups = [frozenset(note_group.get(n) for n in p.source_note_ids) - {None} for p in points]
    try:
        vectors = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True
        ).fit_transform([p.text for p in points])
    except ValueError:  # nothing but very short texts: no n-grams to compare
        return {}
    dismissed = _dismissed_pairs(annex)
    by_question: dict[int, list[int]] = {}
    for index, point in enumerate(points):
        by_question.setdefault(point.question_id, []).append(index)
    result = {}
    for question_id, indexes in by_question.items():
        pairs = _similar_pairs(vectors, indexes[:POINTS_SCANNED_PER_QUESTION])
        found = []
        for score, i, j in pairs:
            first, second = sorted((points[i].id, points[j].id))
            across_groups = groups[i] and groups[j] and not groups[i] & groups[j]
            if across_groups and (first, second) not in dismissed:
                found.append(Suggestion(question_id, first, second, round(score, 2)))
        if found:
            result[question_id] = found[:SUGGESTIONS_PER_QUESTION]
    return result


def _candidate_points(annex: Annex) -> Sequence[Row]:
    statement = (
        select(AnnexPoint.id, AnnexPoint.question_id, AnnexPoint.text, AnnexPoint.source_note_ids)
        .where(
            AnnexPoint.annex_id == annex.id,
            AnnexPoint.excluded.is_(False),
            AnnexPoint.pending.is_(False),
        )
        .order_by(AnnexPoint.question_id, AnnexPoint.position, AnnexPoint.id)
    )
    return db.session.execute(statement).all()


def _similar_pairs(vectors, indexes: list[int]) -> list[tuple[float, int, int]]:
    """(similarity, i, j) for i < j above the threshold, most similar first; rows are
    L2-normalised, so the dot product is the cosine similarity."""
    if len(indexes) < 2:
        return []
    matrix = vectors[indexes]
    pairs = []
    for start in range(0, len(indexes), ROWS_PER_BLOCK):
        block = (matrix[start : start + ROWS_PER_BLOCK] @ matrix.T).toarray()
        for row, scores in enumerate(block):
            i = start + row
            for j in (scores >= SIMILARITY_THRESHOLD).nonzero()[0]:
                if j > i:
                    pairs.append((float(scores[j]), indexes[i], indexes[j]))
    return sorted(pairs, key=lambda pair: -pair[0])


def _dismissed_pairs(annex: Annex) -> set[tuple[int, int]]:
    statement = select(DismissedDuplicate.first_point_id, DismissedDuplicate.second_point_id).where(
        DismissedDuplicate.annex_id == annex.id
    )
    return {(first, second) for first, second in db.session.execute(statement)}


def _pair(annex: Annex, first_id: int, second_id: int) -> tuple[AnnexPoint, AnnexPoint]:
    if first_id == second_id:
        raise DomainError("annex_pair_same", _l("A point cannot duplicate itself."))
    first, second = find_point(annex, first_id), find_point(annex, second_id)
    return (first, second) if first.id < second.id else (second, first)


def accept_duplicate(workshop: Workshop, first_id: int, second_id: int) -> AnnexPoint:
    """Merge a suggested pair: the fuller wording is kept, both points' sources are kept."""
    annex = annex_for(workshop)
    first, second = _pair(annex, first_id, second_id)
    wording = max((first.text, second.text), key=len)
    return merge_points(workshop, [first.id, second.id], wording)


def dismiss_duplicate(workshop: Workshop, first_id: int, second_id: int) -> None:
    """Say a suggested pair is not a duplicate; it is not suggested again."""
    annex = annex_for(workshop)
    first, second = _pair(annex, first_id, second_id)
    exists = db.session.scalar(
        select(DismissedDuplicate.id).where(
            DismissedDuplicate.annex_id == annex.id,
            DismissedDuplicate.first_point_id == first.id,
            DismissedDuplicate.second_point_id == second.id,
        )
    )
    if exists is None:
        db.session.add(
            DismissedDuplicate(
                annex_id=annex.id, first_point_id=first.id, second_point_id=second.id
            )
        )
        db.session.commit()
