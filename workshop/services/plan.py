"""Editing a workshop's plan: add, change, reorder and delete steps, reset it, copy it.

Every edit is a live change (`plan:changed`): it is recorded with the edit and returned, and the
callers run it through services.live.write_live so that open pages follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from workshop.extensions import db
from workshop.models import Change, Conflict, DomainError, Question, Section, Workshop
from workshop.models.base import trimmed
from workshop.models.room import PLAN_CHANGED, Plan, Step
from workshop.services.live import rolls_back
from workshop.services.outline_tree import numbered_outline
from workshop.services.room import changing_plan, record_parts, step_of
from workshop.services.room_state import (
    current_plan,
    find_plan,
    follow_outline,
    plan_dict,
    step_dict,
)


@dataclass(frozen=True)
class PlanEdit:
    """An edit's result: the step it concerns (if any) and the change to publish."""

    change: Change
    step_id: int | None = None

    @property
    def new_changes(self) -> tuple[Change, ...]:
        return (self.change,)


def read_plan(workshop: Workshop) -> dict:
    return plan_dict(current_plan(workshop), numbered_outline(workshop))


def read_step(workshop: Workshop, step_id: int) -> dict:
    step = step_of(current_plan(workshop), step_id)
    return step_dict(step, numbered_outline(workshop)) or {}


def step_fields(step: Step) -> dict:
    """A step's values as a step payload (a PATCH is checked as the step it would make)."""
    return {
        "title": step.title,
        "kind": step.kind,
        "duration_minutes": step.duration_minutes,
        "guidance": step.guidance,
        "section_ids": [section.id for section in step.sections],
        "question_ids": [question.id for question in step.questions],
    }


def all_step_fields(workshop: Workshop) -> dict[int, dict]:
    """Every step's values as a step payload, by step id (for the plan page's forms)."""
    return {step.id: step_fields(step) for step in current_plan(workshop).steps}


def current_step_fields(workshop: Workshop, step_id: int) -> dict:
    return step_fields(step_of(current_plan(workshop), step_id))


# --- checking a step's values ---


def invalid(field: str, message) -> DomainError:
    """invalid_input naming the field, both as pages (field) and the API (fields) show it."""
    return DomainError("invalid_input", message, field=field, fields={field: [str(message)]})


def clean_title(title: str) -> str:
    title = trimmed(title or "")
    if not title:
        raise invalid("title", _l("A step needs a title."))
    return title


def checked_duration(minutes: int | None) -> int | None:
    limit = current_app.config["STEP_DURATION_MAX_MINUTES"]
    if minutes is not None and not 1 <= minutes <= limit:
        raise invalid(
            "duration_minutes",
            _l("A step can last from 1 to %(max)d minutes (8 hours).", max=limit),
        )
    return minutes


def rows_of(workshop: Workshop, model, ids, field: str) -> list:
    """The sections or questions with these ids, all of this workshop (or invalid_input)."""
    ids = list(dict.fromkeys(ids or ()))
    if not ids:
        return []
    rows = db.session.scalars(
        select(model).where(model.id.in_(ids), model.workshop_id == workshop.id)
    ).all()
    if len(rows) != len(ids):
        raise invalid(field, _l("Choose questions and headings of this workshop's outline."))
    return list(rows)


def apply_fields(workshop: Workshop, step: Step, fields: dict) -> None:
    step.title = clean_title(fields["title"])
    step.kind = fields["kind"]
    step.duration_minutes = checked_duration(fields.get("duration_minutes"))
    step.guidance = (fields.get("guidance") or "").strip()
    step.sections = rows_of(workshop, Section, fields.get("section_ids"), "section_ids")
    step.questions = rows_of(workshop, Question, fields.get("question_ids"), "question_ids")


def edited(workshop: Workshop, plan: Plan, seq: int, step_id: int | None = None) -> PlanEdit:
    plan.edited = True
    for position, step in enumerate(plan.steps, start=1):
        step.position = position
    change = record_parts(workshop, plan, seq, PLAN_CHANGED)
    return PlanEdit(change=change, step_id=step_id)


# --- editing ---


@rolls_back
def add_step(workshop: Workshop, fields: dict) -> PlanEdit:
    """Add a step at the end of the plan."""
    plan, seq = changing_plan(workshop)
    if len(plan.steps) >= current_app.config["PLAN_STEPS_MAX"]:
        raise Conflict(
            "too_many_steps",
            _l("A plan can have at most %(max)d steps.", max=current_app.config["PLAN_STEPS_MAX"]),
        )
    step = Step(position=len(plan.steps) + 1)
    apply_fields(workshop, step, fields)
    plan.steps.append(step)
    db.session.flush()
    return edited(workshop, plan, seq, step.id)


@rolls_back
def change_step(workshop: Workshop, step_id: int, fields: dict) -> PlanEdit:
    plan, seq = changing_plan(workshop)
    apply_fields(workshop, step_of(plan, step_id), fields)
    return edited(workshop, plan, seq, step_id)


@rolls_back
def delete_step(workshop: Workshop, step_id: int) -> PlanEdit:
    plan, seq = changing_plan(workshop)
    step = step_of(plan, step_id)
    if step.id == plan.current_step_id:
        raise Conflict(
            "step_is_current", _l("The current step cannot be deleted. Move on from it first.")
        )
    plan.steps.remove(step)
    return edited(workshop, plan, seq)


@rolls_back
def reorder_steps(workshop: Workshop, step_ids: list[int]) -> PlanEdit:
    """Put the steps in this order; every step must be named once."""
    plan, seq = changing_plan(workshop)
    by_id = {step.id: step for step in plan.steps}
    if sorted(step_ids) != sorted(by_id):
        raise invalid("step_ids", _l("Name every step of the plan once."))
    plan.steps = [by_id[step_id] for step_id in step_ids]
    return edited(workshop, plan, seq)


@rolls_back
def move_step(workshop: Workshop, step_id: int, offset: int) -> PlanEdit:
    """Move a step one place up (offset -1) or down (1); at either end it stays."""
    plan, seq = changing_plan(workshop)
    steps = list(plan.steps)
    step = step_of(plan, step_id)
    index = steps.index(step)
    target = min(max(index + offset, 0), len(steps) - 1)
    steps.insert(target, steps.pop(index))
    plan.steps = steps
    return edited(workshop, plan, seq, step_id)


@rolls_back
def reset_plan(workshop: Workshop) -> PlanEdit:
    """Back to the default plan from the outline (not while the plan runs)."""
    plan, seq = changing_plan(workshop)
    if plan.status == "running":
        raise Conflict("plan_running", _l("Finish the plan before resetting it."))
    plan.status = "draft"
    plan.edited = False
    plan.clear_timer()
    plan.focus_question_id = plan.plenary_question_id = None
    plan.steps = []
    db.session.flush()
    follow_outline(plan, workshop)
    return PlanEdit(change=record_parts(workshop, plan, seq, PLAN_CHANGED))


# --- duplicating a workshop ---


def copy_plan(
    source_id: int,
    target_id: int,
    new_sections: dict[int, Section],
    new_questions: dict[int, Question],
) -> None:
    """Copy a workshop's steps (not its state) to its duplicate; the caller commits."""
    source = find_plan(db.session.get_one(Workshop, source_id))
    if source is None:
        return
    copy = Plan(workshop_id=target_id, edited=source.edited)
    copy.steps = [
        Step(
            position=step.position,
            title=step.title,
            kind=step.kind,
            duration_minutes=step.duration_minutes,
            guidance=step.guidance,
            sections=[new_sections[s.id] for s in step.sections if s.id in new_sections],
            questions=[new_questions[q.id] for q in step.questions if q.id in new_questions],
        )
        for step in source.steps
    ]
    db.session.add(copy)
