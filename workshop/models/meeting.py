"""A meeting (in a series or standing alone), its agenda of numbered items, and their attachments.

The meeting's state machine lives here: planned → held (or cancelled); a held meeting's agenda
no longer moves, and it takes no more topics.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.extensions import Model
from workshop.models.base import as_utc, utcnow
from workshop.models.errors import Conflict
from workshop.models.series import LINK_MAX, PLACE_MAX, Series
from workshop.models.workshop import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, Workshop

MEETING_TITLE_MAX = 200
ITEM_TITLE_MAX = 200
PRESENTER_MAX = 200
ITEM_DESCRIPTION_MAX = 5000
ATTACHMENT_TITLE_MAX = 300
DURATION_MAX_MINUTES = 600
MAX_ITEMS = 60
MAX_ATTACHMENTS = 30
MEETING_STATUSES = ("planned", "held", "cancelled")
MEETING_STATUS_LABELS = {
    "planned": _l("Planned"),
    "held": _l("Held"),
    "cancelled": _l("Cancelled"),
}
# What a topic or an item asks of the meeting ("" for an item: not said).
PURPOSES = ("decision", "discussion", "information")
PURPOSE_LABELS = {
    "decision": _l("Decision"),
    "discussion": _l("Discussion"),
    "information": _l("Information"),
}
ALLOWED_MEETING_MOVES = {
    ("planned", "held"),
    ("planned", "cancelled"),
    ("held", "planned"),
    ("cancelled", "planned"),
}


def new_submission_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def new_calendar_uid() -> str:
    return f"{uuid.uuid4()}@workshop"


class Meeting(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    # None: a meeting that stands alone, run by its owner.
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("series.id", ondelete="CASCADE"), index=True
    )
    # The series' owner for a series' meeting; whoever made it for a meeting alone.
    owner_id: Mapped[int] = mapped_column(ForeignKey("facilitator.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(MEETING_TITLE_MAX))
    language: Mapped[str] = mapped_column(String(5), default="en")
    date: Mapped[date | None]
    # Wall-clock times in the site's zone (TIMEZONE), as the notice prints them.
    start_time: Mapped[time | None]
    end_time: Mapped[time | None]
    place: Mapped[str] = mapped_column(String(PLACE_MAX), default="")
    online_link: Mapped[str] = mapped_column(String(LINK_MAX), default="")
    status: Mapped[str] = mapped_column(String(10), default="planned")
    submission_code: Mapped[str] = mapped_column(
        String(16), unique=True, default=new_submission_code
    )
    # Topics are taken until then (UTC); None: until the meeting is held.
    submission_deadline: Mapped[datetime | None]
    # Published to the series' members' page (after the meeting, usually).
    published_at: Mapped[datetime | None]
    # The notice's calendar event: a stable UID, and a SEQUENCE raised on every re-send.
    calendar_uid: Mapped[str] = mapped_column(String(100), default=new_calendar_uid)
    notice_sequence: Mapped[int] = mapped_column(default=0)
    notice_sent_at: Mapped[datetime | None]
    # The meeting this one was planned from ("plan the next meeting").
    previous_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    series: Mapped[Series | None] = relationship()
    items: Mapped[list[AgendaItem]] = relationship(
        order_by="AgendaItem.position, AgendaItem.id",
        cascade="all, delete-orphan",
        back_populates="meeting",
    )

    def can_be_run_by(self, facilitator) -> bool:
        """A series' coordinators run its meetings; a meeting alone is its owner's."""
        if self.series is not None:
            return self.series.can_be_run_by(facilitator)
        return getattr(facilitator, "is_authenticated", False) and facilitator.id == self.owner_id

    @property
    def is_held(self) -> bool:
        return self.status == "held"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def move_to(self, status: str) -> None:
        """Change the status, refusing moves the lifecycle does not allow."""
        if status == self.status:
            return
        if (self.status, status) not in ALLOWED_MEETING_MOVES:
            raise Conflict(
                "meeting_status_move",
                _l(
                    "A meeting cannot go from %(old)s to %(new)s.",
                    old=MEETING_STATUS_LABELS.get(self.status, self.status),
                    new=MEETING_STATUS_LABELS.get(status, status),
                ),
            )
        self.status = status

    def require_agenda_editable(self) -> None:
        if self.status == "held":
            raise Conflict(
                "meeting_held",
                _l("This meeting has been held: its agenda can no longer be changed."),
            )

    def deadline_passed(self, now: datetime) -> bool:
        deadline = self.submission_deadline
        return deadline is not None and as_utc(deadline) <= now

    def require_open_for_topics(self, now: datetime) -> None:
        """Topics may be sent in or edited only to a planned meeting, before its deadline."""
        if self.status != "planned":
            raise Conflict(
                "meeting_not_open_for_topics",
                _l("This meeting no longer takes topics: it has been held or cancelled."),
            )
        if self.deadline_passed(now):
            raise Conflict(
                "submission_deadline_passed",
                _l("The deadline for sending in topics to this meeting has passed."),
            )


class AgendaItem(Model):
    """A numbered item of the agenda (numbers come from position, never stored as text)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(ITEM_TITLE_MAX))
    presenter: Mapped[str] = mapped_column(String(PRESENTER_MAX), default="")
    duration_minutes: Mapped[int | None]
    description: Mapped[str] = mapped_column(Text, default="")
    purpose: Mapped[str] = mapped_column(String(16), default="")
    # From the series' standing items; kept apart so "plan the next meeting" does not copy twice.
    standing: Mapped[bool] = mapped_column(default=False)
    # Kept at the end of the agenda (any other business, next meetings): new items go before.
    at_end: Mapped[bool] = mapped_column(default=False)
    # Carried to the next meeting when it is planned.
    follow_up: Mapped[bool] = mapped_column(default=False)
    # The workshop (outline, groups, live notes, annex) for an item discussed in groups.
    workshop_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    workshop: Mapped[Workshop | None] = relationship()
    attachments: Mapped[list[Attachment]] = relationship(
        order_by="Attachment.position, Attachment.id", cascade="all, delete-orphan"
    )


class Attachment(Model):
    """A reference to a document for an item ("Bilag 3.1 …"): a title and an optional link."""

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(ATTACHMENT_TITLE_MAX))
    url: Mapped[str] = mapped_column(String(LINK_MAX), default="")


class RetiredSubmissionCode(Model):
    """A meeting's submission code before it was renewed (see RetiredJoinCode): a notice's old
    link followed again says "replaced", not "wrong", and is not counted as a guess."""

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    retired_at: Mapped[datetime] = mapped_column(default=utcnow)
