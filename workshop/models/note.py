"""Notes, their earlier revisions, and the per-workshop change feed that numbers every change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, update
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.extensions import Model, db
from workshop.models.base import utcnow
from workshop.models.group import Group, Participant
from workshop.models.outline import Question
from workshop.models.workshop import Workshop

NOTE_TEXT_MAX = 2000
CLIENT_ID_MAX = 36


class Note(Model):
    # Chosen by the client (a UUID): it is the idempotency key of note:add.
    id: Mapped[str] = mapped_column(String(CLIENT_ID_MAX), primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), index=True
    )
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("facilitator.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(default=1)
    seq: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[datetime | None]

    question: Mapped[Question] = relationship()
    group: Mapped[Group] = relationship()
    participant: Mapped[Participant | None] = relationship()
    revisions: Mapped[list[NoteRevision]] = relationship(
        back_populates="note", order_by="NoteRevision.revision", cascade="all, delete-orphan"
    )


class NoteRevision(Model):
    """The text a note had before an edit or deletion."""

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[str] = mapped_column(ForeignKey("note.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), index=True
    )
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("facilitator.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    note: Mapped[Note] = relationship(back_populates="revisions")


class Change(Model):
    """One entry of a workshop's change feed: `seq` is gapless and increasing per workshop."""

    __table_args__ = (
        UniqueConstraint("workshop_id", "seq"),
        UniqueConstraint("workshop_id", "op_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    seq: Mapped[int]
    # The client's id for this operation; a repeated id returns this change instead of a new one.
    op_id: Mapped[str | None] = mapped_column(String(CLIENT_ID_MAX))
    kind: Mapped[str] = mapped_column(String(32))
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("group.id", ondelete="SET NULL"), index=True
    )
    note_id: Mapped[str | None] = mapped_column(String(CLIENT_ID_MAX))
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def allocate_seq(workshop_id: int) -> int:
    """Take the next number of a workshop's change feed inside the current transaction."""
    return allocate_seq_with_status(workshop_id)[0]


def allocate_seq_with_status(workshop_id: int) -> tuple[int, str]:
    """The next number of the change feed, and the workshop's status as this writer sees it.

    One atomic UPDATE … RETURNING, so two writers can never get the same number; the number
    becomes visible only when the caller commits the change that uses it. The status comes from
    the same statement, read once this writer holds the row (PostgreSQL) or the write lock
    (SQLite), so a status change cannot slip in between a check and the commit.
    """
    statement = (
        update(Workshop)
        .where(Workshop.id == workshop_id)
        .values(last_seq=Workshop.last_seq + 1)
        .returning(Workshop.last_seq, Workshop.status)
        .execution_options(synchronize_session=False)
    )
    seq, status = db.session.execute(statement).one()
    return seq, status
