"""Test-data factories for the annex tests: notes written straight into the database."""

import io
import uuid
from datetime import UTC, datetime, timedelta

import docx
from docx.oxml.ns import qn
from sqlalchemy import select

from workshop.extensions import db
from workshop.models import Group, Note, Question, Section, Workshop

BASE_TIME = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)


def question_ids(app, workshop_id: int) -> list[int]:
    """The workshop's questions in document order (a section's own questions, then its blocks')."""
    from workshop.annex.outline import outline_tree, walk_questions

    with app.app_context():
        return [question["id"] for _s, question in walk_questions(outline_tree(workshop_id))]


def group_ids(app, workshop_id: int) -> list[int]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(Group.id).where(Group.workshop_id == workshop_id).order_by(Group.position)
            )
        )


def add_note(
    app,
    workshop_id: int,
    text: str,
    question: int = 0,
    group: int = 0,
    participant_id: int | None = None,
    minute: int | None = None,
) -> str:
    """Write a note as the live-notes code would; question/group are indexes. Returns its id."""
    questions = question_ids(app, workshop_id)
    groups = group_ids(app, workshop_id)
    with app.app_context():
        count = db.session.scalar(
            select(db.func.count()).select_from(Note).where(Note.workshop_id == workshop_id)
        )
        created = BASE_TIME + timedelta(minutes=count if minute is None else minute)
        note = Note(
            id=str(uuid.uuid4()),
            workshop_id=workshop_id,
            question_id=questions[question],
            group_id=groups[group],
            participant_id=participant_id,
            text=text,
            created_at=created,
            updated_at=created,
        )
        db.session.add(note)
        db.session.commit()
        return note.id


def edit_note(app, note_id: str, text: str) -> None:
    with app.app_context():
        note = db.session.get(Note, note_id)
        note.text = text
        note.revision += 1
        note.updated_at = datetime.now(UTC)
        db.session.commit()


def delete_note(app, note_id: str) -> None:
    with app.app_context():
        db.session.get(Note, note_id).deleted_at = datetime.now(UTC)
        db.session.commit()


def set_workshop(app, workshop_id: int, **values) -> None:
    """Change workshop fields directly (date, document number, language, anonymity, …)."""
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        for name, value in values.items():
            setattr(workshop, name, value)
        db.session.commit()


def add_block(
    app,
    workshop_id: int,
    section_index: int,
    heading: str,
    questions: list[str],
    prompt: str = "",
    number_style: str = "upper",
) -> None:
    """Add a block (second-level section) with questions under a top-level section."""
    with app.app_context():
        sections = db.session.scalars(
            select(Section)
            .where(Section.workshop_id == workshop_id, Section.parent_id.is_(None))
            .order_by(Section.position)
        ).all()
        parent = sections[section_index]
        position = len(parent.blocks)
        block = Section(
            workshop_id=workshop_id,
            parent_id=parent.id,
            heading=heading,
            prompt=prompt,
            position=position,
            number_style=number_style,
        )
        db.session.add(block)
        db.session.flush()
        for index, text in enumerate(questions):
            db.session.add(
                Question(workshop_id=workshop_id, section_id=block.id, position=index, text=text)
            )
        db.session.commit()


def workshop_in(app, workshop_id: int):
    """The Workshop row, for calling services inside an app context."""
    return db.session.get(Workshop, workshop_id)


def call(app, service, workshop_id: int, *args, **kwargs):
    """Run an annex service on the workshop inside an app context; returns plain results."""
    with app.app_context():
        result = service(db.session.get(Workshop, workshop_id), *args, **kwargs)
        return getattr(result, "id", result)


def exported(app, workshop_id: int, format_name: str = "md", version: int | None = None):
    """The export's content (text for text formats, bytes otherwise) as a user downloads it."""
    from workshop.annex.export import export_annex

    with app.app_context():
        result = export_annex(db.session.get(Workshop, workshop_id), format_name, version)
        return result.content.decode("utf-8") if result.renderer.is_text else result.content


def point_ids(app, workshop_id: int, question: int = 0, pending: bool | None = False) -> list[int]:
    """The ids of a question's points in their order (compiling first, as the page does)."""
    from workshop.annex.curate import question_points
    from workshop.annex.sync import compile_annex

    questions = question_ids(app, workshop_id)
    with app.app_context():
        annex = compile_annex(db.session.get(Workshop, workshop_id))
        points = question_points(annex, questions[question])
        return [p.id for p in points if pending is None or p.pending == pending]


def word_paragraphs(content: bytes) -> list[dict]:
    """Each paragraph: style, text, and its list level and number format from numbering.xml."""
    document = docx.Document(io.BytesIO(content))
    numbering = document.part.numbering_part.element
    abstract_formats = {
        a.get(qn("w:abstractNumId")): {
            int(lvl.get(qn("w:ilvl"))): lvl.find(qn("w:numFmt")).get(qn("w:val"))
            for lvl in a.findall(qn("w:lvl"))
        }
        for a in numbering.findall(qn("w:abstractNum"))
    }
    num_formats = {
        int(n.get(qn("w:numId"))): abstract_formats[n.find(qn("w:abstractNumId")).get(qn("w:val"))]
        for n in numbering.findall(qn("w:num"))
    }
    rows = []
    for paragraph in document.paragraphs:
        properties = paragraph._p.pPr
        num_pr = properties.numPr if properties is not None else None
        num = int(num_pr.numId.val) if num_pr is not None else None
        level = int(num_pr.ilvl.val) if num_pr is not None else None
        rows.append(
            {
                "style": paragraph.style.name,
                "text": paragraph.text,
                "num": num,
                "level": level,
                "format": num_formats[num][level] if num is not None else None,
                "bold": any(run.bold for run in paragraph.runs),
            }
        )
    return rows
