"""The workshop: its settings, its lifecycle (draft → live → closed) and its co-facilitators."""

from __future__ import annotations

import secrets
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.extensions import Model, db
from workshop.models.base import utcnow
from workshop.models.errors import Conflict, DomainError
from workshop.models.facilitator import Facilitator

TITLE_MAX = 200
SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 5000
LABEL_WORD_MAX = 40
LABEL_NUMBER_MAX = 20
MEETING_LANGUAGES = ("da", "nb", "en")
STATUSES = ("draft", "live", "closed")
STATUS_LABELS = {"draft": _l("Draft"), "live": _l("Live"), "closed": _l("Closed")}
ANONYMITY_MODES = ("named", "anonymous_to_peers", "anonymous")
# How much each mode hides, in order: once anyone has joined, a workshop may only move up.
ANONYMITY_STRICTNESS = {mode: rank for rank, mode in enumerate(ANONYMITY_MODES)}
GROUP_MODES = ("assigned", "self_select", "balanced_random")
# No 0/O, 1/I/L: a join code is read off a projector and typed by hand.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
# A new join code's change in the feed: the room's screen and the facilitators show the code;
# participants, who are in already, never receive it (room.py, HIDDEN_FROM_PARTICIPANTS).
JOIN_CODE_CHANGED = "join_code:changed"

# Which moves the lifecycle allows, and the error each wrong move gives.
ALLOWED_MOVES = {
    ("draft", "live"),
    ("live", "closed"),
    ("closed", "live"),
    ("live", "draft"),
}

co_facilitators = Table(
    "workshop_co_facilitator",
    db.metadata,
    Column("workshop_id", ForeignKey("workshop.id", ondelete="CASCADE"), primary_key=True),
    Column("facilitator_id", ForeignKey("facilitator.id", ondelete="CASCADE"), primary_key=True),
)


def is_less_anonymous(anonymity: str, than: str | None) -> bool:
    return ANONYMITY_STRICTNESS[anonymity] < ANONYMITY_STRICTNESS.get(than or "named", 0)


def assigned_groups_need_names(**details) -> DomainError:
    return DomainError(
        "assigned_groups_need_names",
        _l(
            "A fully anonymous workshop asks no names, so “Assigned by the facilitator” cannot "
            "work: it places participants by the names on the groups' lists. Choose another way "
            "to form the groups, or make the workshop anonymous to other participants only."
        ),
        **details,
    )


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def shows_names_to_peers(anonymity: str) -> bool:
    """Whether participants see each other's names, by the workshop's anonymity."""
    return anonymity == "named"


class Workshop(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("facilitator.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    theme: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    date: Mapped[date | None]
    place: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    language: Mapped[str] = mapped_column(String(5), default="en")
    document_number: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    reference: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    annex_title: Mapped[str] = mapped_column(String(TITLE_MAX), default="")
    annex_intro: Mapped[str] = mapped_column(Text, default="")
    # "BILAG 2": the word ("" = the meeting language's own: ANNEX, BILAG, VEDLEGG) and number.
    annex_label_word: Mapped[str] = mapped_column(String(LABEL_WORD_MAX), default="")
    annex_label_number: Mapped[str] = mapped_column(String(LABEL_NUMBER_MAX), default="1")
    join_code: Mapped[str] = mapped_column(String(16), unique=True, default=new_join_code)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    anonymity: Mapped[str] = mapped_column(String(24), default="named")
    group_mode: Mapped[str] = mapped_column(String(24), default="self_select")
    # The last number handed out in this workshop's change feed (see models/note.py).
    last_seq: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    owner: Mapped[Facilitator] = relationship(foreign_keys=[owner_id])
    co_facilitators: Mapped[list[Facilitator]] = relationship(secondary=co_facilitators)

    def can_be_run_by(self, facilitator) -> bool:
        """Owner and co-facilitators may prepare, run and export the workshop."""
        if facilitator is None or not getattr(facilitator, "is_authenticated", False):
            return False
        return facilitator.id == self.owner_id or any(
            f.id == facilitator.id for f in self.co_facilitators
        )

    @property
    def names_visible_to_peers(self) -> bool:
        return shows_names_to_peers(self.anonymity)

    @property
    def asks_for_names(self) -> bool:
        return self.anonymity != "anonymous"

    @property
    def places_by_names(self) -> bool:
        """Assigned groups work by the names people give; a fully anonymous workshop asks none."""
        return self.group_mode == "assigned" and self.asks_for_names

    def set_participation(self, anonymity: str, group_mode: str, anyone_joined: bool) -> None:
        """Set anonymity and group mode together, refusing what would break a promise or fail.

        The join page told everyone who joined who would see their name: after that, anonymity
        may only become stricter. Assigned groups need names, which a fully anonymous workshop
        never asks for.
        """
        if anyone_joined and is_less_anonymous(anonymity, self.anonymity):
            raise Conflict(
                "anonymity_lowered",
                _l(
                    "People have already joined on the promise of this anonymity, so it can "
                    "only be made stricter now."
                ),
                field="anonymity",
            )
        changed = (anonymity, group_mode) != (self.anonymity, self.group_mode)
        if changed and anonymity == "anonymous" and group_mode == "assigned":
            raise assigned_groups_need_names(field="group_mode")
        self.anonymity = anonymity
        self.group_mode = group_mode

    def move_to(self, status: str) -> None:
        """Change the lifecycle status, refusing moves the lifecycle does not allow."""
        if status == self.status:
            return
        if (self.status, status) not in ALLOWED_MOVES:
            raise Conflict(
                "workshop_status_move",
                _l(
                    "A workshop cannot go from %(old)s to %(new)s.",
                    old=STATUS_LABELS.get(self.status, self.status),
                    new=STATUS_LABELS.get(status, status),
                ),
            )
        self.status = status

    def go_live(self) -> None:
        self.move_to("live")

    def close(self) -> None:
        self.move_to("closed")

    def reopen(self) -> None:
        self.move_to("live")

    @property
    def accepts_notes(self) -> bool:
        return self.status == "live"

    @property
    def accepts_joining(self) -> bool:
        return self.status in ("draft", "live")


class RetiredJoinCode(Model):
    """A join code a workshop had before it was renewed.

    Typed again (from a printed sheet, an old e-mail), it is answered "replaced", not "wrong":
    the person is not guessing, and counting it as a failed attempt would lock a room scanning an
    old sheet out of the right code as well. It opens nothing.
    """

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    retired_at: Mapped[datetime] = mapped_column(default=utcnow)
