"""The points a plenary shows or votes on: which questions a scope names, and their points.

A point is plain data: the raw notes of every group, or the annex's curated points (merged
points once, excluded and pending ones left out). Author names are kept here and left out
later, for each audience, by services.plenary_state.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from workshop.annex.sync import compile_annex
from workshop.extensions import db
from workshop.models import AnnexPoint, Group, Note, NotFound, Participant, Workshop
from workshop.services.outline_tree import find_section_node, numbered_outline, outline_questions


def scoped_question_ids(workshop: Workshop, scope: str, target_id: int | None) -> list[int]:
    """The questions a scope names, in outline order (404 for another workshop's target)."""
    outline = numbered_outline(workshop)
    if scope == "all":
        return [question["id"] for question in outline_questions(outline)]
    if scope == "section":
        node = find_section_node(outline, target_id or 0)
        if node is None:
            raise NotFound(
                "section_not_found",
                _l("There is no such section in this workshop."),
                field="target_id",
            )
        return [question["id"] for question in outline_questions([node])]
    question_ids = [question["id"] for question in outline_questions(outline)]
    if target_id is None or target_id not in question_ids:
        raise NotFound(
            "question_not_found",
            _l("There is no such question in this workshop."),
            field="target_id",
        )
    return [target_id]


def named_questions(workshop: Workshop, question_ids: list[int]) -> list[dict]:
    """The questions' numbers and texts, in outline order: what is shared names them for every
    page, also one that knew only its own group's questions."""
    wanted = set(question_ids)
    return [
        {"id": question["id"], "label": question["full_label"], "text": question["text"]}
        for question in outline_questions(numbered_outline(workshop))
        if question["id"] in wanted
    ]


def points_of(workshop: Workshop, source: str, question_ids: list[int]) -> list[dict]:
    """The points of these questions, in outline order: raw notes or curated points."""
    if source == "curated":
        return curated_points(workshop, question_ids)
    return raw_points(workshop, question_ids)


def in_question_order(points: list[dict], question_ids: list[int]) -> list[dict]:
    order = {question_id: index for index, question_id in enumerate(question_ids)}
    return sorted(points, key=lambda point: order[point["question_id"]])  # stable: keeps the rest


def group_names(workshop: Workshop) -> dict[int, str]:
    rows = db.session.execute(select(Group.id, Group.name).where(Group.workshop_id == workshop.id))
    return dict(rows.all())


def raw_points(workshop: Workshop, question_ids: list[int]) -> list[dict]:
    """Every group's notes (not deleted) under these questions, as the groups wrote them."""
    if not question_ids:
        return []
    names = group_names(workshop)
    rows = db.session.execute(
        select(Note.id, Note.question_id, Note.group_id, Note.text, Participant.display_name)
        .outerjoin(Participant, Participant.id == Note.participant_id)
        .join(Group, Group.id == Note.group_id)
        .where(
            Note.workshop_id == workshop.id,
            Note.deleted_at.is_(None),
            Note.question_id.in_(question_ids),
        )
        .order_by(Group.position, Group.id, Note.created_at, Note.id)
    )
    points = [
        {
            "id": row.id,
            "question_id": row.question_id,
            "group_id": row.group_id,
            "group_name": names.get(row.group_id, ""),
            "text": row.text,
            "author_name": row.display_name or "",
        }
        for row in rows
    ]
    return in_question_order(points, question_ids)


def curated_points(workshop: Workshop, question_ids: list[int]) -> list[dict]:
    """The annex's points under these questions as curated (in the document only)."""
    annex = compile_annex(workshop)
    points = db.session.scalars(
        select(AnnexPoint)
        .where(
            AnnexPoint.annex_id == annex.id,
            AnnexPoint.question_id.in_(question_ids),
            AnnexPoint.excluded.is_(False),
            AnnexPoint.pending.is_(False),
        )
        .order_by(AnnexPoint.position, AnnexPoint.id)
    ).all()
    group_of = note_groups([note_id for point in points for note_id in point.source_note_ids])
    names = group_names(workshop)
    shaped = []
    for point in points:
        groups = {group_of[note_id] for note_id in point.source_note_ids if note_id in group_of}
        group_id = groups.pop() if len(groups) == 1 else None
        shaped.append(
            {
                "id": f"p{point.id}",
                "annex_point_id": point.id,
                "question_id": point.question_id,
                "group_id": group_id,
                "group_name": names.get(group_id, "") if group_id is not None else "",
                "text": point.text,
            }
        )
    return in_question_order(shaped, question_ids)


def note_groups(note_ids: list[str]) -> dict[str, int]:
    if not note_ids:
        return {}
    rows = db.session.execute(select(Note.id, Note.group_id).where(Note.id.in_(set(note_ids))))
    return dict(rows.all())
