"""The prebuilt statements of the note batch (services/note_batch.py), and what a dot's write
shares with it (services/votes.py): the seq, the writer's row and its check, the change.

Built once at import and run with parameters: building a statement costs more than running it,
and running one through SQLAlchemy more than the database's work (services/prepared.py).
"""

from __future__ import annotations

from functools import cache
from typing import cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from workshop.models import Change, Note, NoteRevision, Workshop
from workshop.models.group import Group, Participant, group_questions
from workshop.models.outline import Question
from workshop.models.workshop import shows_names_to_peers
from workshop.services import live
from workshop.services.note_rules import question_state_columns
from workshop.services.prepared import Prepared

# A model's __table__ is typed as any FromClause; these are Tables.
workshops = cast(Table, Workshop.__table__)
participants = cast(Table, Participant.__table__)
notes = cast(Table, Note.__table__)
questions = cast(Table, Question.__table__)
groups = cast(Table, Group.__table__)

TAKE_SEQS = Prepared(
    update(workshops)
    .where(workshops.c.id == bindparam("workshop_id"))
    .values(last_seq=workshops.c.last_seq + bindparam("count"))
    .returning(workshops.c.last_seq, workshops.c.status, workshops.c.anonymity)
)


def take_seqs(connection: Connection, workshop_id: int, count: int) -> tuple[int, str, str]:
    """Take the workshop's next `count` seqs: the last, the workshop's status and anonymity
    (all zero and empty if it is gone). Its other writers wait from here to the commit.

    The publisher is told whether names show, sparing it a read of the workshop after the
    commit (which expired it).
    """
    taken = TAKE_SEQS.first(connection, {"workshop_id": workshop_id, "count": count})
    last_taken, status, anonymity = taken if taken else (0, "", "")
    live.knows_names_visible(workshop_id, shows_names_to_peers(anonymity))
    return last_taken, status, anonymity


# The batch's reservation of seqs, set to what it used (a repeat or a refusal takes none, a
# share's point one more).
SET_LAST_SEQ = Prepared(
    update(workshops)
    .where(workshops.c.id == bindparam("workshop_id"))
    .values(last_seq=bindparam("last_seq"))
)
writer_columns = (
    participants.c.id,
    participants.c.workshop_id,
    participants.c.group_id,
    participants.c.removed_at,
    participants.c.display_name,
)


class IdentityChanged(Exception):
    """The participant is not what the socket believes (removed, moved, gone): re-read them."""


def is_current_writer(writer, workshop_id: int, group_id: int | None) -> bool:
    """Whether a WRITER row is the participant as their socket knows them: still in the
    workshop, not removed, in the same group."""
    return (
        writer is not None
        and writer.workshop_id == workshop_id
        and writer.removed_at is None
        and writer.group_id == group_id
    )


# A batch's writers: one (most batches, prepared), or several (a list: through SQLAlchemy).
WRITER = Prepared(select(*writer_columns).where(participants.c.id == bindparam("id")))
WRITERS = select(*writer_columns).where(participants.c.id.in_(bindparam("ids", expanding=True)))
chose = select(group_questions.c.question_id).where(
    group_questions.c.group_id == groups.c.id,
    group_questions.c.question_id == questions.c.id,
)
# The question's workshop, whether the writer's group works on it, and whether it is locked and
# open in the current step (note_rules.question_state_columns), in one statement.
QUESTION_FOR_GROUP = Prepared(
    select(
        questions.c.workshop_id,
        groups.c.all_questions | chose.exists(),
        *question_state_columns(),
    )
    # Two single rows side by side: an explicit join, not an accidental cartesian one.
    .join(groups, groups.c.id == bindparam("group_id"))
    .where(questions.c.id == bindparam("question_id"))
)
CHANGE_COLUMNS = ("workshop_id", "seq", "op_id", "kind", "group_id", "note_id", "payload")
INSERT_CHANGE = Prepared(
    insert(cast(Table, Change.__table__)).values(
        {name: bindparam(name) for name in (*CHANGE_COLUMNS, "created_at")}
    )
)
REVISION_COLUMNS = ("note_id", "revision", "text", "participant_id", "facilitator_id")
INSERT_REVISION = Prepared(
    insert(cast(Table, NoteRevision.__table__)).values(
        {name: bindparam(name) for name in (*REVISION_COLUMNS, "created_at")}
    )
)
# The note re-read under a row lock (PostgreSQL; SQLite's write lock is the transaction's).
NOTE_FOR_CHANGE = Prepared(
    select(notes).where(notes.c.id == bindparam("note_id")).with_for_update()
)
CHANGE_NOTE = Prepared(
    update(notes)
    .where(notes.c.id == bindparam("changed_id"))
    .values(
        text=bindparam("text"),
        revision=bindparam("revision"),
        seq=bindparam("seq"),
        updated_at=bindparam("updated_at"),
        deleted_at=bindparam("deleted_at"),
    )
)


NOTE_COLUMNS = (
    "id",
    "workshop_id",
    "question_id",
    "group_id",
    "participant_id",
    "facilitator_id",
    "text",
    "revision",
    "seq",
    "created_at",
    "updated_at",
)


@cache
def insert_note_statement(dialect: str) -> Prepared:
    """INSERT … ON CONFLICT (id) DO NOTHING RETURNING id, in the database's own words."""
    dialect_insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    inserted = dialect_insert(notes).values({name: bindparam(name) for name in NOTE_COLUMNS})
    return Prepared(inserted.on_conflict_do_nothing(index_elements=["id"]).returning(notes.c.id))


def change_row(change: Change) -> dict:
    return {
        "workshop_id": change.workshop_id,
        "seq": change.seq,
        "op_id": change.op_id,
        "kind": change.kind,
        "group_id": change.group_id,
        "note_id": change.note_id,
        "payload": change.payload,
        "created_at": change.created_at,
    }
