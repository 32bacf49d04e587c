"""A series (a network group that meets regularly): its coordinators, members and standing items."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.extensions import Model, db
from workshop.models.base import utcnow
from workshop.models.facilitator import Facilitator

SERIES_NAME_MAX = 200
DESCRIPTION_MAX = 5000
MEMBER_NAME_MAX = 100
DEPARTMENT_MAX = 200
EMAIL_MAX = 254
PLACE_MAX = 200
LINK_MAX = 2000
MEMBER_ROLES = ("member", "deputy", "observer")
MEMBER_ROLE_LABELS = {"member": _l("Member"), "deputy": _l("Deputy"), "observer": _l("Observer")}
# The rhythm is "every N weeks"; at most 13 weeks keeps a series at four meetings a year or more.
RHYTHM_WEEKS_MIN = 1
RHYTHM_WEEKS_MAX = 13
MEMBERS_TOKEN_PREFIX = "wsm_"

series_coordinators = Table(
    "series_coordinator",
    db.metadata,
    Column("series_id", ForeignKey("series.id", ondelete="CASCADE"), primary_key=True),
    Column("facilitator_id", ForeignKey("facilitator.id", ondelete="CASCADE"), primary_key=True),
)


def hash_token(token: str) -> str:
    """Link tokens are kept hashed: a copy of the database opens no page."""
    return hashlib.sha256(token.encode()).hexdigest()


class Series(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("facilitator.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(SERIES_NAME_MAX))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(5), default="en")
    rhythm_weeks: Mapped[int] = mapped_column(default=RHYTHM_WEEKS_MAX)
    # What a new meeting starts with, unless the coordinator says otherwise.
    default_start_time: Mapped[time | None]
    default_end_time: Mapped[time | None]
    default_place: Mapped[str] = mapped_column(String(PLACE_MAX), default="")
    default_online_link: Mapped[str] = mapped_column(String(LINK_MAX), default="")
    # The members' link (read-only page): only its hash is kept; None when there is none.
    members_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    members_link_created_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    owner: Mapped[Facilitator] = relationship(foreign_keys=[owner_id])
    coordinators: Mapped[list[Facilitator]] = relationship(secondary=series_coordinators)
    members: Mapped[list[Member]] = relationship(
        order_by="Member.position, Member.id", cascade="all, delete-orphan", back_populates="series"
    )
    standing_items: Mapped[list[StandingItem]] = relationship(
        order_by="StandingItem.position, StandingItem.id", cascade="all, delete-orphan"
    )

    def can_be_run_by(self, facilitator) -> bool:
        """The owner and the coordinators may change the series and its meetings."""
        if facilitator is None or not getattr(facilitator, "is_authenticated", False):
            return False
        return facilitator.id == self.owner_id or any(
            f.id == facilitator.id for f in self.coordinators
        )

    @staticmethod
    def new_members_token() -> str:
        return MEMBERS_TOKEN_PREFIX + secrets.token_urlsafe(24)

    @property
    def has_members_link(self) -> bool:
        return self.members_token_hash is not None


class Member(Model):
    """A representative in the series (no account): who they are and how to reach them."""

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(MEMBER_NAME_MAX))
    department: Mapped[str] = mapped_column(String(DEPARTMENT_MAX), default="")
    email: Mapped[str] = mapped_column(String(EMAIL_MAX), default="")
    role: Mapped[str] = mapped_column(String(16), default="member")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    series: Mapped[Series] = relationship(back_populates="members")


class StandingItem(Model):
    """The series' template: an item every meeting's agenda starts with (approval, AOB, …)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    presenter: Mapped[str] = mapped_column(String(200), default="")
    duration_minutes: Mapped[int | None]
    description: Mapped[str] = mapped_column(Text, default="")
    # Standing items at the end of the agenda (any other business, next meetings) stay last.
    at_end: Mapped[bool] = mapped_column(default=False)
