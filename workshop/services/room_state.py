"""Reading the room: the plan (default from the outline), and the room object clients receive.

The room object and the parts each room change carries are described in docs/realtime.md
("The room object"); every function here builds one key of it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from workshop.extensions import db
from workshop.i18n import force_language
from workshop.models import Group, Note, Section, Workshop
from workshop.models.room import Broadcast, Lock, Plan, Step, aware
from workshop.services import clock
from workshop.services.changes import Viewer, current_last_seq, timestamp
from workshop.services.notes import commit_keeping_loaded
from workshop.services.outline_tree import (
    find_section_node,
    numbered_outline,
    outline_questions,
)
from workshop.services.plenary_state import plenary_view

# The default plan's last step, named in the meeting's language.
PLENARY_TITLE = _l("Feedback in plenary")

# --- the plan, and the default one from the outline ---


# Every reader and writer of the plan goes through its steps and their sections and questions:
# loaded with the plan in three queries, not one per step and collection (a page load read
# them one by one, ten queries for a plan of five steps).
PLAN_WITH_STEPS = (
    selectinload(Plan.steps).selectinload(Step.sections),
    selectinload(Plan.steps).selectinload(Step.questions),
)


def find_plan(workshop: Workshop) -> Plan | None:
    return db.session.scalar(
        select(Plan)
        .where(Plan.workshop_id == workshop.id)
        .options(*PLAN_WITH_STEPS)
        .execution_options(populate_existing=True)
    )


def plan_for(workshop: Workshop) -> Plan:
    """The workshop's plan; made (and kept following the outline) while it is the default one.

    Does not commit: the caller's write does (or `current_plan` below, for readers).
    """
    plan = find_plan(workshop)
    if plan is None:
        plan = Plan(workshop_id=workshop.id, status="draft", edited=False, timer_state="stopped")
        db.session.add(plan)
    if not plan.edited and plan.status == "draft":
        follow_outline(plan, workshop)
    db.session.flush()  # new steps get their ids: moves and answers name them
    return plan


def current_plan(workshop: Workshop) -> Plan:
    """The plan for a reader: made or brought up to date, and committed."""
    try:
        plan = plan_for(workshop)
    except IntegrityError:  # another reader made the plan at the same moment: use theirs
        db.session.rollback()
        plan = plan_for(workshop)
    commit_keeping_loaded()
    return plan


def default_steps(workshop: Workshop) -> list[tuple[str, str, int | None]]:
    """(kind, title, section_id): a group round per top-level section with questions (one
    without, such as a closing heading, would be a round nobody can write in), then a plenary."""
    sections = numbered_outline(workshop)
    if not sections:
        return []
    with force_language(workshop.language or "en"):  # the meeting's language, like group names
        plenary = str(PLENARY_TITLE)
    rounds = [
        ("group_round", section["heading"], section["id"])
        for section in sections
        if outline_questions([section])
    ]
    return [*rounds, ("plenary", plenary, None)]


def step_signature(step: Step) -> tuple[str, str, int | None]:
    return step.kind, step.title, step.sections[0].id if step.sections else None


def follow_outline(plan: Plan, workshop: Workshop) -> None:
    """Make an unedited plan the default one for the outline as it is now."""
    wanted = default_steps(workshop)
    if [step_signature(step) for step in plan.steps] == wanted:
        return
    sections = {
        section.id: section
        for section in db.session.scalars(select(Section).where(Section.workshop_id == workshop.id))
    }
    plan.steps = [
        Step(
            position=position,
            title=title[: Step.title.type.length],  # type: ignore[attr-defined]
            kind=kind,
            sections=[sections[section_id]] if section_id else [],
        )
        for position, (kind, title, section_id) in enumerate(wanted, start=1)
    ]


# --- the parts of the room object ---


def step_question_ids(step: Step, outline: list[dict]) -> list[int]:
    """The questions a step covers, in outline order; none chosen means every question."""
    questions = outline_questions(outline)
    if not step.sections and not step.questions:
        return [question["id"] for question in questions]
    wanted = {question.id for question in step.questions}
    for section in step.sections:
        node = find_section_node(outline, section.id)
        if node is not None:
            wanted.update(question["id"] for question in outline_questions([node]))
    return [question["id"] for question in questions if question["id"] in wanted]


def step_dict(step: Step | None, outline: list[dict]) -> dict | None:
    if step is None:
        return None
    return {
        "id": step.id,
        "position": step.position,
        "title": step.title,
        "kind": step.kind,
        "duration_minutes": step.duration_minutes,
        "guidance": step.guidance,
        "section_ids": [section.id for section in step.sections],
        "question_ids": step_question_ids(step, outline),
        "started_at": timestamp(step.started_at),
    }


def plan_dict(plan: Plan, outline: list[dict]) -> dict:
    return {
        "status": plan.status,
        "current_step_id": plan.current_step_id,
        "steps": [step_dict(step, outline) for step in plan.steps],
    }


def timer_dict(plan: Plan) -> dict:
    return {
        "state": plan.timer_state,
        "duration_ms": plan.timer_duration_ms,
        "ends_at": timestamp(plan.timer_ends_at) if plan.timer_state == "running" else None,
        "remaining_ms": plan.timer_remaining_ms if plan.timer_state == "paused" else None,
    }


def locks_dict(workshop: Workshop, outline: list[dict]) -> dict:
    """{"locks": {section_ids, question_ids}, "locked_question_ids": every question locked}."""
    locks = db.session.scalars(select(Lock).where(Lock.workshop_id == workshop.id)).all()
    section_ids = sorted(lock.section_id for lock in locks if lock.section_id is not None)
    question_ids = sorted(lock.question_id for lock in locks if lock.question_id is not None)
    locked = set(question_ids)
    for section_id in section_ids:
        node = find_section_node(outline, section_id)
        if node is not None:
            locked.update(question["id"] for question in outline_questions([node]))
    in_order = [q["id"] for q in outline_questions(outline) if q["id"] in locked]
    return {
        "locks": {"section_ids": section_ids, "question_ids": question_ids},
        "locked_question_ids": in_order,
    }


def broadcast_dict(broadcast: Broadcast | None) -> dict | None:
    if broadcast is None:
        return None
    return {
        "id": broadcast.id,
        "group_id": broadcast.group_id,
        "text": "" if broadcast.cleared else broadcast.text,
        "cleared": broadcast.cleared,
        "sent_at": timestamp(broadcast.sent_at),
    }


def latest_broadcast(workshop: Workshop, viewer: Viewer) -> Broadcast | None:
    """The latest broadcast to everyone or to the viewer's group (facilitators: to everyone)."""
    query = select(Broadcast).where(Broadcast.workshop_id == workshop.id)
    if viewer.group_id is not None:
        query = query.where(
            (Broadcast.group_id.is_(None)) | (Broadcast.group_id == viewer.group_id)
        )
    else:
        query = query.where(Broadcast.group_id.is_(None))
    return db.session.scalar(query.order_by(Broadcast.id.desc()).limit(1))


def focus_dict(plan: Plan) -> dict | None:
    return {"question_id": plan.focus_question_id} if plan.focus_question_id else None


def plenary_dict(plan: Plan, outline: list[dict]) -> dict | None:
    step = plan.current_step
    if step is None or step.kind != "plenary" or plan.plenary_question_id is None:
        return None
    question_ids = step_question_ids(step, outline)
    if plan.plenary_question_id not in question_ids:
        return None
    return {
        "question_id": plan.plenary_question_id,
        "position": question_ids.index(plan.plenary_question_id) + 1,
        "count": len(question_ids),
    }


# --- what each room change carries, and the whole room ---


def room_parts(
    workshop: Workshop, plan: Plan, keys: tuple[str, ...], outline: list[dict] | None = None
) -> dict:
    """The room object's `keys` as they are now (for a change's payload). `outline`: the
    workshop's numbered outline, if the caller has built it already."""
    outline = numbered_outline(workshop) if outline is None else outline
    builders = {
        "plan": lambda: plan_dict(plan, outline),
        "step": lambda: step_dict(plan.current_step, outline),
        "timer": lambda: timer_dict(plan),
        "focus": lambda: focus_dict(plan),
        "plenary": lambda: plenary_dict(plan, outline),
    }
    parts: dict = {}
    for key in keys:
        if key == "locks":
            parts.update(locks_dict(workshop, outline))
        else:
            parts[key] = builders[key]()
    return parts


ROOM_KEYS = ("plan", "step", "timer", "locks", "focus", "plenary")


def room_state(workshop: Workshop, viewer: Viewer, outline: list[dict] | None = None) -> dict:
    """The whole room as this viewer may see it: {room, last_seq, now}, and the groups.
    `outline`: the workshop's numbered outline, if the caller (a page) has built it already."""
    last_seq = current_last_seq(workshop.id)
    plan = current_plan(workshop)
    room = room_parts(workshop, plan, ROOM_KEYS, outline) | plenary_view(workshop, viewer)
    answer: dict = {"room": room, "last_seq": last_seq, "now": timestamp(clock.now())}
    if viewer.is_display:
        room["focus"] = None
        room["broadcast"] = None
        answer["groups"] = [group_label(group) for group in workshop_groups(workshop)]
        return answer
    room["broadcast"] = broadcast_dict(latest_broadcast(workshop, viewer))
    if viewer.is_facilitator:
        answer["groups"] = group_activity(workshop, plan)
        answer["quiet_after_seconds"] = current_app.config["QUIET_AFTER_SECONDS"]
    return answer


# --- quiet groups ---


def last_note_times(workshop: Workshop) -> dict[int, datetime]:
    rows = db.session.execute(
        select(Note.group_id, func.max(Note.created_at))
        .where(Note.workshop_id == workshop.id, Note.deleted_at.is_(None))
        .group_by(Note.group_id)
    )
    return {group_id: aware(at) for group_id, at in rows if at is not None}


def quiet_since(plan: Plan) -> datetime | None:
    """The time from which a group round counts a silent group as quiet, or None."""
    step = plan.current_step
    if step is None or not step.opens_writing or step.started_at is None:
        return None
    quiet_after = timedelta(seconds=current_app.config["QUIET_AFTER_SECONDS"])
    started = aware(step.started_at)
    return started if started is not None and clock.now() - started >= quiet_after else None


def workshop_groups(workshop: Workshop) -> list[Group]:
    return list(
        db.session.scalars(
            select(Group).where(Group.workshop_id == workshop.id).order_by(Group.position, Group.id)
        )
    )


def group_label(group: Group) -> dict:
    return {"id": group.id, "name": group.name, "position": group.position}


def group_activity(workshop: Workshop, plan: Plan) -> list[dict]:
    """Each group with when it last added a note, and whether it is quiet in this round."""
    groups = workshop_groups(workshop)
    last_notes = last_note_times(workshop)
    since = quiet_since(plan)
    return [
        {
            **group_label(group),
            "last_note_at": timestamp(last_notes.get(group.id)),
            "quiet": since is not None
            and (group.id not in last_notes or last_notes[group.id] < since),
        }
        for group in groups
    ]
