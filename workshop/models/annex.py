"""The annex: a workshop's curated document, its points per question and its approved versions."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.extensions import Model
from workshop.models.base import utcnow
from workshop.models.errors import Conflict
from workshop.models.workshop import (
    LABEL_NUMBER_MAX,
    LABEL_WORD_MAX,
    SHORT_TEXT_MAX,
    TITLE_MAX,
)

INTRO_MAX = 5000
# A merged point carries the wording of several notes, so it may be longer than one note.
POINT_TEXT_MAX = 10000
MAX_POINTS_PER_QUESTION = 5000
MERGE_MAX = 100
ATTRIBUTION_MODES = ("none", "mark", "grouped")
ANNEX_STATUSES = ("draft", "approved")
# The header fields an annex takes from its workshop until its editor sets them, each with the
# value that stands for "the workshop's".
INHERITED_HEADER: dict[str, str | None] = dict.fromkeys(
    ("date", "document_number", "reference", "label_word", "label_number", "title", "intro")
) | {"label_number": ""}


class Annex(Model):
    """One per workshop. Header fields left as None take the workshop's own values."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), unique=True
    )
    date: Mapped[date | None]
    document_number: Mapped[str | None] = mapped_column(String(SHORT_TEXT_MAX))
    reference: Mapped[str | None] = mapped_column(String(SHORT_TEXT_MAX))
    label_word: Mapped[str | None] = mapped_column(String(LABEL_WORD_MAX))
    # "" takes the workshop's number (the column cannot be made nullable on SQLite without
    # recreating the table, whose cascades would delete the points).
    label_number: Mapped[str] = mapped_column(String(LABEL_NUMBER_MAX), default="")
    title: Mapped[str | None] = mapped_column(String(TITLE_MAX))
    intro: Mapped[str | None] = mapped_column(Text)
    attribution: Mapped[str] = mapped_column(String(10), default="none")
    # Whether Word, PDF, Markdown and HTML show each point's votes (CSV and JSON always do).
    include_votes: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    # The number of the version being drafted, or of the approved version while status is approved.
    version: Mapped[int] = mapped_column(default=1)
    # Set by the editor's first change to the points (or an approval, which settles them): from
    # then on later notes arrive as "new", never silently. A header edit does not set it.
    curated_at: Mapped[datetime | None]
    # A digest of the notes (and group order) the points were last compiled from: compiling
    # again is skipped while it is unchanged, which keeps large exports fast.
    notes_fingerprint: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    versions: Mapped[list[AnnexVersion]] = relationship(
        order_by="AnnexVersion.number", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def is_curated(self) -> bool:
        return self.curated_at is not None

    def mark_changed(self) -> None:
        """Record a change to the document (header or points): an approved annex becomes the
        draft of the next version. Whether the points follow the notes is not touched."""
        if self.status == "approved":
            self.status = "draft"
            self.version += 1
        self.updated_at = utcnow()

    def mark_curated(self) -> None:
        """Record the editor's change to the points: from now on only the editor changes them."""
        self.mark_changed()
        self._settle_points()

    def _settle_points(self) -> None:
        if self.curated_at is None:
            self.curated_at = utcnow()

    def approve(self) -> None:
        """Approve the current draft; approving twice without a change in between is refused."""
        if self.status == "approved":
            raise Conflict(
                "annex_already_approved",
                _l("Version %(number)s is already approved.", number=self.version),
            )
        self.status = "approved"
        # The approved points are settled: a later note must not change them silently.
        self._settle_points()


class AnnexPoint(Model):
    """One point under a question: its wording, where it came from, and the editor's decisions."""

    __table_args__ = (Index("ix_annex_point_annex_question", "annex_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    annex_id: Mapped[int] = mapped_column(ForeignKey("annex.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    # Plain text; a line starting with "- " is a sub-point of the line above it.
    text: Mapped[str] = mapped_column(Text)
    excluded: Mapped[bool] = mapped_column(default=False)
    # Added by the editor rather than compiled from notes.
    manual: Mapped[bool] = mapped_column(default=False)
    # A note that arrived after curating began: waits for the editor to take it in or leave it out.
    pending: Mapped[bool] = mapped_column(default=False)
    # Marked as one of the question's top points after a vote ("mark the top N").
    top: Mapped[bool] = mapped_column(default=False)
    # Provenance: the ids of the notes this point was made from (several after a merge).
    source_note_ids: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def in_document(self) -> bool:
        return not self.excluded and not self.pending


class AnnexVersion(Model):
    """An approved version: the whole built document frozen, so it downloads exactly as it was."""

    __table_args__ = (UniqueConstraint("annex_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    annex_id: Mapped[int] = mapped_column(ForeignKey("annex.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    approved_at: Mapped[datetime] = mapped_column(default=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("facilitator.id", ondelete="SET NULL")
    )
    # Kept as text too, so the record survives the facilitator's account.
    approved_by_name: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    document: Mapped[dict] = mapped_column(JSON)


class DismissedDuplicate(Model):
    """A pair of points the editor said are not duplicates; never suggested again."""

    __table_args__ = (UniqueConstraint("annex_id", "first_point_id", "second_point_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    annex_id: Mapped[int] = mapped_column(ForeignKey("annex.id", ondelete="CASCADE"), index=True)
    # Stored with first_point_id < second_point_id.
    first_point_id: Mapped[int] = mapped_column(ForeignKey("annex_point.id", ondelete="CASCADE"))
    second_point_id: Mapped[int] = mapped_column(ForeignKey("annex_point.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
