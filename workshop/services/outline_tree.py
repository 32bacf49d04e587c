"""The numbered outline as plain data: labels derived from position and style, never stored."""

from sqlalchemy import select

from workshop.extensions import db
from workshop.models import Question, Section, Workshop
from workshop.models.outline import format_number, join_labels, name_questions


def numbered_outline(workshop: Workshop) -> list[dict]:
    """The outline as plain data with labels derived from position.

    Each section (level 1) and block (level 2) is {"id", "heading", "prompt", "label", "number",
    "full_label", "level", "number_style", "question_style", "blocks", "questions"}; each question
    is {"id", "section_id", "text", "guidance", "label", "number", "full_label"}. `number` is the
    1-based position among siblings, `label` its formatted form ("1.", "A.", "a)", "I." or ""),
    `full_label` the labels from the top joined with dots ("II.A.1"); a question's is its name,
    unique in the workshop (models.outline.name_questions).
    """
    sections = db.session.scalars(
        select(Section)
        .where(Section.workshop_id == workshop.id)
        .order_by(Section.position, Section.id)
    ).all()
    questions = db.session.scalars(
        select(Question)
        .where(Question.workshop_id == workshop.id)
        .order_by(Question.position, Question.id)
    ).all()
    children: dict[int | None, list[Section]] = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    questions_of: dict[int, list[Question]] = {}
    for question in questions:
        questions_of.setdefault(question.section_id, []).append(question)
    outline = [
        section_node(section, number, [], children, questions_of)
        for number, section in enumerate(children.get(None, []), start=1)
    ]
    name_questions(outline)
    return outline


def section_node(section, number, parent_labels, children, questions_of) -> dict:
    label = format_number(section.number_style, number)
    labels = [*parent_labels, label]
    return {
        "id": section.id,
        "heading": section.heading,
        "prompt": section.prompt,
        "label": label,
        "number": number,
        "full_label": join_labels(labels),
        "level": 1 if section.parent_id is None else 2,
        "number_style": section.number_style,
        "question_style": section.question_style,
        "questions": [
            question_node(question, question_number, section.question_style)
            for question_number, question in enumerate(questions_of.get(section.id, []), start=1)
        ],
        "blocks": [
            section_node(block, block_number, labels, children, questions_of)
            for block_number, block in enumerate(children.get(section.id, []), start=1)
        ],
    }


def question_node(question: Question, number: int, style: str) -> dict:
    """A question's node; its `full_label` comes once the whole outline is known."""
    return {
        "id": question.id,
        "section_id": question.section_id,
        "text": question.text,
        "guidance": question.guidance,
        "label": format_number(style, number),
        "number": number,
    }


def iter_sections(outline: list[dict]):
    """Every section and block node of a numbered outline, in reading order."""
    for section in outline:
        yield section
        yield from iter_sections(section["blocks"])


def outline_questions(outline: list[dict]) -> list[dict]:
    """The question nodes of a numbered outline, in reading order."""
    return [question for section in iter_sections(outline) for question in section["questions"]]


def outline_with_questions(outline: list[dict], question_ids: set[int]) -> list[dict]:
    """The outline cut down to the given questions: they keep their numbers, and sections and
    blocks left without questions are dropped."""
    kept = []
    for section in outline:
        questions = [q for q in section["questions"] if q["id"] in question_ids]
        blocks = outline_with_questions(section["blocks"], question_ids)
        if questions or blocks:
            kept.append({**section, "questions": questions, "blocks": blocks})
    return kept


def find_section_node(outline: list[dict], section_id: int) -> dict | None:
    return next((node for node in iter_sections(outline) if node["id"] == section_id), None)


def find_question_node(outline: list[dict], question_id: int) -> dict | None:
    return next((node for node in outline_questions(outline) if node["id"] == question_id), None)
