"""Participants' note writes, many in one transaction (group commit), on prebuilt Core statements.

The lean twin of notes.add_note (and edit_note, delete_note) for participants, whose note:add is
the busiest event there is. One batch is one transaction:
one UPDATE takes a seq for every note of the batch (and learns the workshop's status under the
row's lock), one SELECT reads the writers, then each note is checked and inserted on its own,
so that a refused note (closed, locked, not your group's question, …) is refused alone. A
repeated id is found by the insert itself (ON CONFLICT DO NOTHING) and spends no seq; its first
result is read once the batch has committed (it was committed before, or by this batch), as is
a refused note's, which may be a repeat too. Same checks, same errors, same order of checks as
add_note, edit_note and delete_note.

A batch of new notes only (nearly every batch) runs on a kept connection, outside the ORM
session (services/kept_connections.py); a batch with an edit or a deletion runs in the session,
whose reads of the note's earlier operations it needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy.engine import Connection

from workshop.extensions import db
from workshop.models import Change, Conflict, DomainError
from workshop.models.base import utcnow
from workshop.models.workshop import shows_names_to_peers
from workshop.services import batch, live
from workshop.services.changes import note_payload
from workshop.services.kept_connections import kept_connection
from workshop.services.note_rules import (
    clean_text,
    no_group,
    not_accepting_notes,
    not_own_group,
    not_your_note,
    note_not_found,
    question_not_for_group,
    question_not_found,
    question_refusal,
    refusal_of,
)
from workshop.services.note_statements import (
    CHANGE_NOTE,
    INSERT_CHANGE,
    INSERT_REVISION,
    NOTE_FOR_CHANGE,
    QUESTION_FOR_GROUP,
    SET_LAST_SEQ,
    WRITER,
    WRITERS,
    IdentityChanged,
    change_row,
    insert_note_statement,
    is_current_writer,
    take_seqs,
)
from workshop.services.notes import (
    NOTE_ADDED,
    NOTE_DELETED,
    NOTE_EDITED,
    NoteResult,
    deleted_note,
    first_add,
    first_deletion_of,
    first_op,
    stale_note,
)
from workshop.services.prepared import made_as_loaded
from workshop.services.shares import follows, point_change, raw_shared_question_ids


@dataclass(frozen=True)
class NewNote:
    """One participant's note:add, as the socket knows the participant."""

    workshop_id: int
    participant_id: int
    group_id: int | None  # the socket's; a different one in the database means they moved
    note_id: str
    question_id: int
    text: str
    requested_group_id: int | None = None


@dataclass(frozen=True)
class NoteEdit:
    """One participant's note:edit, as the socket knows the participant."""

    workshop_id: int
    participant_id: int
    group_id: int | None
    note_id: str
    op_id: str
    base_revision: int
    text: str


@dataclass(frozen=True)
class NoteDeletion:
    """One participant's note:delete, as the socket knows the participant."""

    workshop_id: int
    participant_id: int
    group_id: int | None
    note_id: str
    op_id: str
    base_revision: int | None = None


NoteWrite = NewNote | NoteEdit | NoteDeletion


@dataclass(frozen=True)
class AddedNote:
    """A note:add's result, and whether the workshop shows names to peers (for the ack)."""

    result: NoteResult
    names_visible: bool


@dataclass(frozen=True)
class Repeat:
    """A new note whose id was taken, or that was refused (a repeat is answered all the same):
    its first result is read once the batch has committed (Batch.settled)."""

    new_note: NewNote
    refusal: DomainError | None = None


def add_notes(workshop_id: int, new_notes: Sequence[NoteWrite]) -> list[AddedNote | Exception]:
    """Write a batch of one workshop's notes in one transaction; an outcome for each."""
    if all(isinstance(new_note, NewNote) for new_note in new_notes):
        with kept_connection() as connection, connection.begin():
            batch = Batch.start(connection, workshop_id, new_notes)
            outcomes = batch.add_all()
    else:
        try:
            batch = Batch.start(db.session.connection(), workshop_id, new_notes)
            outcomes = batch.add_all()
            db.session.commit()
        except BaseException:
            db.session.rollback()
            raise
    # Only now: nothing is broadcast that is not committed.
    live.to_publish(workshop_id).extend(batch.changes)
    return [batch.settled(outcome) for outcome in outcomes]


def writers_of(connection: Connection, new_notes: Sequence[NoteWrite]) -> dict[int, Any]:
    """The batch's writers as the database has them now (the identity check), by id."""
    ids = sorted({new_note.participant_id for new_note in new_notes})
    if len(ids) == 1:  # most batches: one note, or one person's quick ones
        rows = WRITER.rows(connection, {"id": ids[0]})
    else:
        rows = list(connection.execute(WRITERS, {"ids": ids}))
    return {row.id: row for row in rows}


def add_note(new_note: NoteWrite) -> AddedNote:
    """Write one note (add, edit, delete) in the workshop's next batch: its own result, or its
    refusal raised."""
    return batch.submit(
        ("notes", new_note.workshop_id),
        new_note,
        lambda new_notes: add_notes(new_note.workshop_id, new_notes),
        lambda: live.in_order(new_note.workshop_id),
    )


@dataclass
class Batch:
    """One transaction's worth of notes: the seqs it took, what it learnt, what it wrote."""

    connection: Connection  # a kept one or the session's, in its transaction
    workshop_id: int
    new_notes: Sequence[NoteWrite]
    next_seq: int
    last_taken: int
    status: str
    names_visible: bool
    writers: dict[int, Any] = field(default_factory=dict)  # participant id → WRITERS row
    # Per batch, not longer: a lock or a group's questions may change between batches.
    questions: dict[tuple[int, int], Any] = field(default_factory=dict)  # (group, question)
    changes: list[Change] = field(default_factory=list)  # written, to publish once committed
    refusals: dict[int, Conflict | None] = field(default_factory=dict)

    @classmethod
    def start(
        cls, connection: Connection, workshop_id: int, new_notes: Sequence[NoteWrite]
    ) -> Batch:
        last_taken, status, anonymity = take_seqs(connection, workshop_id, len(new_notes))
        return cls(
            connection,
            workshop_id,
            new_notes,
            next_seq=last_taken - len(new_notes) + 1,
            last_taken=last_taken,
            status=status,
            names_visible=shows_names_to_peers(anonymity),
            writers=writers_of(connection, new_notes) if last_taken else {},
        )

    def add_all(self) -> list[AddedNote | Exception | Repeat]:
        outcomes = [self.outcome_of(new_note) for new_note in self.new_notes]
        if self.next_seq - 1 != self.last_taken:  # repeats and refusals took no seq
            self.reserve_until(self.next_seq - 1)
        return outcomes

    def seq_to_use(self) -> int:
        """The next seq of the batch; past what it reserved (a share's point took one), one more."""
        if self.next_seq > self.last_taken:
            self.reserve_until(self.next_seq)
        return self.next_seq

    def reserve_until(self, last_seq: int) -> None:
        # The batch holds the workshop row's lock since TAKE_SEQS: nobody else took one meanwhile.
        SET_LAST_SEQ.run(self.connection, {"workshop_id": self.workshop_id, "last_seq": last_seq})
        self.last_taken = last_seq

    def outcome_of(self, new_note: NoteWrite) -> AddedNote | Exception | Repeat:
        writer = self.writers.get(new_note.participant_id)
        if not is_current_writer(writer, self.workshop_id, new_note.group_id):
            return IdentityChanged()
        try:
            if isinstance(new_note, NewNote):
                return self.add(new_note, writer)
            return AddedNote(self.change(new_note, writer), self.names_visible)
        except DomainError as refusal:
            return refusal

    def add(self, new_note: NewNote, writer) -> AddedNote | Repeat:
        try:
            text = self.checked_text(new_note, writer)
        except DomainError as refusal:
            return Repeat(new_note, refusal)  # a repeat answers with its first result, as ever
        return self.insert(new_note, writer, text)

    def settled(self, outcome: AddedNote | Exception | Repeat) -> AddedNote | Exception:
        """An outcome once the batch has committed: a repeat's first result, read now."""
        if not isinstance(outcome, Repeat):
            return outcome
        try:
            first = self.first(outcome.new_note)
        except DomainError as refusal:  # the id is another note's
            return refusal
        if first is not None:
            return AddedNote(first, self.names_visible)
        if outcome.refusal is not None:
            return outcome.refusal
        # The row that conflicted is gone again (its workshop deleted meanwhile).
        return RuntimeError("note id conflicted with a note that is no longer there")

    def first(self, new_note: NewNote) -> NoteResult | None:
        author = (new_note.participant_id, None)
        return first_add(
            self.workshop_id,
            author,
            new_note.note_id,
            new_note.question_id,
            new_note.requested_group_id,
        )

    def checked_text(self, new_note: NewNote, writer) -> str:
        """The note's text once every rule of add_note lets it in (in add_note's order)."""
        if writer.group_id is None:
            raise no_group()
        if new_note.requested_group_id not in (None, writer.group_id):
            raise not_own_group()
        self.require_question_for(writer.group_id, new_note.question_id)
        text = clean_text(new_note.text)
        if self.status != "live":
            raise not_accepting_notes(self.status)
        refusal = self.refusal(new_note.question_id)
        if refusal is not None:
            raise refusal
        return text

    def require_question_for(self, group_id: int, question_id: int) -> None:
        key = (group_id, question_id)
        if key not in self.questions:
            self.questions[key] = self.question_for(group_id, question_id)
        row = self.questions[key]
        if row is None or row[0] != self.workshop_id:
            raise question_not_found()
        if not row[1]:
            raise question_not_for_group()

    def question_for(self, group_id: int, question_id: int):
        """The question as the group sees it; whether it is locked or closed is kept as well
        (refusal), read in the same statement."""
        parameters = {"question_id": question_id, "group_id": group_id}
        row = QUESTION_FOR_GROUP.first(
            self.connection, {**parameters, "workshop_id": self.workshop_id}
        )
        if row is not None and row[0] == self.workshop_id:
            self.refusals[question_id] = refusal_of(bool(row[2]), bool(row[3]))
        return row

    def refusal(self, question_id: int) -> Conflict | None:
        if question_id not in self.refusals:
            self.refusals[question_id] = question_refusal(
                self.workshop_id, question_id, self.connection
            )
        return self.refusals[question_id]

    def insert(self, new_note: NewNote, writer, text: str) -> AddedNote | Repeat:
        seq, now = self.seq_to_use(), utcnow()
        values = {
            "id": new_note.note_id,
            "workshop_id": self.workshop_id,
            "question_id": new_note.question_id,
            "group_id": writer.group_id,
            "participant_id": writer.id,
            "facilitator_id": None,
            "text": text,
            "revision": 1,
            "seq": seq,
            "created_at": now,
            "updated_at": now,
        }
        statement = insert_note_statement(self.connection.dialect.name)
        if statement.first(self.connection, values) is None:
            return Repeat(new_note)  # the id is taken, now or by a note of this same batch
        self.next_seq += 1
        note = note_payload(
            new_note.note_id,
            new_note.question_id,
            writer.group_id,
            text,
            1,
            seq,
            ("participant", writer.display_name),
            (now, now, None),
        )
        return AddedNote(
            self.record(NOTE_ADDED, new_note.note_id, note, writer), self.names_visible
        )

    def record(self, kind: str, op_id: str, note: dict, writer) -> NoteResult:
        """Insert the change for a note just written (its seq taken), to publish after commit."""
        values = {
            "workshop_id": self.workshop_id,
            "seq": note["seq"],
            "op_id": op_id,
            "kind": kind,
            "group_id": note["group_id"],
            "note_id": note["id"],
            "payload": {"note": note},
            "created_at": utcnow(),
        }
        change = made_as_loaded(Change, values)  # written by INSERT_CHANGE, never flushed
        self.insert_change(change)
        follow = self.follow(kind, note)
        owners = (writer.id, None)
        return NoteResult(change.seq, dict(note), change, True, owners, follow=follow)

    def insert_change(self, change: Change) -> None:
        INSERT_CHANGE.run(self.connection, change_row(change))
        self.changes.append(change)

    @cached_property
    def shared(self) -> list[int] | None:
        """The questions a raw share covers (services.shares; None: nothing shared raw), read
        once per batch when first needed: a share is set under the workshop row's lock, which
        the batch holds."""
        return raw_shared_question_ids(self.workshop_id, self.connection)

    def follow(self, kind: str, note: dict) -> Change | None:
        """A raw share follows its notes (services.shares.follow_note): its point's change."""
        if not follows(self.shared, note):
            return None
        seq = self.seq_to_use()
        change = point_change(self.workshop_id, note, kind, seq, self.connection)
        self.next_seq += 1
        self.insert_change(change)
        return change

    # --- Edits and deletions (edit_note's and delete_note's checks, in their order) ---

    def change(self, write: NoteEdit | NoteDeletion, writer) -> NoteResult:
        row = NOTE_FOR_CHANGE.first(self.connection, {"note_id": write.note_id})
        if row is None or row.workshop_id != self.workshop_id:
            raise note_not_found()
        if row.participant_id != writer.id:
            raise not_your_note()
        owners = (row.participant_id, row.facilitator_id)
        kind = NOTE_EDITED if isinstance(write, NoteEdit) else NOTE_DELETED
        first = first_op(self.workshop_id, write.op_id, kind, row.id, owners)
        if first is None and row.deleted_at is not None and isinstance(write, NoteDeletion):
            first = first_deletion_of(self.workshop_id, row.id, owners)
        if first is not None:
            return first
        if self.status != "live":
            raise not_accepting_notes(self.status)
        current = self.payload_of(row, writer)
        if isinstance(write, NoteEdit):
            return self.edit(write, row, current, writer)
        return self.delete(write, row, current, writer)

    def payload_of(self, row, writer) -> dict:
        """The note dict of a participant's own note as it is stored now."""
        return note_payload(
            row.id,
            row.question_id,
            row.group_id,
            row.text,
            row.revision,
            row.seq,
            ("participant", writer.display_name),
            (row.created_at, row.updated_at, row.deleted_at),
        )

    def edit(self, edit: NoteEdit, row, current: dict, writer) -> NoteResult:
        text = clean_text(edit.text)
        if row.deleted_at is not None:
            raise deleted_note(current)
        if text == row.text:
            # Nothing to change, whatever the user's revision was: no conflict, no new change.
            owners = (row.participant_id, row.facilitator_id)
            return NoteResult(row.seq, current, None, created=False, owner_ids=owners)
        if edit.base_revision != row.revision:
            raise stale_note(current)
        return self.rewrite(NOTE_EDITED, edit.op_id, row, text, None, writer)

    def delete(self, deletion: NoteDeletion, row, current: dict, writer) -> NoteResult:
        if row.deleted_at is not None:  # deleted with no deletion on record: say so
            raise deleted_note(current)
        if deletion.base_revision is not None and deletion.base_revision != row.revision:
            raise stale_note(current)
        return self.rewrite(NOTE_DELETED, deletion.op_id, row, row.text, utcnow(), writer)

    def rewrite(self, kind: str, op_id: str, row, text: str, deleted_at, writer) -> NoteResult:
        """Keep the note's text as a revision, write the new one (or the deletion), record it."""
        refusal = self.refusal(row.question_id)
        if refusal is not None:
            raise refusal
        seq, now = self.seq_to_use(), deleted_at or utcnow()
        INSERT_REVISION.run(
            self.connection,
            {
                "note_id": row.id,
                "revision": row.revision,
                "text": row.text,
                "participant_id": writer.id,
                "facilitator_id": None,
                "created_at": now,
            },
        )
        changed = {
            "changed_id": row.id,
            "text": text,
            "revision": row.revision + 1,
            "seq": seq,
            "updated_at": now,
            "deleted_at": deleted_at,
        }
        CHANGE_NOTE.run(self.connection, changed)
        self.next_seq += 1
        note = note_payload(
            row.id,
            row.question_id,
            row.group_id,
            text,
            row.revision + 1,
            seq,
            ("participant", writer.display_name),
            (row.created_at, now, deleted_at),
        )
        return self.record(kind, op_id, note, writer)
