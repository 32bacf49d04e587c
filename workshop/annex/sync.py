"""Compiling: keep the annex's points in step with the notes without touching curated text.

Until the editor's first change the points mirror the notes exactly (edits and deletions follow).
From then on only the editor changes points; a note the annex has not seen arrives as a pending
point, marked new, for the editor to take in or leave out.
"""

import hashlib
from collections.abc import Sequence
from typing import cast

from sqlalchemy import Row, Table, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from workshop.extensions import db
from workshop.models import Annex, AnnexPoint, Group, Note, Workshop

DELETE_CHUNK = 500


def annex_for(workshop: Workshop) -> Annex:
    """The workshop's annex, created (and committed) on first use."""
    annex = db.session.scalar(select(Annex).where(Annex.workshop_id == workshop.id))
    if annex is not None:
        return annex
    annex = Annex(workshop_id=workshop.id)
    db.session.add(annex)
    try:
        db.session.commit()
    except IntegrityError:
        # Another request created it at the same moment: use theirs.
        db.session.rollback()
        annex = db.session.execute(
            select(Annex).where(Annex.workshop_id == workshop.id)
        ).scalar_one()
    return annex


def live_note_rows(workshop_id: int) -> Sequence[Row]:
    """The workshop's notes that are not deleted, in the annex's stable order.

    By group position, then creation time, then id: the order never depends on the database.
    """
    statement = (
        select(Note.id, Note.question_id, Note.group_id, Note.text)
        .join(Group, Group.id == Note.group_id)
        .where(Note.workshop_id == workshop_id, Note.deleted_at.is_(None))
        .order_by(Group.position, Group.id, Note.created_at, Note.id)
    )
    return db.session.connection().execute(statement).all()


def compile_annex(workshop: Workshop) -> Annex:
    """Bring the annex's points up to date with the notes; commits only if something changed."""
    annex = annex_for(workshop)
    fingerprint = notes_fingerprint(workshop.id)
    if annex.notes_fingerprint == fingerprint:
        return annex
    notes = live_note_rows(workshop.id)
    points = _point_rows(annex.id)
    if annex.is_curated:
        _take_new_notes(annex, notes, points)
    else:
        _mirror(annex, notes, points)
    annex.notes_fingerprint = fingerprint
    db.session.commit()
    return annex


def notes_fingerprint(workshop_id: int) -> str:
    """A digest that changes whenever a note is added, edited, moved or deleted, or the groups
    are reordered (one aggregate query, so checking it costs little even for many notes)."""
    notes = db.session.execute(
        select(
            func.count(),
            func.count(Note.deleted_at),
            func.max(Note.deleted_at),
            func.max(Note.updated_at),
            func.max(Note.created_at),
            func.coalesce(func.sum(Note.revision), 0),
            func.coalesce(func.sum(Note.question_id), 0),
            func.coalesce(func.sum(Note.group_id), 0),
            func.max(Note.seq),
        ).where(Note.workshop_id == workshop_id)
    ).one()
    groups = db.session.execute(
        select(Group.id, Group.position).where(Group.workshop_id == workshop_id).order_by(Group.id)
    ).all()
    return hashlib.sha256(repr((tuple(notes), [tuple(g) for g in groups])).encode()).hexdigest()


def _point_rows(annex_id: int) -> Sequence[Row]:
    statement = select(
        AnnexPoint.id,
        AnnexPoint.question_id,
        AnnexPoint.position,
        AnnexPoint.text,
        AnnexPoint.source_note_ids,
    ).where(AnnexPoint.annex_id == annex_id)
    return db.session.connection().execute(statement).all()


def _mirror(annex: Annex, notes: Sequence[Row], points: Sequence[Row]) -> bool:
    """One point per note, same wording, same order; points of vanished notes go."""
    by_note = {row.source_note_ids[0]: row for row in points if len(row.source_note_ids) == 1}
    matched: set[int] = set()
    next_position: dict[int, int] = {}
    inserts, updates = [], []
    for note in notes:
        position = next_position.get(note.question_id, 0)
        next_position[note.question_id] = position + 1
        row = by_note.get(note.id)
        if row is None:
            inserts.append(_new_point(annex.id, note, position, pending=False))
            continue
        matched.add(row.id)
        if (row.question_id, row.position, row.text) != (note.question_id, position, note.text):
            updates.append(
                {
                    "id": row.id,
                    "question_id": note.question_id,
                    "position": position,
                    "text": note.text,
                }
            )
    stale = [row.id for row in points if row.id not in matched]
    _write(inserts, updates, stale)
    return bool(inserts or updates or stale)


def _take_new_notes(annex: Annex, notes: Sequence[Row], points: Sequence[Row]) -> bool:
    """Append each note no point has come from as a pending point at the end of its question."""
    known: set[str] = set()
    last_position: dict[int, int] = {}
    for row in points:
        known.update(row.source_note_ids)
        last_position[row.question_id] = max(row.position, last_position.get(row.question_id, -1))
    inserts = []
    for note in notes:
        if note.id in known:
            continue
        position = last_position.get(note.question_id, -1) + 1
        last_position[note.question_id] = position
        inserts.append(_new_point(annex.id, note, position, pending=True))
    _write(inserts, [], [])
    return bool(inserts)


def _new_point(annex_id: int, note, position: int, pending: bool) -> dict:
    return {
        "annex_id": annex_id,
        "question_id": note.question_id,
        "position": position,
        "text": note.text,
        "pending": pending,
        "excluded": False,
        "manual": False,
        "source_note_ids": [note.id],
    }


def _write(inserts: list[dict], updates: list[dict], stale: list[int]) -> None:
    """Plain Core statements with many rows each: the ORM's per-object work is not needed here."""
    table = cast(Table, AnnexPoint.__table__)  # typed as any FromClause; a model's is a Table
    if inserts:
        db.session.execute(insert(table), inserts)
    if updates:
        statement = (
            update(table)
            .where(table.c.id == bindparam("point_id"))
            .values(
                question_id=bindparam("question_id"),
                position=bindparam("position"),
                text=bindparam("text"),
            )
        )
        db.session.execute(statement, [{**row, "point_id": row.pop("id")} for row in updates])
    for start in range(0, len(stale), DELETE_CHUNK):
        db.session.execute(delete(table).where(table.c.id.in_(stale[start : start + DELETE_CHUNK])))
