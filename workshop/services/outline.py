"""The outline: add, edit, reorder and delete sections, blocks and questions; number them."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from workshop.extensions import db
from workshop.formats import lazy_number
from workshop.models import (
    Change,
    Conflict,
    DomainError,
    Note,
    NotFound,
    Question,
    Section,
    Workshop,
)
from workshop.models.base import trimmed, unix_breaks
from workshop.models.group import Group, group_sections
from workshop.models.note import allocate_seq
from workshop.models.outline import (
    GUIDANCE_MAX,
    HEADING_MAX,
    MAX_QUESTIONS,
    MAX_SECTIONS,
    NUMBER_STYLES,
    OUTLINE_CHANGED,
    PROMPT_MAX,
    QUESTION_MAX,
)
from workshop.services import live

# The numbered tree lives in its own module; it stays part of this module's interface.
from workshop.services.outline_tree import find_question_node as find_question_node
from workshop.services.outline_tree import find_section_node as find_section_node
from workshop.services.outline_tree import iter_sections as iter_sections
from workshop.services.outline_tree import numbered_outline as numbered_outline
from workshop.services.outline_tree import outline_questions as outline_questions
from workshop.services.outline_tree import outline_with_questions as outline_with_questions

DIRECTIONS = ("up", "down")
# What a new item gets when it has no sibling to take its style from.
DEFAULT_SECTION_STYLE = "none"
DEFAULT_BLOCK_STYLE = "upper"
DEFAULT_QUESTION_STYLE = "decimal"


# --- finding ---


def top_sections(workshop: Workshop) -> list[Section]:
    statement = (
        select(Section)
        .where(Section.workshop_id == workshop.id, Section.parent_id.is_(None))
        .order_by(Section.position, Section.id)
    )
    return list(db.session.scalars(statement))


def get_section(workshop: Workshop, section_id: int) -> Section:
    section = db.session.get(Section, section_id)
    if section is None or section.workshop_id != workshop.id:
        raise section_not_found()
    return section


def get_question(workshop: Workshop, question_id: int) -> Question:
    question = db.session.get(Question, question_id)
    if question is None or question.workshop_id != workshop.id:
        raise question_not_found()
    return question


def section_not_found() -> NotFound:
    return NotFound("section_not_found", _l("There is no such section in this workshop."))


def question_not_found() -> NotFound:
    return NotFound("question_not_found", _l("There is no such question in this workshop."))


def siblings_of(section: Section) -> list[Section]:
    if section.parent is not None:
        return list(section.parent.blocks)
    workshop = db.session.get_one(Workshop, section.workshop_id)
    return top_sections(workshop)


def count_sections(workshop_id: int) -> int:
    statement = select(func.count(Section.id)).where(Section.workshop_id == workshop_id)
    return db.session.execute(statement).scalar_one()


def count_questions(workshop_id: int) -> int:
    statement = select(func.count(Question.id)).where(Question.workshop_id == workshop_id)
    return db.session.execute(statement).scalar_one()


def workshop_has_notes(workshop: Workshop) -> bool:
    statement = select(Note.id).where(Note.workshop_id == workshop.id).limit(1)
    return db.session.scalar(statement) is not None


def questions_have_notes(question_ids: list[int]) -> bool:
    if not question_ids:
        return False
    statement = select(Note.id).where(Note.question_id.in_(question_ids)).limit(1)
    return db.session.scalar(statement) is not None


# --- validation: forms check the same; this guards the API and the text import ---


def clean_heading(heading) -> str:
    heading = single_line(heading)
    if not heading:
        raise invalid("heading", _l("Enter a heading."))
    if len(heading) > HEADING_MAX:
        raise invalid(
            "heading", _l("A heading may be at most %(max)d characters.", max=HEADING_MAX)
        )
    return heading


def clean_prompt(prompt) -> str:
    prompt = multi_line(prompt)
    if len(prompt) > PROMPT_MAX:
        raise invalid(
            "prompt",
            _l("A lead-in may be at most %(max)s characters.", max=lazy_number(PROMPT_MAX)),
        )
    return prompt


def clean_question_text(text) -> str:
    text = single_line(text)
    if not text:
        raise invalid("text", _l("Enter the question."))
    if len(text) > QUESTION_MAX:
        raise invalid(
            "text",
            _l("A question may be at most %(max)s characters.", max=lazy_number(QUESTION_MAX)),
        )
    return text


def clean_guidance(guidance) -> str:
    guidance = multi_line(guidance)
    if len(guidance) > GUIDANCE_MAX:
        raise invalid(
            "guidance",
            _l("Guidance may be at most %(max)s characters.", max=lazy_number(GUIDANCE_MAX)),
        )
    return guidance


def clean_style(field: str, style) -> str:
    if style not in NUMBER_STYLES:
        raise invalid(field, _l("Choose one of the numbering styles."))
    return style


def single_line(value) -> str:
    """Headings and questions are one line each: that is what the text format can hold."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise invalid("text", _l("Enter text."))
    lines = unix_breaks(value).split("\n")
    return " ".join(trimmed(line) for line in lines if trimmed(line))


def multi_line(value) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise invalid("text", _l("Enter text."))
    lines = unix_breaks(value).split("\n")
    # Trailing spaces are invisible; dropping them keeps the text format's round trip exact.
    return trimmed("\n".join(line.rstrip() for line in lines))


def invalid(field: str, message) -> DomainError:
    return DomainError("invalid_input", message, field=field)


def check_room_for_sections(workshop_id: int, adding: int = 1) -> None:
    if count_sections(workshop_id) + adding > MAX_SECTIONS:
        raise Conflict(
            "too_many_sections",
            _l("An outline can have at most %(max)d sections and blocks.", max=MAX_SECTIONS),
        )


def check_room_for_questions(workshop_id: int, adding: int = 1) -> None:
    if count_questions(workshop_id) + adding > MAX_QUESTIONS:
        raise Conflict(
            "too_many_questions",
            _l("An outline can have at most %(max)d questions.", max=MAX_QUESTIONS),
        )


# --- sections and blocks ---


def add_section(
    workshop: Workshop,
    heading: str,
    prompt: str = "",
    parent: Section | None = None,
    number_style: str | None = None,
    question_style: str | None = None,
) -> Section:
    """Add a section (or, under `parent`, a block) at the end of its siblings."""
    if parent is not None and (parent.workshop_id != workshop.id or parent.parent_id is not None):
        raise invalid("parent_id", _l("Blocks can only be added under a top-level section."))
    check_room_for_sections(workshop.id)
    siblings = list(parent.blocks) if parent is not None else top_sections(workshop)
    section = Section(
        workshop_id=workshop.id,
        parent=parent,
        position=len(siblings),
        heading=clean_heading(heading),
        prompt=clean_prompt(prompt),
        number_style=clean_style("number_style", number_style or inherited_style(siblings, parent)),
        question_style=clean_style(
            "question_style", question_style or inherited_question_style(siblings)
        ),
    )
    db.session.add(section)
    commit_outline(workshop.id)
    return section


def inherited_style(siblings: list[Section], parent: Section | None) -> str:
    """A new section is numbered like the one before it, so a level keeps one style."""
    if siblings:
        return siblings[-1].number_style
    return DEFAULT_BLOCK_STYLE if parent is not None else DEFAULT_SECTION_STYLE


def inherited_question_style(siblings: list[Section]) -> str:
    return siblings[-1].question_style if siblings else DEFAULT_QUESTION_STYLE


def edit_section(section: Section, **changes) -> Section:
    """Change heading, prompt, number_style or question_style; absent keys stay as they are."""
    cleaners = {
        "heading": clean_heading,
        "prompt": clean_prompt,
        "number_style": lambda value: clean_style("number_style", value),
        "question_style": lambda value: clean_style("question_style", value),
    }
    apply_changes(section, changes, cleaners)
    commit_outline(section.workshop_id)
    return section


def apply_changes(item: Section | Question, changes: dict, cleaners: dict) -> None:
    """Clean every change with its field's cleaner, then set them: all of them or none."""
    cleaned = {}
    for name, value in changes.items():
        if name not in cleaners:
            raise invalid(name, _l("This field cannot be changed here."))
        cleaned[name] = cleaners[name](value)
    for name, value in cleaned.items():
        setattr(item, name, value)


def move_section(section: Section, direction: str) -> None:
    move_among(siblings_of(section), section, direction)
    commit_outline(section.workshop_id)


def delete_section(section: Section) -> None:
    """Delete a section with its blocks and questions, unless groups have written notes there."""
    if questions_have_notes(question_ids_under(section)):
        raise Conflict(
            "section_has_notes",
            _l("Groups have written notes under this section, so it cannot be deleted."),
        )
    siblings = [s for s in siblings_of(section) if s.id != section.id]
    if section.parent is not None:
        section.parent.blocks.remove(section)
    db.session.delete(section)
    renumber(siblings)
    commit_outline(section.workshop_id)


def question_ids_under(section: Section) -> list[int]:
    ids = [question.id for question in section.questions]
    for block in section.blocks:
        ids.extend(question.id for question in block.questions)
    return ids


def set_numbering(
    workshop: Workshop,
    section_style: str | None = None,
    block_style: str | None = None,
    question_style: str | None = None,
) -> None:
    """Number a whole level in one style: sections, blocks, or the questions everywhere."""
    section_style = section_style and clean_style("section_style", section_style)
    block_style = block_style and clean_style("block_style", block_style)
    question_style = question_style and clean_style("question_style", question_style)
    for section in db.session.scalars(select(Section).where(Section.workshop_id == workshop.id)):
        level_style = section_style if section.parent_id is None else block_style
        if level_style:
            section.number_style = level_style
        if question_style:
            section.question_style = question_style
    commit_outline(workshop.id)


# --- questions ---


def add_question(section: Section, text: str, guidance: str = "") -> Question:
    check_room_for_questions(section.workshop_id)
    question = Question(
        workshop_id=section.workshop_id,
        section=section,
        position=len(section.questions),
        text=clean_question_text(text),
        guidance=clean_guidance(guidance),
    )
    db.session.add(question)
    for group in groups_choosing(section):
        group.chosen_questions.append(question)
    commit_outline(section.workshop_id)
    return question


def groups_choosing(section: Section) -> list[Group]:
    """The groups that chose this heading, or the section it is a block of, whole."""
    headings = [section.id] + ([section.parent_id] if section.parent_id else [])
    statement = (
        select(Group)
        .join(group_sections, group_sections.c.group_id == Group.id)
        .where(Group.all_questions.is_(False), group_sections.c.section_id.in_(headings))
        .distinct()
    )
    return list(db.session.scalars(statement))


def edit_question(question: Question, **changes) -> Question:
    """Change text or guidance; absent keys stay as they are."""
    cleaners = {"text": clean_question_text, "guidance": clean_guidance}
    apply_changes(question, changes, cleaners)
    commit_outline(question.workshop_id)
    return question


def move_question(question: Question, direction: str) -> None:
    move_among(list(question.section.questions), question, direction)
    commit_outline(question.workshop_id)


def delete_question(question: Question) -> None:
    if questions_have_notes([question.id]):
        raise Conflict(
            "question_has_notes",
            _l("Groups have written notes on this question, so it cannot be deleted."),
        )
    section = question.section
    section.questions.remove(question)
    db.session.delete(question)
    renumber(section.questions)
    commit_outline(question.workshop_id)


# --- telling the live pages ---


def commit_outline(workshop_id: int) -> None:
    """Commit an outline edit together with an `outline:changed` change, so that participants'
    pages, the dashboard and the projector draw their questions again without a reload.

    The change carries nothing: a client reads the outline afresh (several edits in a row need one
    reading, and a catch-up never carries the outline many times over). Run the edit under
    services.live.in_order (the web layer does) to keep the feed's order in this process.
    """
    change = Change(
        workshop_id=workshop_id,
        seq=allocate_seq(workshop_id),
        kind=OUTLINE_CHANGED,
        group_id=None,
        payload={},
    )
    db.session.add(change)
    db.session.commit()
    live.publish_when_done(change)


# --- order ---


def move_among(items: list, item, direction: str) -> None:
    """Swap an item with its neighbour; positions are kept as 0, 1, 2, … among siblings."""
    if direction not in DIRECTIONS:
        raise invalid("direction", _l("Choose up or down."))
    index = next(i for i, candidate in enumerate(items) if candidate.id == item.id)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(items):
        raise Conflict(
            "cannot_move",
            _l("It is first already.") if direction == "up" else _l("It is last already."),
        )
    items[index], items[target] = items[target], items[index]
    renumber(items)


def renumber(items) -> None:
    for position, item in enumerate(items):
        item.position = position
