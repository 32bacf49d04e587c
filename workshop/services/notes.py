"""Writing notes: add, edit and delete, idempotent by the client's ids, each a numbered change.

Every write takes the next `seq` of the workshop (take_seq) in the same transaction as the
note and its Change row, then commits. A repeated client id returns the first result unchanged
(created=False) so that callers do not broadcast it again.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from workshop.extensions import db
from workshop.models import (
    Change,
    Conflict,
    Facilitator,
    Group,
    Note,
    NoteRevision,
    Participant,
    Workshop,
)
from workshop.models.base import utcnow
from workshop.models.note import allocate_seq_with_status
from workshop.services.changes import note_dict
from workshop.services.live import rolls_back
from workshop.services.note_rules import (
    Actor,
    clean_text,
    note_in,
    question_for,
    require_accepts_notes,
    require_actor_in,
    require_may_change,
    require_may_change_now,
    require_question_open,
    writing_group,
)
from workshop.services.shares import follow_note

NOTE_ADDED = "note:added"
NOTE_EDITED = "note:edited"
NOTE_DELETED = "note:deleted"


@dataclass(frozen=True)
class NoteResult:
    """What a write gives back: the change to broadcast (if new), its seq and the note dict.

    owner_ids is the note's (participant_id, facilitator_id): the writer's ack says "is_own"
    from it without asking the database again. `follow` is the change a raw share records for
    the note (services.shares.follow_note), published right after the note's own.
    """

    seq: int
    note: dict
    change: Change | None
    created: bool
    owner_ids: tuple[int | None, int | None] = (None, None)
    follow: Change | None = None

    @property
    def new_changes(self) -> tuple[Change, ...]:
        """What to publish: the change (and its share's), unless this repeats an earlier write."""
        if not self.created or self.change is None:
            return ()
        return (self.change,) if self.follow is None else (self.change, self.follow)


# --- Repeated ids: the first result ---


def first_result(workshop_id: int, op_id: str) -> Change | None:
    return db.session.scalar(
        select(Change).where(Change.workshop_id == workshop_id, Change.op_id == op_id)
    )


def owners_of(note: Note) -> tuple[int | None, int | None]:
    return note.participant_id, note.facilitator_id


def result_of(change: Change, note: Note) -> NoteResult:
    return first_result_of(change, owners_of(note))


def first_result_of(change: Change, owner_ids: tuple[int | None, int | None]) -> NoteResult:
    """An earlier change's result, answered again (nothing new to publish)."""
    return NoteResult(
        seq=change.seq,
        note=dict(change.payload["note"]),
        change=None,
        created=False,
        owner_ids=owner_ids,
    )


def repeated_add(
    workshop: Workshop, actor: Actor, note_id: str, question_id: int, group_id: int | None
) -> NoteResult | None:
    """The first result of an earlier note:add with this id, or None if the id is new."""
    return first_add(workshop.id, author_ids(actor), note_id, question_id, group_id)


def author_ids(actor: Actor) -> tuple[int | None, int | None]:
    """(participant_id, facilitator_id) of a note this actor writes."""
    if isinstance(actor, Participant):
        return actor.id, None
    return None, actor.id


def first_add(
    workshop_id: int,
    author: tuple[int | None, int | None],
    note_id: str,
    question_id: int,
    group_id: int | None,
) -> NoteResult | None:
    """The first result of an earlier note:add with this id by this author, or None if new."""
    note = db.session.get(Note, note_id, populate_existing=True)
    if note is None:
        return None
    same_group = group_id is None or group_id == note.group_id
    change = first_result(workshop_id, note_id)
    if (
        note.workshop_id != workshop_id
        or note.question_id != question_id
        or not same_group
        or owners_of(note) != author
        or change is None
        or change.kind != NOTE_ADDED
    ):
        raise Conflict(
            "note_id_conflict", _l("This note id is already used for another note."), field="id"
        )
    return result_of(change, note)


def repeated_op(workshop: Workshop, op_id: str, kind: str, note: Note) -> NoteResult | None:
    """The first result of an earlier edit/delete with this op_id, or None if it is new."""
    return first_op(workshop.id, op_id, kind, note.id, owners_of(note))


def first_op(
    workshop_id: int, op_id: str, kind: str, note_id: str, owner_ids: tuple[int | None, int | None]
) -> NoteResult | None:
    """repeated_op, from the note's id and owners."""
    change = first_result(workshop_id, op_id)
    if change is None:
        return None
    if change.kind != kind or change.note_id != note_id:
        raise Conflict(
            "op_id_conflict",
            _l("This operation id is already used for something else."),
            field="op_id",
        )
    return first_result_of(change, owner_ids)


# --- Writing ---


def take_seq(workshop: Workshop) -> int:
    """Take the workshop's next seq in this transaction, and learn its status under the lock.

    The loaded workshop is updated in place, without re-reading the row.
    """
    seq, status = allocate_seq_with_status(workshop.id)
    set_committed_value(workshop, "last_seq", seq)
    set_committed_value(workshop, "status", status)
    return seq


def record_change(note: Note, kind: str, op_id: str, seq: int) -> Change:
    change = Change(
        workshop_id=note.workshop_id,
        seq=seq,
        op_id=op_id,
        kind=kind,
        group_id=note.group_id,
        note_id=note.id,
        payload={"note": note_dict(note)},
    )
    db.session.add(change)
    return change


def commit_change(change: Change, note: Note) -> NoteResult:
    result = NoteResult(
        seq=change.seq,
        note=dict(change.payload["note"]),
        change=change,
        created=True,
        owner_ids=owners_of(note),
        follow=follow_note(note.workshop_id, change.payload["note"], change.kind),
    )
    commit_keeping_loaded()
    return result


def commit_keeping_loaded() -> None:
    """Commit without expiring what this transaction read and wrote.

    The caller broadcasts and acknowledges right after, from the change and the workshop it
    holds; expired, each would be read again, each read a transaction of its own (on SQLite a
    BEGIN IMMEDIATE queuing behind the other writers). They were read or written in the
    transaction just committed, so they are what was committed.
    """
    session = db.session()
    expire = session.expire_on_commit
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expire


@rolls_back
def add_note(
    workshop: Workshop,
    actor: Actor,
    note_id: str,
    question_id: int,
    text: str,
    group_id: int | None = None,
) -> NoteResult:
    """Add a note with the client's id; the same id again returns the first result."""
    require_actor_in(workshop, actor)
    first = repeated_add(workshop, actor, note_id, question_id, group_id)
    if first is not None:
        return first
    group = writing_group(workshop, actor, group_id)
    question_for(workshop, group, question_id)
    text = clean_text(text)
    require_accepts_notes(workshop)
    try:
        return insert_note(workshop, actor, note_id, question_id, group, text)
    except IntegrityError:
        # Another request stored the same id first: answer with its result.
        db.session.rollback()
        first = repeated_add(workshop, actor, note_id, question_id, group_id)
        if first is None:
            raise
        return first


def insert_note(
    workshop: Workshop, actor: Actor, note_id: str, question_id: int, group: Group, text: str
) -> NoteResult:
    seq = take_seq(workshop)  # also serialises this workshop's writers until commit
    require_accepts_notes(workshop)  # again, with the status take_seq read under the lock
    require_question_open(workshop, actor, question_id)  # locks and steps, under the lock too
    now = utcnow()
    note = Note(
        id=note_id,
        workshop_id=workshop.id,
        question_id=question_id,
        group_id=group.id,
        participant_id=actor.id if isinstance(actor, Participant) else None,
        facilitator_id=actor.id if isinstance(actor, Facilitator) else None,
        text=text,
        revision=1,
        seq=seq,
        created_at=now,
        updated_at=now,
    )
    db.session.add(note)
    db.session.flush()
    return commit_change(record_change(note, NOTE_ADDED, note_id, seq), note)


def locked_note(note_id: str) -> Note:
    """The note re-read under a row lock (PostgreSQL), so revision checks see the latest."""
    return db.session.scalars(
        select(Note)
        .where(Note.id == note_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def keep_revision(note: Note, actor: Actor) -> None:
    """Keep the text the note had; the revision records who replaced it."""
    db.session.add(
        NoteRevision(
            note_id=note.id,
            revision=note.revision,
            text=note.text,
            participant_id=actor.id if isinstance(actor, Participant) else None,
            facilitator_id=actor.id if isinstance(actor, Facilitator) else None,
        )
    )


def stale(note: Note) -> Conflict:
    return stale_note(note_dict(note))


def stale_note(current: dict) -> Conflict:
    """The edit was based on an older revision than `current` (a note dict)."""
    return Conflict(
        "stale_revision",
        _l("This note was changed in the meantime. Look at the current text and try again."),
        note=current,
        current_revision=current["revision"],
        current_text=current["text"],
    )


def note_deleted(note: Note) -> Conflict:
    return deleted_note(note_dict(note))


def deleted_note(current: dict) -> Conflict:
    return Conflict("note_deleted", _l("This note has been deleted."), note=current)


@rolls_back
def edit_note(
    workshop: Workshop, actor: Actor, note_id: str, op_id: str, base_revision: int, text: str
) -> NoteResult:
    """Replace a note's text, if it is still the revision the user edited."""
    require_actor_in(workshop, actor)
    note = note_in(workshop, note_id)
    require_may_change(workshop, actor, note)
    first = repeated_op(workshop, op_id, NOTE_EDITED, note)
    if first is not None:
        return first
    require_may_change_now(workshop, actor)
    text = clean_text(text)
    try:
        return write_edit(workshop, actor, note_id, op_id, base_revision, text)
    except IntegrityError:
        db.session.rollback()
        first = repeated_op(workshop, op_id, NOTE_EDITED, note_in(workshop, note_id))
        if first is None:
            raise
        return first


def write_edit(
    workshop: Workshop, actor: Actor, note_id: str, op_id: str, base_revision: int, text: str
) -> NoteResult:
    note = locked_note(note_id)
    if note.deleted_at is not None:
        raise note_deleted(note)
    if text == note.text:
        # Nothing to change, whatever the user's revision was: no conflict, no new change.
        db.session.rollback()
        return NoteResult(
            seq=note.seq,
            note=note_dict(note),
            change=None,
            created=False,
            owner_ids=owners_of(note),
        )
    if base_revision != note.revision:
        raise stale(note)
    seq = take_seq(workshop)
    require_question_open(workshop, actor, note.question_id)
    keep_revision(note, actor)
    note.text = text
    note.revision += 1
    note.seq = seq
    note.updated_at = utcnow()
    db.session.flush()
    return commit_change(record_change(note, NOTE_EDITED, op_id, seq), note)


@rolls_back
def delete_note(
    workshop: Workshop,
    actor: Actor,
    note_id: str,
    op_id: str,
    base_revision: int | None = None,
) -> NoteResult:
    """Soft-delete a note (its text is kept as a revision); deleting twice is harmless."""
    require_actor_in(workshop, actor)
    note = note_in(workshop, note_id)
    require_may_change(workshop, actor, note)
    first = repeated_op(workshop, op_id, NOTE_DELETED, note) or first_deletion(note)
    if first is not None:
        return first
    require_may_change_now(workshop, actor)
    try:
        return write_deletion(workshop, actor, note_id, op_id, base_revision)
    except IntegrityError:
        db.session.rollback()
        note = note_in(workshop, note_id)
        first = repeated_op(workshop, op_id, NOTE_DELETED, note) or first_deletion(note)
        if first is None:
            raise
        return first


def first_deletion(note: Note) -> NoteResult | None:
    if note.deleted_at is None:
        return None
    return first_deletion_of(note.workshop_id, note.id, owners_of(note))


def first_deletion_of(
    workshop_id: int, note_id: str, owner_ids: tuple[int | None, int | None]
) -> NoteResult | None:
    """The result of the deletion of a deleted note, or None if none is on record."""
    change = db.session.scalar(
        select(Change)
        .where(Change.workshop_id == workshop_id, Change.note_id == note_id)
        .where(Change.kind == NOTE_DELETED)
        .order_by(Change.seq)
    )
    return first_result_of(change, owner_ids) if change is not None else None


def write_deletion(
    workshop: Workshop, actor: Actor, note_id: str, op_id: str, base_revision: int | None
) -> NoteResult:
    note = locked_note(note_id)
    if note.deleted_at is not None:
        db.session.rollback()
        note = note_in(workshop, note_id)
        first = first_deletion(note)
        if first is None:  # deleted with no deletion on record: say so rather than answer nothing
            raise note_deleted(note)
        return first
    if base_revision is not None and base_revision != note.revision:
        raise stale(note)
    seq = take_seq(workshop)
    require_question_open(workshop, actor, note.question_id)
    keep_revision(note, actor)
    note.revision += 1
    note.seq = seq
    note.deleted_at = note.updated_at = utcnow()
    db.session.flush()
    return commit_change(record_change(note, NOTE_DELETED, op_id, seq), note)
