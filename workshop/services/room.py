"""Running the room: move through the plan, run the timer, lock, broadcast, focus and page.

Each action takes the workshop's next seq first (which also serialises the workshop's writers
until the commit), changes the plan through its state machine, records one Change carrying the
parts of the room object it changed, commits and returns it. Callers run it through
services.live.write_live, which publishes it after the commit.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from workshop.extensions import db
from workshop.models import Change, Conflict, DomainError, NotFound, Question, Section, Workshop
from workshop.models.base import trimmed
from workshop.models.note import allocate_seq
from workshop.models.room import (
    BROADCAST_CHANGED,
    FOCUS_CHANGED,
    LOCK_CHANGED,
    PLAN_CHANGED,
    PLENARY_CHANGED,
    STEP_CHANGED,
    TIMER_CHANGED,
    Broadcast,
    Lock,
    Plan,
    Step,
)
from workshop.services import clock
from workshop.services.groups import get_group
from workshop.services.live import rolls_back
from workshop.services.outline_tree import numbered_outline
from workshop.services.room_state import broadcast_dict, plan_for, room_parts, step_question_ids

# The room object's keys each kind of change carries (docs/realtime.md, "Room changes").
CHANGE_PARTS: dict[str, tuple[str, ...]] = {
    PLAN_CHANGED: ("plan", "step"),
    STEP_CHANGED: ("plan", "step", "timer", "plenary", "focus"),
    TIMER_CHANGED: ("timer",),
    LOCK_CHANGED: ("locks",),
    FOCUS_CHANGED: ("focus",),
    PLENARY_CHANGED: ("plenary",),
}
TIMER_SECONDS_MAX = 8 * 60 * 60


def changing_plan(workshop: Workshop) -> tuple[Plan, int]:
    """The next seq (taken first: it holds the workshop's writers back), and the plan afresh."""
    seq = allocate_seq(workshop.id)
    return plan_for(workshop), seq


def record(
    workshop: Workshop, seq: int, kind: str, payload: dict, group_id: int | None = None
) -> Change:
    change = Change(workshop_id=workshop.id, seq=seq, kind=kind, group_id=group_id, payload=payload)
    db.session.add(change)
    db.session.commit()
    return change


def record_parts(workshop: Workshop, plan: Plan, seq: int, kind: str, **extra) -> Change:
    """Record a change carrying the parts of the room its kind stands for, as they are now
    (and `extra`, e.g. what was done to the timer)."""
    db.session.flush()
    parts = room_parts(workshop, plan, CHANGE_PARTS[kind])
    return record(workshop, seq, kind, {**parts, **extra})


def record_timer(workshop: Workshop, plan: Plan, seq: int, action: str) -> Change:
    # The action says what the facilitator did: a restart and "+1 min" both leave a running
    # timer running, and the room should hear "started" for the one and "changed" for the other.
    return record_parts(workshop, plan, seq, TIMER_CHANGED, action=action)


def plan_changed(workshop: Workshop) -> Change:
    """Record that the plan's steps were edited (services/plan.py calls it before its commit)."""
    plan, seq = changing_plan(workshop)
    return record_parts(workshop, plan, seq, PLAN_CHANGED)


# --- moving through the plan ---


@rolls_back
def start_plan(workshop: Workshop) -> Change:
    plan, seq = changing_plan(workshop)
    plan.start(clock.now())
    enter_plenary(plan, workshop)
    return record_parts(workshop, plan, seq, STEP_CHANGED)


@rolls_back
def finish_plan(workshop: Workshop) -> Change:
    plan, seq = changing_plan(workshop)
    plan.finish()
    return record_parts(workshop, plan, seq, STEP_CHANGED)


@rolls_back
def next_step(workshop: Workshop) -> Change:
    return move(workshop, lambda plan: plan.neighbour(1))


@rolls_back
def previous_step(workshop: Workshop) -> Change:
    return move(workshop, lambda plan: plan.neighbour(-1))


@rolls_back
def go_to_step(workshop: Workshop, step_id: int) -> Change:
    return move(workshop, lambda plan: step_of(plan, step_id))


def move(workshop: Workshop, target: Callable[[Plan], Step]) -> Change:
    plan, seq = changing_plan(workshop)
    plan.go_to(target(plan), clock.now())
    enter_plenary(plan, workshop)
    return record_parts(workshop, plan, seq, STEP_CHANGED)


def step_of(plan: Plan, step_id: int) -> Step:
    step = next((step for step in plan.steps if step.id == step_id), None)
    if step is None:
        raise NotFound("step_not_found", _l("There is no such step in this plan."))
    return step


def enter_plenary(plan: Plan, workshop: Workshop) -> None:
    """A plenary step starts at its first question."""
    step = plan.current_step
    if step is not None and step.kind == "plenary":
        question_ids = step_question_ids(step, numbered_outline(workshop))
        plan.plenary_question_id = question_ids[0] if question_ids else None


# --- the timer ---


def timer_ms(seconds: int | None) -> int:
    if seconds is None or not 1 <= seconds <= TIMER_SECONDS_MAX:
        raise DomainError(
            "invalid_input",
            _l("A time must be between 1 second and 8 hours."),
            field="seconds",
        )
    return seconds * 1000


@rolls_back
def start_timer(workshop: Workshop, seconds: int | None = None) -> Change:
    """Start the timer afresh: for `seconds`, or for the current step's duration."""
    plan, seq = changing_plan(workshop)
    if seconds is None:
        step = plan.current_step
        if step is None or not step.duration_minutes:
            raise Conflict("no_duration", _l("Say how long the timer should run."))
        seconds = step.duration_minutes * 60
    plan.start_timer(timer_ms(seconds), clock.now())
    return record_timer(workshop, plan, seq, "started")


@rolls_back
def pause_timer(workshop: Workshop) -> Change:
    plan, seq = changing_plan(workshop)
    plan.pause_timer(clock.now())
    return record_timer(workshop, plan, seq, "paused")


@rolls_back
def resume_timer(workshop: Workshop) -> Change:
    plan, seq = changing_plan(workshop)
    plan.resume_timer(clock.now())
    return record_timer(workshop, plan, seq, "resumed")


@rolls_back
def extend_timer(workshop: Workshop, seconds: int | None) -> Change:
    plan, seq = changing_plan(workshop)
    plan.extend_timer(timer_ms(seconds))
    return record_timer(workshop, plan, seq, "extended")


@rolls_back
def clear_timer(workshop: Workshop) -> Change:
    plan, seq = changing_plan(workshop)
    plan.clear_timer()
    return record_timer(workshop, plan, seq, "stopped")


# --- locks ---


def lock_target(workshop: Workshop, target: str, target_id: int) -> dict:
    """The Lock columns for a question or section of this workshop (404 for another's)."""
    row: Question | Section | None = (
        db.session.get(Question, target_id)
        if target == "question"
        else db.session.get(Section, target_id)
    )
    if row is None or row.workshop_id != workshop.id:
        if target == "question":
            raise NotFound("question_not_found", _l("There is no such question in this workshop."))
        raise NotFound("section_not_found", _l("There is no such section in this workshop."))
    return {"question_id": target_id} if target == "question" else {"section_id": target_id}


@rolls_back
def set_lock(workshop: Workshop, target: str, target_id: int, locked: bool) -> Change:
    """Lock or unlock a question, a block or a section; doing it twice changes nothing more."""
    columns = lock_target(workshop, target, target_id)
    plan, seq = changing_plan(workshop)
    existing = db.session.scalars(select(Lock).filter_by(workshop_id=workshop.id, **columns)).all()
    if locked and not existing:
        db.session.add(Lock(workshop_id=workshop.id, **columns))
    for lock in existing if not locked else ():
        db.session.delete(lock)
    return record_parts(workshop, plan, seq, LOCK_CHANGED)


# --- broadcasts ---


def clean_broadcast(text: str) -> str:
    text = trimmed(text or "")
    limit = current_app.config["BROADCAST_TEXT_MAX"]
    if not text:
        raise DomainError("broadcast_empty", _l("Write the message first."), field="text")
    if len(text) > limit:
        raise DomainError(
            "broadcast_too_long",
            _l(
                "A message can be at most %(max)d characters long; this one has %(length)d.",
                max=limit,
                length=len(text),
            ),
            field="text",
            max=limit,
            length=len(text),
        )
    return text


@rolls_back
def send_broadcast(workshop: Workshop, text: str, group_id: int | None = None) -> Change:
    """A short message to everyone, or to one group; it replaces the one before."""
    return write_broadcast(workshop, clean_broadcast(text), group_id, cleared=False)


@rolls_back
def clear_broadcast(workshop: Workshop, group_id: int | None = None) -> Change:
    """Take back the message to everyone (or to one group)."""
    return write_broadcast(workshop, "", group_id, cleared=True)


def write_broadcast(workshop: Workshop, text: str, group_id: int | None, cleared: bool) -> Change:
    if group_id is not None:
        get_group(workshop, group_id)
    seq = allocate_seq(workshop.id)
    broadcast = Broadcast(
        workshop_id=workshop.id, group_id=group_id, text=text, cleared=cleared, sent_at=clock.now()
    )
    db.session.add(broadcast)
    db.session.flush()
    payload = {"broadcast": broadcast_dict(broadcast)}
    return record(workshop, seq, BROADCAST_CHANGED, payload, group_id=group_id)


# --- bringing everyone to a question, and paging the plenary ---


def question_of(workshop: Workshop, question_id: int) -> Question:
    question = db.session.get(Question, question_id)
    if question is None or question.workshop_id != workshop.id:
        raise NotFound(
            "question_not_found",
            _l("There is no such question in this workshop."),
            field="question_id",
        )
    return question


@rolls_back
def set_focus(workshop: Workshop, question_id: int) -> Change:
    question_of(workshop, question_id)
    plan, seq = changing_plan(workshop)
    plan.focus_question_id = question_id
    return record_parts(workshop, plan, seq, FOCUS_CHANGED)


def plenary_questions(plan: Plan, workshop: Workshop) -> list[int]:
    plan.require_movable()
    step = plan.current_step
    if step is None or step.kind != "plenary":
        raise Conflict("not_plenary", _l("The current step is not a plenary."))
    return step_question_ids(step, numbered_outline(workshop))


@rolls_back
def page_plenary(workshop: Workshop, offset: int) -> Change:
    """Show the next (offset 1) or previous (-1) question of the plenary step."""
    plan, seq = changing_plan(workshop)
    question_ids = plenary_questions(plan, workshop)
    current = plan.plenary_question_id
    index = question_ids.index(current) + offset if current in question_ids else 0
    if not 0 <= index < len(question_ids):
        if offset > 0:
            raise Conflict("no_next_question", _l("This is the last question of the plenary."))
        raise Conflict("no_previous_question", _l("This is the first question of the plenary."))
    plan.plenary_question_id = question_ids[index]
    return record_parts(workshop, plan, seq, PLENARY_CHANGED)


@rolls_back
def show_in_plenary(workshop: Workshop, question_id: int) -> Change:
    plan, seq = changing_plan(workshop)
    if question_id not in plenary_questions(plan, workshop):
        raise Conflict(
            "question_not_in_step",
            _l("This question is not part of the plenary."),
            field="question_id",
        )
    plan.plenary_question_id = question_id
    return record_parts(workshop, plan, seq, PLENARY_CHANGED)


# Every room action by the name of its socket event, called with its validated payload: the
# socket events and the API routes both run them from here.
ACTIONS: dict[str, Callable[[Workshop, dict], Change]] = {
    "plan:start": lambda workshop, data: start_plan(workshop),
    "plan:finish": lambda workshop, data: finish_plan(workshop),
    "step:next": lambda workshop, data: next_step(workshop),
    "step:previous": lambda workshop, data: previous_step(workshop),
    "step:goto": lambda workshop, data: go_to_step(workshop, data["step_id"]),
    "timer:start": lambda workshop, data: start_timer(workshop, data["seconds"]),
    "timer:pause": lambda workshop, data: pause_timer(workshop),
    "timer:resume": lambda workshop, data: resume_timer(workshop),
    "timer:extend": lambda workshop, data: extend_timer(workshop, data["seconds"]),
    "timer:clear": lambda workshop, data: clear_timer(workshop),
    "lock:set": lambda workshop, data: set_lock(
        workshop, data["target"], data["id"], data["locked"]
    ),
    "broadcast:send": lambda workshop, data: send_broadcast(
        workshop, data["text"], data["group_id"]
    ),
    "broadcast:clear": lambda workshop, data: clear_broadcast(workshop, data["group_id"]),
    "focus:set": lambda workshop, data: set_focus(workshop, data["question_id"]),
    "plenary:next": lambda workshop, data: page_plenary(workshop, 1),
    "plenary:previous": lambda workshop, data: page_plenary(workshop, -1),
    "plenary:show": lambda workshop, data: show_in_plenary(workshop, data["question_id"] or 0),
}
