"""Compiling: keep the annex's points in step with the notes without touching curated text.

Until the editor's first change the points mirror the notes exactly (edits and deletions follow).
From then on only the editor changes points; a note the annex has not seen arrives as a pending
point, marked new, for the editor to take in or leave out.
"""

from sqlalchemy import delete, insert, select, update
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
        annex = db.session.scalar(select(Annex).where(Annex.workshop_id == workshop.id))
    return annex


def live_note_rows(workshop_id: int) -> list:
    """The workshop's notes that are not deleted, in the annex's stable order.

    By group position, then creation time, then id: the order never depends on the database.
    """
    statement = (
        select(Note.id, Note.question_id, Note.group_id, Note.text)
        .join(Group, Group.id == Note.group_id)
        .where(Note.workshop_id == workshop_id, Note.deleted_at.is_(None))
        .order_by(Group.position, Group.id, Note.created_at, Note.id)
    )
    return db.session.execute(statement).all()


def compile_annex(workshop: Workshop) -> Annex:
    """Bring the annex's points up to date with the notes; commits only if something changed."""
    annex = annex_for(workshop)
    notes = live_note_rows(workshop.id)
    points = _point_rows(annex.id)
    changed = (
        _take_new_notes(annex, notes, points) if annex.is_curated else _mirror(annex, notes, points)
    )
    if changed:
        db.session.commit()
    return annex


def _point_rows(annex_id: int) -> list:
    statement = select(
        AnnexPoint.id,
        AnnexPoint.question_id,
        AnnexPoint.position,
        AnnexPoint.text,
        AnnexPoint.source_note_ids,
    ).where(AnnexPoint.annex_id == annex_id)
    return db.session.execute(statement).all()


def _mirror(annex: Annex, notes: list, points: list) -> bool:
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


def _take_new_notes(annex: Annex, notes: list, points: list) -> bool:
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
    if inserts:
        db.session.execute(insert(AnnexPoint), inserts)
    if updates:
        db.session.execute(update(AnnexPoint), updates)
    for start in range(0, len(stale), DELETE_CHUNK):
        chunk = stale[start : start + DELETE_CHUNK]
        db.session.execute(
            delete(AnnexPoint)
            .where(AnnexPoint.id.in_(chunk))
            .execution_options(synchronize_session=False)
        )
