"""The rules of writing notes: who may write where, which text is a note, which note is whose."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, bindparam, exists, or_, select
from sqlalchemy.engine import Connection

from workshop.annex.text import parse_items
from workshop.extensions import db
from workshop.formats import lazy_number
from workshop.models import (
    Conflict,
    DomainError,
    Facilitator,
    Forbidden,
    Group,
    Note,
    NotFound,
    Participant,
    Question,
    Section,
    Workshop,
)
from workshop.models.base import CONTROL_CHARACTERS, unix_breaks
from workshop.models.note import NOTE_TEXT_MAX
from workshop.models.room import Lock, Plan, Step, step_questions, step_sections
from workshop.services.prepared import Prepared

TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)

Actor = Participant | Facilitator


def clean_text(text: str) -> str:
    """Normalise line endings and trailing spaces, refuse empty or too long notes."""
    text = unix_breaks(text)
    text = CONTROL_CHARACTERS.sub("", text)
    text = TRAILING_SPACE.sub("", text).strip("\n")
    # Empty is also a note of only zero-width or invisible characters, or of only "- " list
    # marks: it has no point to show (read into points as the annex and the pages read it).
    if not parse_items(text):
        raise DomainError("note_empty", _l("A note cannot be empty."), field="text")
    if len(text) > NOTE_TEXT_MAX:
        raise DomainError(
            "note_too_long",
            _l(
                "A note can be at most %(max)s characters long; this one has %(length)s.",
                max=lazy_number(NOTE_TEXT_MAX),
                length=lazy_number(len(text)),
            ),
            field="text",
            max=NOTE_TEXT_MAX,
            length=len(text),
        )
    return text


# --- Who may do what ---


def require_actor_in(workshop: Workshop, actor: Actor) -> None:
    if isinstance(actor, Participant):
        if actor.workshop_id != workshop.id or not actor.is_active:
            raise Forbidden("forbidden", _l("You are not a participant of this workshop."))
    elif not workshop.can_be_run_by(actor):
        raise NotFound("workshop_not_found", _l("There is no such workshop."))


def require_accepts_notes(workshop: Workshop) -> None:
    if not workshop.accepts_notes:
        raise not_accepting_notes(workshop.status)


def not_accepting_notes(status: str) -> Conflict:
    """Why a workshop in this status takes no notes (it is not live)."""
    if status == "closed":
        return Conflict(
            "workshop_closed", _l("The workshop is closed: new notes are no longer taken.")
        )
    return Conflict(
        "workshop_not_started", _l("The workshop has not started yet: notes are not taken yet.")
    )


def no_group() -> Conflict:
    return Conflict("no_group", _l("You are not in a group yet."))


def not_own_group() -> Forbidden:
    return Forbidden("forbidden", _l("You can only write in your own group."))


def writing_group(workshop: Workshop, actor: Actor, group_id: int | None) -> Group:
    """The group a new note goes to: the participant's own; the one a facilitator names."""
    if isinstance(actor, Participant):
        if actor.group is None:
            raise no_group()
        if group_id is not None and group_id != actor.group_id:
            raise not_own_group()
        return actor.group
    group = db.session.get(Group, group_id) if group_id is not None else None
    if group is None or group.workshop_id != workshop.id:
        raise NotFound(
            "group_not_found", _l("Choose one of this workshop's groups."), field="group_id"
        )
    return group


def question_for(workshop: Workshop, group: Group, question_id: int) -> Question:
    question = db.session.get(Question, question_id)
    if question is None or question.workshop_id != workshop.id:
        raise question_not_found()
    if not group.works_on(question):
        raise question_not_for_group()
    return question


def question_not_found() -> NotFound:
    return NotFound(
        "question_not_found",
        _l("There is no such question in this workshop."),
        field="question_id",
    )


def question_not_for_group() -> Forbidden:
    return Forbidden(
        "question_not_for_group",
        _l("Your group does not work on this question."),
        field="question_id",
    )


def note_in(workshop: Workshop, note_id: str) -> Note:
    note = db.session.get(Note, note_id)
    if note is None or note.workshop_id != workshop.id:
        raise note_not_found()
    return note


def note_not_found() -> NotFound:
    return NotFound("note_not_found", _l("There is no such note."))


def require_may_change(workshop: Workshop, actor: Actor, note: Note) -> None:
    """Participants change only their own notes; facilitators any note of their workshop."""
    if isinstance(actor, Participant) and note.participant_id != actor.id:
        raise not_your_note()


def not_your_note() -> Forbidden:
    return Forbidden("not_your_note", _l("You can only change your own notes."))


def require_may_change_now(workshop: Workshop, actor: Actor) -> None:
    # Facilitators may tidy up notes after closing; participants only while the workshop is live.
    if isinstance(actor, Participant):
        require_accepts_notes(workshop)


# --- the room: locks and the current step ---


def question_state_columns():
    """(locked, open in the current step) for one question, as two columns of a statement run
    with the parameters `workshop_id` and `question_id` (also the note batch's: note_statements).

    Open: the plan is not running, or the current step is a group round that covers the question
    (none chosen covers every question). Locked: the question, its block or its section is.
    """
    workshop_id, question_id = bindparam("workshop_id"), bindparam("question_id")
    section_id = select(Question.section_id).where(Question.id == question_id).scalar_subquery()
    parent_id = select(Section.parent_id).where(Section.id == section_id).scalar_subquery()
    locked = exists().where(
        Lock.workshop_id == workshop_id,
        or_(Lock.question_id == question_id, Lock.section_id.in_([section_id, parent_id])),
    )
    step = (
        select(Plan.current_step_id)
        .where(Plan.workshop_id == workshop_id, Plan.status == "running")
        .scalar_subquery()
    )
    chose = step_questions.c.question_id == question_id
    chose_section = step_sections.c.section_id.in_([section_id, parent_id])
    covered = or_(
        ~exists().where(step_questions.c.step_id == step)
        & ~exists().where(step_sections.c.step_id == step),
        exists().where(and_(step_questions.c.step_id == step, chose)),
        exists().where(and_(step_sections.c.step_id == step, chose_section)),
    )
    opened = or_(
        step.is_(None), exists().where(Step.id == step, Step.kind == "group_round") & covered
    )
    return locked, opened


# Built once: building it (not running it) was most of a note's check.
QUESTION_STATE = Prepared(select(*question_state_columns()))


def question_state(
    workshop_id: int, question_id: int, connection: Connection | None = None
) -> tuple[bool, bool]:
    """(locked, open in the current step) for one question, in one statement (in the session's
    transaction, or the connection's: the note batch's)."""
    parameters = {"workshop_id": workshop_id, "question_id": question_id}
    row = QUESTION_STATE.first(connection or db.session.connection(), parameters)
    return bool(row[0]), bool(row[1])


def require_question_open(workshop: Workshop, actor: Actor, question_id: int) -> None:
    """Participants write only to questions that are not locked and that the step opens."""
    if not isinstance(actor, Participant):
        return  # facilitators may type in a flip chart at any time
    refusal = question_refusal(workshop.id, question_id)
    if refusal is not None:
        raise refusal


def question_refusal(
    workshop_id: int, question_id: int, connection: Connection | None = None
) -> Conflict | None:
    """Why a participant may not write to a question now (locked, not open), or None."""
    return refusal_of(*question_state(workshop_id, question_id, connection))


def refusal_of(locked: bool, opened: bool) -> Conflict | None:
    """Why a participant may not write to a question (locked, not open now), or None."""
    if locked:
        return Conflict(
            "question_locked",
            _l("This question is locked: its notes stay, but it takes no new ones."),
            field="question_id",
        )
    if not opened:
        return Conflict(
            "question_closed",
            _l("This question is not open in the current step."),
            field="question_id",
        )
    return None


def is_author(note: Note, actor: Actor) -> bool:
    if isinstance(actor, Participant):
        return note.participant_id == actor.id
    return note.facilitator_id == actor.id
