"""The minutes of a meeting: header, one item per agenda item, annexes and approved versions.

Every editable field carries its own revision (in `revisions`), so two secretaries typing in
different fields never collide, while two typing in the same field are told (`stale_edit`).
"""

from __future__ import annotations

from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.extensions import Model
from workshop.models.base import utcnow
from workshop.models.errors import Conflict

MINUTES_STATUSES = ("draft", "approved")
HEADER_TEXT_MAX = 200
MINUTES_WORD_MAX = 40
ITEM_TITLE_MAX = 200
# Background, discussion and decision: several paragraphs and lists, but not a book.
ITEM_TEXT_MAX = 20000
ATTACHMENTS_MAX = 5000
ANNEX_TITLE_MAX = 300
MAX_MINUTES_ITEMS = 80
MAX_DOCUMENT_ANNEXES = 30
MAX_COMING_MEETINGS = 20
COMING_NOTE_MAX = 200
OP_ID_MAX = 64


class Minutes(Model):
    """One per meeting. Header fields left as None take the meeting's (or its series') values."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), unique=True
    )
    document_number: Mapped[str | None] = mapped_column(String(HEADER_TEXT_MAX))
    reference: Mapped[str | None] = mapped_column(String(HEADER_TEXT_MAX))
    theme: Mapped[str | None] = mapped_column(String(HEADER_TEXT_MAX))
    # The word the document is headed by ("REFERAT"); None: the meeting language's word.
    minutes_word: Mapped[str | None] = mapped_column(String(MINUTES_WORD_MAX))
    title: Mapped[str | None] = mapped_column(String(HEADER_TEXT_MAX))
    date: Mapped[date | None]
    start_time: Mapped[time | None]
    end_time: Mapped[time | None]
    place: Mapped[str | None] = mapped_column(String(HEADER_TEXT_MAX))
    # [{"date": "2027-03-04", "start": "13:00", "end": "16:00", "note": ""}];
    # None: the series' planned meetings after this one.
    coming_meetings: Mapped[list | None] = mapped_column(JSON)
    # The revision of each header field ("document_number": 3, …); absent means 0.
    revisions: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    # The number of the version being drafted, or of the approved version while approved.
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    items: Mapped[list[MinutesItem]] = relationship(
        order_by="MinutesItem.position, MinutesItem.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    document_annexes: Mapped[list[MinutesAnnex]] = relationship(
        order_by="MinutesAnnex.position, MinutesAnnex.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    versions: Mapped[list[MinutesVersion]] = relationship(
        order_by="MinutesVersion.number", cascade="all, delete-orphan", passive_deletes=True
    )

    def mark_changed(self) -> None:
        """Record an edit: approved minutes become the draft of the next version."""
        if self.status == "approved":
            self.status = "draft"
            self.version += 1
        self.updated_at = utcnow()

    def approve(self) -> None:
        """Approve the current draft; approving twice without a change in between is refused."""
        if self.status == "approved":
            raise Conflict(
                "minutes_already_approved",
                _l("Version %(number)s of the minutes is already approved.", number=self.version),
            )
        self.status = "approved"


class MinutesItem(Model):
    """What the minutes say about one agenda item (or an item added in the minutes only)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(
        ForeignKey("minutes.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL")
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(ITEM_TITLE_MAX))
    # One attachment per line ("1.1 Dagsorden for rådsmøde …").
    attachments: Mapped[str] = mapped_column(Text, default="")
    background: Mapped[str] = mapped_column(Text, default="")
    # Paragraphs and lists: a line starting with "- " is a bullet, "  - " its sub-point.
    discussion: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(Text, default="")
    left_out: Mapped[bool] = mapped_column(default=False)
    # A standing item (approval of the agenda, any other business …) keeps its place.
    standing: Mapped[bool] = mapped_column(default=False)
    # The minutes' list of coming meetings is printed under this item (else after the items).
    coming_meetings_here: Mapped[bool] = mapped_column(default=False)
    # The workshop whose annex this item's group discussion is summarised in.
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("workshop.id", ondelete="SET NULL"))
    revisions: Mapped[dict] = mapped_column(JSON, default=dict)


class MinutesAnnex(Model):
    """Another document attached as an annex, by title only (a reference, no file)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(
        ForeignKey("minutes.id", ondelete="CASCADE"), index=True
    )
    # The item it belongs to (numbered in item order), or None: after all the items' annexes.
    item_id: Mapped[int | None] = mapped_column(ForeignKey("minutes_item.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(ANNEX_TITLE_MAX))
    position: Mapped[int] = mapped_column(default=0)


class MinutesVersion(Model):
    """An approved version: the whole built document (with its annexes) frozen as it was."""

    __table_args__ = (UniqueConstraint("minutes_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(
        ForeignKey("minutes.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    approved_at: Mapped[datetime] = mapped_column(default=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("facilitator.id", ondelete="SET NULL")
    )
    approved_by_name: Mapped[str] = mapped_column(String(HEADER_TEXT_MAX), default="")
    document: Mapped[dict] = mapped_column(JSON)


class MinutesOp(Model):
    """An operation already applied, by the client's op id: a resend gets the first answer."""

    __table_args__ = (UniqueConstraint("minutes_id", "op_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(
        ForeignKey("minutes.id", ondelete="CASCADE"), index=True
    )
    op_id: Mapped[str] = mapped_column(String(OP_ID_MAX))
    kind: Mapped[str] = mapped_column(String(20))
    # What the operation asked for (a SHA-256 of it): the same op id for another edit is a
    # conflict, not a repeat. None on operations kept before it was recorded.
    digest: Mapped[str | None] = mapped_column(String(64))
    result: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
