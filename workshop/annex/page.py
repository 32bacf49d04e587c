"""What the annex page shows: every point with its sources, the suggestions and the versions."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from workshop.annex.build import effective_header
from workshop.annex.duplicates import suggest_duplicates
from workshop.annex.outline import outline_tree, walk_questions
from workshop.annex.sync import compile_annex
from workshop.annex.text import parse_items
from workshop.annex.versions import approved_versions, changed_since_approval
from workshop.annex.votes import VoteCounts, vote_counts
from workshop.extensions import db
from workshop.models import Annex, AnnexPoint, AnnexVersion, Group, Note, Workshop


@dataclass
class AnnexPage:
    annex: Annex
    header: dict
    sections: list[dict]
    versions: Sequence[AnnexVersion]
    new_count: int
    point_count: int
    # Every question in document order (the votes form's choice of question).
    questions: list[dict]
    # Whether there is a finished vote (the page then offers to order points by votes).
    has_votes: bool = False
    # Whether the approved annex no longer reads as approved (the votes or details changed).
    changed_since_approval: bool = False


def annex_page(workshop: Workshop) -> AnnexPage:
    """Compile the annex and gather everything its page shows."""
    annex = compile_annex(workshop)
    counts = vote_counts(workshop.id)
    points = _points_by_question(workshop, annex, counts)
    suggestions = suggest_duplicates(workshop, annex)
    sections = outline_tree(workshop.id)
    for section in _all_sections(sections):
        for question in section["questions"]:
            _fill_question(question, points.get(question["id"], []), suggestions)
    flat = [p for question_points in points.values() for p in question_points]
    return AnnexPage(
        annex=annex,
        header=effective_header(workshop, annex),
        sections=sections,
        versions=approved_versions(annex),
        new_count=sum(1 for p in flat if p["pending"]),
        point_count=sum(1 for p in flat if not p["pending"] and not p["excluded"]),
        questions=[question for _section, question in walk_questions(sections)],
        has_votes=counts is not None,
        changed_since_approval=changed_since_approval(workshop, annex),
    )


def _all_sections(sections: list[dict]):
    for section in sections:
        yield section
        yield from _all_sections(section["blocks"])


def _fill_question(question: dict, points: list[dict], suggestions: dict) -> None:
    by_id = {p["id"]: p for p in points}
    question["points"] = [p for p in points if not p["pending"]]
    question["new_points"] = [p for p in points if p["pending"]]
    question["suggestions"] = [
        {
            "first": by_id[s.first_point_id],
            "second": by_id[s.second_point_id],
            "percent": round(s.similarity * 100),
        }
        for s in suggestions.get(question["id"], [])
        if s.first_point_id in by_id and s.second_point_id in by_id
    ]


def _points_by_question(
    workshop: Workshop, annex: Annex, counts: VoteCounts | None
) -> dict[int, list[dict]]:
    notes = _notes_by_id(workshop)
    statement = (
        select(AnnexPoint)
        .where(AnnexPoint.annex_id == annex.id)
        .order_by(AnnexPoint.question_id, AnnexPoint.pending, AnnexPoint.position, AnnexPoint.id)
    )
    result: dict[int, list[dict]] = {}
    for point in db.session.scalars(statement):
        result.setdefault(point.question_id, []).append(_point_view(point, notes, counts))
    return result


def point_views(workshop: Workshop, points: list[AnnexPoint]) -> list[dict]:
    """How the page shows these points: wording, sub-points, sources and decisions."""
    notes = _notes_by_id(workshop)
    counts = vote_counts(workshop.id)
    return [_point_view(point, notes, counts) for point in points]


def _point_view(point: AnnexPoint, notes: dict[str, dict], counts: VoteCounts | None) -> dict:
    sources = [notes[n] for n in point.source_note_ids if n in notes]
    return {
        "id": point.id,
        "question_id": point.question_id,
        "text": point.text,
        "items": parse_items(point.text),
        "excluded": point.excluded,
        "pending": point.pending,
        "manual": point.manual,
        "sources": sources,
        # The wording differs from the note it came from: the editor's, or a later edit.
        "reworded": len(sources) == 1 and sources[0]["text"] != point.text,
        "votes": counts.of_point(point.id, point.source_note_ids) if counts else None,
        "top": point.top,
    }


def _notes_by_id(workshop: Workshop) -> dict[str, dict]:
    """Every note of the workshop (deleted ones too) with its group, never its author."""
    statement = (
        select(Note.id, Note.text, Note.deleted_at, Group.name)
        .join(Group, Group.id == Note.group_id)
        .where(Note.workshop_id == workshop.id)
    )
    return {
        row.id: {
            "note_id": row.id,
            "group": row.name,
            "text": row.text,
            "deleted": row.deleted_at is not None,
        }
        for row in db.session.execute(statement)
    }
