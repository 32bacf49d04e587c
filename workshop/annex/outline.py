"""The workshop's outline as a tree with derived labels, read in two queries."""

from sqlalchemy import select

from workshop.extensions import db
from workshop.models import Question, Section
from workshop.models.outline import format_number, name_questions


def outline_tree(workshop_id: int) -> list[dict]:
    """Sections → blocks → questions, each with its label ("A.", "1.") derived from position.

    Question labels restart under each section and follow that section's question style.
    """
    sections = db.session.scalars(
        select(Section)
        .where(Section.workshop_id == workshop_id)
        .order_by(Section.position, Section.id)
    ).all()
    questions = db.session.scalars(
        select(Question)
        .where(Question.workshop_id == workshop_id)
        .order_by(Question.position, Question.id)
    ).all()
    questions_by_section: dict[int, list[Question]] = {}
    for question in questions:
        questions_by_section.setdefault(question.section_id, []).append(question)
    children: dict[int | None, list[Section]] = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    tree = _section_nodes(None, children, questions_by_section, level=1)
    # Each question's name ("A.1"), as every page calls it: the page's links to questions.
    name_questions(tree)
    return tree


def _section_nodes(parent_id, children, questions_by_section, level: int) -> list[dict]:
    nodes = []
    for index, section in enumerate(children.get(parent_id, []), start=1):
        nodes.append(
            {
                "id": section.id,
                "heading": section.heading,
                "prompt": section.prompt or "",
                "level": level,
                "number": index,
                "number_style": section.number_style,
                "label": format_number(section.number_style, index),
                "questions": _question_nodes(section, questions_by_section.get(section.id, [])),
                "blocks": _section_nodes(section.id, children, questions_by_section, level + 1),
            }
        )
    return nodes


def _question_nodes(section: Section, questions: list[Question]) -> list[dict]:
    return [
        {
            "id": question.id,
            "text": question.text,
            "guidance": question.guidance or "",
            "number": index,
            "number_style": section.question_style,
            "label": format_number(section.question_style, index),
        }
        for index, question in enumerate(questions, start=1)
    ]


def walk_questions(tree: list[dict]):
    """Every question of the tree in document order, with the section it sits under."""
    for section in tree:
        for question in section["questions"]:
            yield section, question
        yield from walk_questions(section["blocks"])
