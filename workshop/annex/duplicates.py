"""Likely duplicates across groups, per question: character n-gram TF-IDF and cosine similarity.

Character n-grams within word boundaries cope with Danish and Norwegian compounds and
inflections without a language model; everything runs offline with scikit-learn.
"""

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

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
# A question's pairs are kept, most similar first, for as long as its points read the same: a
# page view after a change to one question weighs only that question again (10,000 points took
# seconds to weigh). The best pairs are enough to fill the suggestions unless most of them are
# within one group or dismissed; then the question is weighed again in full.
PAIRS_KEPT_PER_QUESTION = 500
QUESTIONS_KEPT = 256  # at most 500 pairs of 16 bytes each: a few megabytes in all


@dataclass(frozen=True)
class Suggestion:
    question_id: int
    first_point_id: int
    second_point_id: int
    similarity: float


@dataclass(frozen=True)
class RankedPairs:
    """A question's pairs above the threshold as positions in its list of points, most similar
    first (numpy arrays: kept compact); `complete` is False where only the best were kept."""

    scores: Any
    firsts: Any
    seconds: Any
    complete: bool


_ranked_by_texts: OrderedDict[str, RankedPairs] = OrderedDict()
_ranked_lock = threading.Lock()  # pages of two requests may read and keep at the same time


def suggest_duplicates(workshop: Workshop, annex: Annex) -> dict[int, list[Suggestion]]:
    """Per question id, pairs of points from different groups that probably say the same.

    Each question is weighed on its own (its own vocabulary and weights), so that a change in
    one question leaves the others' weighing as it was.
    """
    points = _candidate_points(annex)
    if len(points) < 2:
        return {}
    note_group = dict(
        db.session.execute(
            select(Note.id, Note.group_id).where(Note.workshop_id == workshop.id)
        ).all()
    )
    dismissed = _dismissed_pairs(annex)
    result = {}
    for question_id, question_points in groupby(points, key=lambda point: point.question_id):
        scanned = list(question_points)[:POINTS_SCANNED_PER_QUESTION]
        found = _question_suggestions(question_id, scanned, note_group, dismissed)
        if found:
            result[question_id] = found
    return result


def _question_suggestions(
    question_id: int,
    points: list[Row],
    note_group: dict[str, int],
    dismissed: set[tuple[int, int]],
) -> list[Suggestion]:
    """One question's suggestions: its most similar pairs across groups, not dismissed."""
    groups = [frozenset(note_group.get(n) for n in p.source_note_ids) - {None} for p in points]

    def suggestion(score: float, i: int, j: int) -> Suggestion | None:
        first, second = sorted((points[i].id, points[j].id))
        across_groups = groups[i] and groups[j] and not groups[i] & groups[j]
        if across_groups and (first, second) not in dismissed:
            return Suggestion(question_id, first, second, round(score, 2))
        return None

    texts = [point.text for point in points]
    found = _best_suggestions(_ranked_pairs(texts), suggestion)
    if found is None:  # the kept pairs ran out: weigh the question again, every pair
        found = _best_suggestions(_ranked_pairs(texts, keep_all=True), suggestion)
    return found or []


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


def _best_suggestions(
    ranked: RankedPairs, suggestion: Callable[[float, int, int], Suggestion | None]
) -> list[Suggestion] | None:
    """The most similar suggestions, up to SUGGESTIONS_PER_QUESTION; None when the pairs kept
    ran out before that many were found and there are more."""
    found = []
    columns = (ranked.scores.tolist(), ranked.firsts.tolist(), ranked.seconds.tolist())
    for pair in zip(*columns, strict=True):
        made = suggestion(*pair)
        if made is not None:
            found.append(made)
            if len(found) == SUGGESTIONS_PER_QUESTION:
                return found
    return found if ranked.complete else None


def _ranked_pairs(texts: list[str], keep_all: bool = False) -> RankedPairs:
    """The question's pairs, most similar first: from the last weighing of the same texts, or
    weighed now."""
    key = hashlib.sha256("\x1f".join(texts).encode()).hexdigest()
    with _ranked_lock:
        kept = _ranked_by_texts.get(key)
        if kept is not None and (kept.complete or not keep_all):
            _ranked_by_texts.move_to_end(key)
            return kept
    ranked = _weigh(texts, None if keep_all else PAIRS_KEPT_PER_QUESTION)
    with _ranked_lock:
        _ranked_by_texts[key] = ranked
        while len(_ranked_by_texts) > QUESTIONS_KEPT:
            _ranked_by_texts.popitem(last=False)
    return ranked


def _weigh(texts: list[str], most: int | None) -> RankedPairs:
    """(similarity, i, j) for i < j above the threshold, most similar first (ties in reading
    order), at most `most` of them; rows are L2-normalised, so the dot product is the cosine."""
    # Imported here: scikit-learn takes over a second to import and only this page needs it.
    import numpy
    from sklearn.feature_extraction.text import TfidfVectorizer

    none = RankedPairs(numpy.empty(0), numpy.empty(0, int), numpy.empty(0, int), complete=True)
    if len(texts) < 2:
        return none

    try:
        matrix = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True
        ).fit_transform(texts)
    except ValueError:  # nothing but very short texts: no n-grams to compare
        return none
    scores, firsts, seconds = [], [], []
    for start in range(0, len(texts), ROWS_PER_BLOCK):
        block = (matrix[start : start + ROWS_PER_BLOCK] @ matrix.T).toarray()
        rows, columns = numpy.nonzero(block >= SIMILARITY_THRESHOLD)
        later = columns > rows + start  # each pair once, never a point with itself
        rows, columns = rows[later], columns[later]
        scores.append(block[rows, columns])
        firsts.append(rows + start)
        seconds.append(columns)
    all_scores = numpy.concatenate(scores)
    order = numpy.argsort(-all_scores, kind="stable")
    kept = order if most is None else order[:most]
    return RankedPairs(
        all_scores[kept],
        numpy.concatenate(firsts)[kept].astype(numpy.int32),
        numpy.concatenate(seconds)[kept].astype(numpy.int32),
        complete=len(kept) == len(order),
    )


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
