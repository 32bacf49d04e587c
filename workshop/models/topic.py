"""Topics sent in before a meeting, and the record of every notice sent to a member.

A topic's state machine: submitted → accepted / deferred / declined; a deferred topic is carried
to the next meeting, where it is submitted again. A topic never disappears: it is only moved.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.extensions import Model
from workshop.models.base import utcnow
from workshop.models.errors import Conflict
from workshop.models.meeting import AgendaItem, Meeting
from workshop.models.series import DEPARTMENT_MAX, EMAIL_MAX, MEMBER_NAME_MAX

TOPIC_TITLE_MAX = 200
TOPIC_DESCRIPTION_MAX = 3000
DECLINE_REASON_MAX = 1000
TOPIC_TOKEN_PREFIX = "wst_"
TOPIC_STATUSES = ("submitted", "accepted", "deferred", "declined")
TOPIC_STATUS_LABELS = {
    "submitted": _l("Submitted"),
    "accepted": _l("Accepted"),
    "deferred": _l("Deferred to the next meeting"),
    "declined": _l("Declined"),
}


class Topic(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    # The meeting it is for now (a deferred topic moves to the next one).
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    # The submitter's personal link: only its hash is kept.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    submitter_name: Mapped[str] = mapped_column(String(MEMBER_NAME_MAX))
    department: Mapped[str] = mapped_column(String(DEPARTMENT_MAX), default="")
    title: Mapped[str] = mapped_column(String(TOPIC_TITLE_MAX))
    description: Mapped[str] = mapped_column(Text, default="")
    purpose: Mapped[str] = mapped_column(String(16), default="discussion")
    status: Mapped[str] = mapped_column(String(12), default="submitted")
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    # Where an accepted topic went: an item of its own, or a question in an item's workshop.
    item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="SET NULL"))
    question_id: Mapped[int | None] = mapped_column(ForeignKey("question.id", ondelete="SET NULL"))
    # The meeting it was first sent to, when it has been carried over since.
    carried_from_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL")
    )
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    decided_at: Mapped[datetime | None]

    meeting: Mapped[Meeting] = relationship(foreign_keys=[meeting_id])
    item: Mapped[AgendaItem | None] = relationship()

    @staticmethod
    def new_token() -> str:
        return TOPIC_TOKEN_PREFIX + secrets.token_urlsafe(24)

    @property
    def is_open(self) -> bool:
        """Not yet decided: the coordinator has still to accept, defer or decline it."""
        return self.status == "submitted"

    def require_undecided(self) -> None:
        if not self.is_open:
            raise Conflict(
                "topic_already_decided",
                _l("This topic has already been decided: %(status)s.", status=self.status_label),
            )

    @property
    def status_label(self):
        return TOPIC_STATUS_LABELS.get(self.status, self.status)


class NoticeDelivery(Model):
    """One notice that reached one recipient: when, to whom, which version (SEQUENCE)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    recipient_name: Mapped[str] = mapped_column(String(MEMBER_NAME_MAX), default="")
    recipient_email: Mapped[str] = mapped_column(String(EMAIL_MAX))
    sequence: Mapped[int] = mapped_column(default=0)
    is_update: Mapped[bool] = mapped_column(default=False)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
