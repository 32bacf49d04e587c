"""The plenary: what is shared with everyone (Share), and dot-voting (Vote, VotePoint, Dot).

A vote's state machine lives here: open → closed → revealed, and a closed or revealed vote may
be opened again. Dots are anonymous to every reader: the participant is kept only to hold each
person to their budget and to show them their own dots.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.extensions import Model
from workshop.models.base import utcnow
from workshop.models.errors import Conflict
from workshop.models.note import CLIENT_ID_MAX

SHARE_SOURCES = ("raw", "curated")
SHARE_SCOPES = ("all", "section", "question")
VOTE_STATUSES = ("open", "closed", "revealed")
DOTS_PER_PARTICIPANT_DEFAULT = 5
DOTS_PER_PARTICIPANT_MAX = 50
MAX_PER_POINT_DEFAULT = 3
VOTE_POINTS_MAX = 500
# The most points of a question the annex marks as its top ones after a vote.
TOP_MAX = 50

# The change kinds of the plenary (docs/realtime.md, "Plenary: share and vote").
SHARE_CHANGED = "share:changed"
# A note added, edited or deleted under a question a raw share covers: the share follows it live.
SHARE_POINT = "share:point"
VOTE_CHANGED = "vote:changed"
# A dot placed or taken back ({vote_id}, nobody named): the facilitators know at once, and the
# totals follow within TALLY_UPDATE_SECONDS, counted once for every dot since the last.
VOTE_DOT = "vote:dot"
# The totals, when the vote shows running totals: everyone sees them.
DOTS_CHANGED = "dots:changed"
# The same when it does not: only the facilitators see the totals and participation.
DOTS_COUNTED = "dots:counted"
ANNEX_PUBLISHED = "annex:published"
# What only the facilitators receive (neither participants nor displays).
FOR_FACILITATORS_ONLY = (DOTS_COUNTED, VOTE_DOT)


class Share(Model):
    """What a plenary shows everyone: raw notes or curated points, of some questions or all."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(String(10), default="raw")
    scope: Mapped[str] = mapped_column(String(10), default="all")
    # The section or question the scope names (None for "all").
    target_id: Mapped[int | None]
    # The questions shared, as they were when shared: a note's write checks them cheaply.
    question_ids: Mapped[list[int] | None] = mapped_column(JSON)
    shared_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None]

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


def require_vote_open(status: str) -> None:
    """Dots go on an open vote only (a vote's status as a dot's write reads it, or a Vote's)."""
    if status != "open":
        raise Conflict("vote_closed", _l("The vote is closed: no more dots can be placed."))


class Vote(Model):
    """A dot vote on a set of points, with its settings and its state."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(String(10), default="curated")
    scope: Mapped[str] = mapped_column(String(10), default="all")
    target_id: Mapped[int | None]
    dots_per_participant: Mapped[int] = mapped_column(default=DOTS_PER_PARTICIPANT_DEFAULT)
    max_per_point: Mapped[int] = mapped_column(default=MAX_PER_POINT_DEFAULT)
    show_totals: Mapped[bool] = mapped_column(default=False)
    # Whether opening the vote started the step's timer.
    timer: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(10), default="open")
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    revealed_at: Mapped[datetime | None]

    points: Mapped[list[VotePoint]] = relationship(
        order_by="VotePoint.position", cascade="all, delete-orphan", passive_deletes=True
    )

    # --- the vote's state machine ---

    def require_open(self) -> None:
        require_vote_open(self.status)

    def close(self, now: datetime) -> None:
        self.require_open()
        self.status = "closed"
        self.closed_at = now

    def reveal(self, now: datetime) -> None:
        if self.status == "open":
            raise Conflict("vote_still_open", _l("Close the vote before revealing its results."))
        if self.status == "revealed":
            raise Conflict("vote_already_revealed", _l("The results are already revealed."))
        self.status = "revealed"
        self.revealed_at = now

    def reopen(self) -> None:
        if self.status == "open":
            raise Conflict("vote_already_open", _l("The vote is already open."))
        self.status = "open"
        self.closed_at = None
        self.revealed_at = None

    @property
    def results_public(self) -> bool:
        """Whether participants and displays may see the totals now."""
        return self.status == "revealed" or self.show_totals


class VotePoint(Model):
    """One point a vote is on: a curated annex point or a raw note, as worded when it opened."""

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("vote.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("question.id", ondelete="SET NULL"), index=True
    )
    # The group whose note it is (raw notes); None for a curated point.
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("group.id", ondelete="SET NULL"), index=True
    )
    annex_point_id: Mapped[int | None] = mapped_column(
        ForeignKey("annex_point.id", ondelete="SET NULL"), index=True
    )
    note_id: Mapped[str | None] = mapped_column(String(CLIENT_ID_MAX))
    text: Mapped[str] = mapped_column(Text)


class Dot(Model):
    """One dot on a point. Its id is the client's (the idempotency key of dot:place)."""

    id: Mapped[str] = mapped_column(String(CLIENT_ID_MAX), primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("vote.id", ondelete="CASCADE"), index=True)
    point_id: Mapped[int] = mapped_column(
        ForeignKey("vote_point.id", ondelete="CASCADE"), index=True
    )
    # Never sent to anyone but the participant themself: votes are anonymous.
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), index=True
    )
    # For the per-group breakdown, shown only in a named workshop.
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("group.id", ondelete="SET NULL"), index=True
    )
    placed_seq: Mapped[int] = mapped_column(default=0)
    removed_seq: Mapped[int | None]
    placed_at: Mapped[datetime] = mapped_column(default=utcnow)
    removed_at: Mapped[datetime | None]

    @property
    def counts(self) -> bool:
        return self.removed_at is None


class Publication(Model):
    """The approved annex version shown to participants (and the vote results, if chosen)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    version_number: Mapped[int]
    include_votes: Mapped[bool] = mapped_column(default=False)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None]
    # The vote results as they were published (kept even if the vote is reopened later).
    results: Mapped[dict] = mapped_column(JSON, default=dict)
