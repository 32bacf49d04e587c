"""Running the room: a workshop's plan of steps, its timer, locks, broadcasts and display links.

The state machines live here: a plan goes draft → running → finished and a finished plan cannot
move; a step that is current cannot start again; the timer is stopped, running or paused.
Times are passed in (the caller's clock), so the rules never read the wall clock themselves.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from typing import overload

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.extensions import Model, db
from workshop.models.base import utcnow
from workshop.models.errors import Conflict
from workshop.models.outline import Question, Section
from workshop.models.plenary import ANNEX_PUBLISHED, FOR_FACILITATORS_ONLY
from workshop.models.workshop import JOIN_CODE_CHANGED

STEP_KINDS = ("information", "group_round", "plenary", "break")
PLAN_STATUSES = ("draft", "running", "finished")
STEP_TITLE_MAX = 200
STEP_GUIDANCE_MAX = 2000
BROADCAST_TEXT_MAX = 500
DISPLAY_NAME_MAX = 100
DISPLAY_TOKEN_PREFIX = "wsd_"

# The change kinds of the room (docs/realtime.md, "Room changes").
PLAN_CHANGED = "plan:changed"
STEP_CHANGED = "step:changed"
TIMER_CHANGED = "timer:changed"
LOCK_CHANGED = "lock:changed"
BROADCAST_CHANGED = "broadcast:changed"
FOCUS_CHANGED = "focus:changed"
PLENARY_CHANGED = "plenary:changed"
# What a display (the projector) never receives: it shows only what the whole room may see.
HIDDEN_FROM_DISPLAYS = (BROADCAST_CHANGED, FOCUS_CHANGED, ANNEX_PUBLISHED, *FOR_FACILITATORS_ONLY)
# What participants never receive: the facilitators' own, and a new join code (they are in
# already; a code sent to every laptop would only spread it further than the room's screen).
HIDDEN_FROM_PARTICIPANTS = (*FOR_FACILITATORS_ONLY, JOIN_CODE_CHANGED)

step_sections = Table(
    "step_section",
    db.metadata,
    Column("step_id", ForeignKey("step.id", ondelete="CASCADE"), primary_key=True),
    Column("section_id", ForeignKey("section.id", ondelete="CASCADE"), primary_key=True),
)
step_questions = Table(
    "step_question",
    db.metadata,
    Column("step_id", ForeignKey("step.id", ondelete="CASCADE"), primary_key=True),
    Column("question_id", ForeignKey("question.id", ondelete="CASCADE"), primary_key=True),
)


@overload
def aware(value: datetime) -> datetime: ...
@overload
def aware(value: datetime | None) -> datetime | None: ...
def aware(value: datetime | None) -> datetime | None:
    """Databases hand back naive datetimes for what we stored as UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


class Step(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(STEP_TITLE_MAX))
    kind: Mapped[str] = mapped_column(String(16), default="group_round")
    duration_minutes: Mapped[int | None]
    guidance: Mapped[str] = mapped_column(Text, default="")
    # When the step last became current (quiet groups are counted from here).
    started_at: Mapped[datetime | None]

    sections: Mapped[list[Section]] = relationship(secondary=step_sections)
    questions: Mapped[list[Question]] = relationship(secondary=step_questions)

    @property
    def opens_writing(self) -> bool:
        return self.kind == "group_round"


class Plan(Model):
    """One per workshop: its steps, which one is current, and the room's timer and pointers."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[str] = mapped_column(String(10), default="draft")
    # False while the plan is the default one from the outline (it follows the outline then).
    edited: Mapped[bool] = mapped_column(default=False)
    # A plain id, not a foreign key: plan and step would otherwise point at each other.
    current_step_id: Mapped[int | None]
    timer_state: Mapped[str] = mapped_column(String(10), default="stopped")
    timer_ends_at: Mapped[datetime | None]
    timer_remaining_ms: Mapped[int | None]
    timer_duration_ms: Mapped[int | None]
    focus_question_id: Mapped[int | None]
    plenary_question_id: Mapped[int | None]

    steps: Mapped[list[Step]] = relationship(order_by="Step.position", cascade="all, delete-orphan")

    @property
    def current_step(self) -> Step | None:
        return next((step for step in self.steps if step.id == self.current_step_id), None)

    # --- the plan's state machine ---

    def require_movable(self) -> None:
        if self.status == "finished":
            raise Conflict("plan_finished", _l("The plan is finished: it cannot move any more."))
        if self.status != "running":
            raise Conflict("plan_not_running", _l("Start the plan first."))

    def start(self, now: datetime) -> None:
        if self.status == "running":
            raise Conflict("plan_already_started", _l("The plan has already started."))
        if self.status == "finished":
            raise Conflict("plan_finished", _l("The plan is finished: it cannot move any more."))
        if not self.steps:
            raise Conflict("plan_empty", _l("The plan has no steps yet."))
        self.status = "running"
        self.enter(self.steps[0], now)

    def go_to(self, step: Step, now: datetime) -> None:
        """Make `step` current; a step that is already current cannot start again."""
        self.require_movable()
        if step.id == self.current_step_id:
            raise Conflict("step_already_current", _l("This step is already the current one."))
        self.enter(step, now)

    def neighbour(self, offset: int) -> Step:
        """The step `offset` places from the current one (next: 1, previous: -1)."""
        self.require_movable()
        index = self.steps.index(self.current_step) + offset if self.current_step else -1
        if not 0 <= index < len(self.steps):
            if offset > 0:
                raise Conflict("no_next_step", _l("This is the last step."))
            raise Conflict("no_previous_step", _l("This is the first step."))
        return self.steps[index]

    def finish(self) -> None:
        self.require_movable()
        self.status = "finished"
        self.current_step_id = None
        self.clear_timer()
        self.focus_question_id = None
        self.plenary_question_id = None

    def enter(self, step: Step, now: datetime) -> None:
        self.current_step_id = step.id
        step.started_at = now
        self.focus_question_id = None
        self.plenary_question_id = None
        if step.duration_minutes:
            self.start_timer(step.duration_minutes * 60_000, now)
        else:
            self.clear_timer()

    # --- the timer's state machine ---

    def start_timer(self, duration_ms: int, now: datetime) -> None:
        self.timer_state = "running"
        self.timer_duration_ms = duration_ms
        self.timer_ends_at = now + timedelta(milliseconds=duration_ms)
        self.timer_remaining_ms = None

    def pause_timer(self, now: datetime) -> None:
        if self.timer_state != "running":
            raise Conflict("timer_not_running", _l("The timer is not running."))
        ends_at = aware(self.timer_ends_at) or now
        self.timer_remaining_ms = max(0, round((ends_at - now).total_seconds() * 1000))
        self.timer_ends_at = None
        self.timer_state = "paused"

    def resume_timer(self, now: datetime) -> None:
        if self.timer_state != "paused":
            raise Conflict("timer_not_paused", _l("The timer is not paused."))
        self.timer_ends_at = now + timedelta(milliseconds=self.timer_remaining_ms or 0)
        self.timer_remaining_ms = None
        self.timer_state = "running"

    def extend_timer(self, extra_ms: int) -> None:
        ends_at = aware(self.timer_ends_at)
        if self.timer_state == "running" and ends_at is not None:
            self.timer_ends_at = ends_at + timedelta(milliseconds=extra_ms)
        elif self.timer_state == "paused":
            self.timer_remaining_ms = (self.timer_remaining_ms or 0) + extra_ms
        else:
            raise Conflict("timer_stopped", _l("There is no timer to extend. Start one first."))
        self.timer_duration_ms = (self.timer_duration_ms or 0) + extra_ms

    def clear_timer(self) -> None:
        self.timer_state = "stopped"
        self.timer_ends_at = None
        self.timer_remaining_ms = None
        self.timer_duration_ms = None


class Lock(Model):
    """A section (or block) or a single question closed for new notes."""

    __tablename__ = "question_lock"  # LOCK is an SQL keyword

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    section_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"))
    question_id: Mapped[int | None] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Broadcast(Model):
    """A short message to everyone (group_id None) or one group; a cleared one takes it back."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[int | None] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text, default="")
    cleared: Mapped[bool] = mapped_column(default=False)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


def hash_display_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class DisplayLink(Model):
    """A revocable token that opens the read-only projector view of one workshop."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(DISPLAY_NAME_MAX), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    @staticmethod
    def new_token() -> str:
        return DISPLAY_TOKEN_PREFIX + secrets.token_urlsafe(24)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
