"""Breakout groups, the participants in them and their live connections (presence)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.extensions import Model, db
from workshop.models.base import utcnow
from workshop.models.outline import Question, Section

GROUP_NAME_MAX = 100
MAX_GROUPS = 100
PARTICIPANT_NAME_MAX = 80
PARTICIPANT_TOKEN_PREFIX = "wsp_"

group_questions = Table(
    "group_question",
    db.metadata,
    Column("group_id", ForeignKey("group.id", ondelete="CASCADE"), primary_key=True),
    Column("question_id", ForeignKey("question.id", ondelete="CASCADE"), primary_key=True),
)

# Headings chosen whole ("all questions under this heading"): a question added under one later is
# given to the group too (services.outline.add_question).
group_sections = Table(
    "group_section",
    db.metadata,
    Column("group_id", ForeignKey("group.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "section_id", ForeignKey("section.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class Group(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(GROUP_NAME_MAX))
    position: Mapped[int] = mapped_column(default=0)
    # True: the group works on every question of the outline (the default).
    all_questions: Mapped[bool] = mapped_column(default=True)

    chosen_questions: Mapped[list[Question]] = relationship(secondary=group_questions)
    chosen_sections: Mapped[list[Section]] = relationship(secondary=group_sections)
    participants: Mapped[list[Participant]] = relationship(back_populates="group")

    def works_on(self, question: Question) -> bool:
        return self.all_questions or any(q.id == question.id for q in self.chosen_questions)


def hash_participant_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Participant(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("group.id", ondelete="SET NULL"), index=True
    )
    display_name: Mapped[str] = mapped_column(String(PARTICIPANT_NAME_MAX), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    removed_at: Mapped[datetime | None]

    group: Mapped[Group | None] = relationship(back_populates="participants")

    @staticmethod
    def new_token() -> str:
        return PARTICIPANT_TOKEN_PREFIX + secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        return self.removed_at is None


class Connection(Model):
    """One live Socket.IO connection; kept in the database so every process sees presence."""

    sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("facilitator.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("group.id", ondelete="SET NULL"), index=True
    )
    connected_at: Mapped[datetime] = mapped_column(default=utcnow)
