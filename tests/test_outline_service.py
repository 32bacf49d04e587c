"""The outline services: add, edit, reorder, delete; numbers come from position and style."""

import pytest

from tests.outline_helpers import ISSUE_EXAMPLE, question_texts
from workshop.extensions import db
from workshop.models import Conflict, DomainError, Group, Note, Question, Section, Workshop
from workshop.models.outline import HEADING_MAX, QUESTION_MAX
from workshop.services import outline as service
from workshop.services.outline_text import import_outline


@pytest.fixture
def workshop(app_ctx, make_workshop):
    """An empty workshop inside an app context."""
    return db.session.get(Workshop, make_workshop(sections=(), groups=0))


def labels(workshop) -> list[str]:
    """Every label in reading order: sections, their questions, blocks, their questions."""
    result = []
    for section in service.numbered_outline(workshop):
        result.append(section["label"] or section["heading"])
        result += [q["full_label"] for q in section["questions"]]
        for block in section["blocks"]:
            result.append(block["full_label"])
            result += [q["full_label"] for q in block["questions"]]
    return result


def test_facilitator_builds_an_outline_part_by_part(workshop):
    section = service.add_section(workshop, "  International work  ", "How can we:")
    block = service.add_section(workshop, "Partners", parent=section)
    service.add_question(section, "Who can we work for?", "Countries, companies")
    service.add_question(block, "Which criteria?")
    (node,) = service.numbered_outline(workshop)
    assert node["heading"] == "International work"
    assert node["prompt"] == "How can we:"
    assert node["level"] == 1 and node["blocks"][0]["level"] == 2
    assert node["questions"][0]["guidance"] == "Countries, companies"
    assert node["blocks"][0]["label"] == "A."
    assert labels(workshop) == ["International work", "1", "A", "A.1"]


def test_new_sections_are_numbered_like_the_ones_before_them(workshop):
    first = service.add_section(workshop, "One", number_style="roman", question_style="lower")
    second = service.add_section(workshop, "Two")
    assert (second.number_style, second.question_style) == ("roman", "lower")
    service.add_question(second, "q1")
    service.add_question(second, "q2")
    assert labels(workshop) == ["I.", "II.", "II.a", "II.b"]
    assert first.position == 0 and second.position == 1


def test_moving_a_question_renumbers_it(workshop):
    section = service.add_section(workshop, "S")
    first = service.add_question(section, "First?")
    service.add_question(section, "Second?")
    service.move_question(first, "down")
    (node,) = service.numbered_outline(workshop)
    assert [(q["label"], q["text"]) for q in node["questions"]] == [
        ("1.", "Second?"),
        ("2.", "First?"),
    ]
    service.move_question(first, "up")
    assert question_texts(service.numbered_outline(workshop)) == ["First?", "Second?"]


def test_moving_past_the_ends_is_refused(workshop):
    section = service.add_section(workshop, "S")
    only = service.add_question(section, "Only?")
    with pytest.raises(Conflict) as caught:
        service.move_question(only, "up")
    assert caught.value.code == "cannot_move"
    with pytest.raises(Conflict):
        service.move_section(section, "down")
    with pytest.raises(DomainError):
        service.move_section(section, "sideways")


def test_sections_and_blocks_move_among_their_siblings_only(workshop):
    one = service.add_section(workshop, "One")
    two = service.add_section(workshop, "Two")
    block_a = service.add_section(workshop, "Block a", parent=one)
    block_b = service.add_section(workshop, "Block b", parent=one)
    service.move_section(two, "up")
    service.move_section(block_b, "up")
    outline = service.numbered_outline(workshop)
    assert [s["heading"] for s in outline] == ["Two", "One"]
    assert [(b["label"], b["heading"]) for b in outline[1]["blocks"]] == [
        ("A.", "Block b"),
        ("B.", "Block a"),
    ]
    assert block_a.position == 1


def test_deleting_renumbers_what_follows(workshop):
    section = service.add_section(workshop, "S")
    questions = [service.add_question(section, f"Q{n}?") for n in range(1, 4)]
    service.delete_question(questions[0])
    (node,) = service.numbered_outline(workshop)
    assert [(q["label"], q["text"]) for q in node["questions"]] == [("1.", "Q2?"), ("2.", "Q3?")]
    first = service.add_section(workshop, "T")
    service.delete_section(section)
    assert [s["heading"] for s in service.numbered_outline(workshop)] == ["T"]
    assert first.position == 0
    assert db.session.scalar(db.select(db.func.count(Question.id))) == 0


def test_deleting_a_section_deletes_its_blocks_and_questions(workshop):
    import_outline(workshop, ISSUE_EXAMPLE)
    national = service.top_sections(workshop)[1]
    service.delete_section(national)
    assert db.session.scalar(db.select(db.func.count(Section.id))) == 1
    assert len(question_texts(service.numbered_outline(workshop))) == 3


def add_note(workshop, question) -> None:
    group = Group(workshop_id=workshop.id, name="G")
    db.session.add(group)
    db.session.flush()
    note_id = "9a1c0b9e-0000-4000-8000-00000000000" + str(question.id % 10)
    db.session.add(
        Note(
            id=note_id,
            workshop_id=workshop.id,
            question_id=question.id,
            group_id=group.id,
            text="A note",
        )
    )
    db.session.commit()


def test_questions_and_sections_with_notes_cannot_be_deleted(workshop):
    section = service.add_section(workshop, "S")
    block = service.add_section(workshop, "B", parent=section)
    question = service.add_question(block, "Q?")
    add_note(workshop, question)
    with pytest.raises(Conflict) as caught:
        service.delete_question(question)
    assert caught.value.code == "question_has_notes"
    with pytest.raises(Conflict) as caught:
        service.delete_section(section)
    assert caught.value.code == "section_has_notes"
    # Its text can still be corrected.
    service.edit_question(question, text="Q, corrected?")
    assert question_texts(service.numbered_outline(workshop)) == ["Q, corrected?"]


def test_edit_changes_only_what_it_is_given(workshop):
    section = service.add_section(workshop, "Heading", "Lead-in")
    service.edit_section(section, number_style="decimal")
    assert (section.heading, section.prompt, section.number_style) == (
        "Heading",
        "Lead-in",
        "decimal",
    )
    question = service.add_question(section, "Text?", "Guidance")
    service.edit_question(question, guidance="Line one  \r\nline two\r\n")
    assert (question.text, question.guidance) == ("Text?", "Line one\nline two")
    with pytest.raises(DomainError):
        service.edit_section(section, workshop_id=99)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda w, s: service.add_section(w, "   "), "heading"),
        (lambda w, s: service.add_section(w, "h" * (HEADING_MAX + 1)), "heading"),
        (lambda w, s: service.add_section(w, "ok", number_style="fancy"), "number_style"),
        (lambda w, s: service.add_question(s, ""), "text"),
        (lambda w, s: service.add_question(s, "q" * (QUESTION_MAX + 1)), "text"),
        (lambda w, s: service.add_question(s, "ok", "g" * 2001), "guidance"),
        (
            lambda w, s: service.add_section(w, "ok", parent=service.add_section(w, "b", parent=s)),
            "parent_id",
        ),
    ],
)
def test_bad_input_is_refused_with_the_field_it_concerns(workshop, call, field):
    section = service.add_section(workshop, "S")
    with pytest.raises(DomainError) as caught:
        call(workshop, section)
    assert caught.value.code == "invalid_input"
    assert caught.value.details["field"] == field


def test_headings_and_questions_stay_on_one_line(workshop):
    section = service.add_section(workshop, "Two\nlines")
    question = service.add_question(section, "Really\r\ntwo lines?")
    assert section.heading == "Two lines"
    assert question.text == "Really two lines?"


def test_limits_on_sections_and_questions(workshop, monkeypatch):
    monkeypatch.setattr(service, "MAX_SECTIONS", 2)
    monkeypatch.setattr(service, "MAX_QUESTIONS", 1)
    section = service.add_section(workshop, "One")
    service.add_section(workshop, "Two", parent=section)
    with pytest.raises(Conflict) as caught:
        service.add_section(workshop, "Three")
    assert caught.value.code == "too_many_sections"
    assert "at most 2 sections" in str(caught.value.message)
    service.add_question(section, "Q1")
    with pytest.raises(Conflict) as caught:
        service.add_question(section, "Q2")
    assert caught.value.code == "too_many_questions"


def test_numbering_a_whole_level_at_once(workshop):
    import_outline(workshop, ISSUE_EXAMPLE)
    service.set_numbering(
        workshop, section_style="roman", block_style="decimal", question_style="lower"
    )
    assert labels(workshop) == [
        "I.",
        "I.a",
        "I.b",
        "I.c",
        "II.",
        "II.1",
        "II.1.a",
        "II.1.b",
        "II.2",
        "II.2.a",
        "II.2.b",
    ]
    with pytest.raises(DomainError):
        service.set_numbering(workshop, section_style="bogus")


def test_other_workshops_sections_and_questions_are_not_found(app, make_workshop):
    mine_id = make_workshop(sections=(), groups=0)
    theirs_id = make_workshop(sections=("Theirs",), groups=0)
    with app.app_context():
        mine = db.session.get(Workshop, mine_id)
        section = service.top_sections(db.session.get(Workshop, theirs_id))[0]
        with pytest.raises(DomainError) as caught:
            service.get_section(mine, section.id)
        assert caught.value.status == 404
        with pytest.raises(DomainError) as caught:
            service.get_question(mine, section.questions[0].id)
        assert caught.value.code == "question_not_found"


def test_numbered_outline_has_the_agreed_shape(workshop):
    import_outline(workshop, ISSUE_EXAMPLE)
    section = service.numbered_outline(workshop)[1]
    assert {"id", "heading", "prompt", "label", "level", "blocks", "questions"} <= set(section)
    question = section["blocks"][0]["questions"][0]
    assert {"id", "text", "guidance", "label", "number"} <= set(question)
    assert (question["label"], question["number"]) == ("1.", 1)
